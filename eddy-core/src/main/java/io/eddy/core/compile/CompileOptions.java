package io.eddy.core.compile;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * How to compile a flow. The defaults produce the export; runs and tests add run-only options
 * (startup mode, bounded reading, a Kafka override, secret values, a tap). Event time and lateness
 * are not an option: every compiled source emits a watermark per event (see docs/sql-export.md).
 *
 * @param flowId shown in the header comment when known
 * @param exportTime shown in the header comment
 * @param startupMode where sources start reading
 * @param bounded read each source only up to the latest offset at start, so the job ends
 * @param kafkaOverride bootstrap servers that replace every source's and destination's cluster (and
 *     their credentials); null to keep them
 * @param secrets resolves secret references and is used instead of references when present: null
 *     for an export (secrets become {@code ${NAME}} references)
 * @param tap where to also write one node's output for a live results view or a test; null for none
 * @param consumerGroup Kafka consumer group prefix for sources
 * @param counts where to also write the run's counts per node (events read, nulled, out, late);
 *     null for none (an export never counts)
 */
public record CompileOptions(
    String flowId,
    Instant exportTime,
    StartupMode startupMode,
    boolean bounded,
    String kafkaOverride,
    Function<String, Optional<String>> secrets,
    Tap tap,
    String consumerGroup,
    Counts counts) {

  /**
   * Also write the events of node {@code nodeId} (null: the flow's output, its last connected node)
   * to {@code topic}, an internal Kafka topic the engine reads back for the results view.
   */
  public record Tap(String nodeId, String topic, String bootstrapServers) {}

  /** An internal Kafka topic for the run's counts per node, read back by the engine. */
  public record Counts(String topic, String bootstrapServers) {}

  /** The options of an SQL export. */
  public static CompileOptions export() {
    return new CompileOptions(
        null, Instant.now(), StartupMode.EARLIEST, false, null, null, null, "eddy", null);
  }

  public CompileOptions withFlowId(String id) {
    return new CompileOptions(
        id, exportTime, startupMode, bounded, kafkaOverride, secrets, tap, consumerGroup, counts);
  }

  public CompileOptions withExportTime(Instant time) {
    return new CompileOptions(
        flowId, time, startupMode, bounded, kafkaOverride, secrets, tap, consumerGroup, counts);
  }

  public CompileOptions withStartupMode(StartupMode mode) {
    return new CompileOptions(
        flowId, exportTime, mode, bounded, kafkaOverride, secrets, tap, consumerGroup, counts);
  }

  public CompileOptions withBounded(boolean value) {
    return new CompileOptions(
        flowId, exportTime, startupMode, value, kafkaOverride, secrets, tap, consumerGroup, counts);
  }

  public CompileOptions withKafkaOverride(String bootstrapServers) {
    return new CompileOptions(
        flowId,
        exportTime,
        startupMode,
        bounded,
        bootstrapServers,
        secrets,
        tap,
        consumerGroup,
        counts);
  }

  /** Use secret values: those in the document, and {@code resolver} for references. */
  public CompileOptions withSecrets(Function<String, Optional<String>> resolver) {
    return new CompileOptions(
        flowId,
        exportTime,
        startupMode,
        bounded,
        kafkaOverride,
        resolver,
        tap,
        consumerGroup,
        counts);
  }

  public CompileOptions withTap(Tap value) {
    return new CompileOptions(
        flowId,
        exportTime,
        startupMode,
        bounded,
        kafkaOverride,
        secrets,
        value,
        consumerGroup,
        counts);
  }

  public CompileOptions withConsumerGroup(String group) {
    return new CompileOptions(
        flowId, exportTime, startupMode, bounded, kafkaOverride, secrets, tap, group, counts);
  }

  public CompileOptions withCounts(Counts value) {
    return new CompileOptions(
        flowId,
        exportTime,
        startupMode,
        bounded,
        kafkaOverride,
        secrets,
        tap,
        consumerGroup,
        value);
  }
}
