package io.eddy.core.nodes;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a node type does beyond its SQL, for code that must treat such nodes alike without naming
 * node types: tests redirect every Kafka node to their own broker, a sink's events are those of its
 * input.
 */
public enum Role {
  /** Reads events from a Kafka topic (see {@link NodeType#connectTo}). */
  READS_KAFKA("readsKafka"),
  /** Writes events to a Kafka topic (see {@link NodeType#connectTo}). */
  WRITES_KAFKA("writesKafka"),
  /** Writes its input somewhere and defines no relation to read back: a sink table. */
  SINK("sink"),
  /**
   * Works on each event alone: what it gives for an event never depends on event time's progress
   * (watermarks). A flow made only of such nodes declares no watermark (docs/sql-export.md, "Event
   * time and lateness"); a node type that does not declare it is assumed to need one.
   */
  PER_EVENT("perEvent");

  private final String json;

  Role(String json) {
    this.json = json;
  }

  @JsonValue
  public String json() {
    return json;
  }
}
