package io.eddy.server.runs;

import io.eddy.core.model.Node;
import io.eddy.core.model.Property;
import io.eddy.engine.ResultStream;
import io.eddy.engine.RunHandle;
import io.eddy.engine.RunStatus;
import io.eddy.engine.counts.RunCounts;
import java.time.Instant;
import java.util.List;

/** A run of a flow: submitted in the background, then observed through Flink. */
final class Run {
  final String flowId;
  final long revision;
  final String mode;
  final List<Property> output;
  final String topic;
  final Node previewed;
  final Instant requestedAt = Instant.now();
  volatile RunHandle handle;
  volatile String submitError;
  volatile boolean stopRequested;
  volatile ResultStream stream;
  volatile long eventsOut;
  volatile RunStatus lastStatus;
  final String countsTopic;
  final RunCounts counts = new RunCounts();
  volatile ResultStream countsStream;

  Run(
      String flowId,
      long revision,
      String mode,
      List<Property> output,
      String topic,
      String countsTopic,
      Node previewed) {
    this.countsTopic = countsTopic;
    this.flowId = flowId;
    this.revision = revision;
    this.mode = mode;
    this.output = output;
    this.topic = topic;
    this.previewed = previewed;
  }

  boolean submitted() {
    return handle != null;
  }
}
