package io.eddy.engine.flowtest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.model.Property;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The output of a flow test.
 *
 * @param nodeId the node whose output this is (the last node, or the one asked for)
 * @param nodeName its name
 * @param properties its output properties, in order
 * @param events its events in the order produced, timestamps as {@code yyyy-MM-dd HH:mm:ss.SSS}
 * @param jobId the Flink job that ran
 * @param duration how long the whole test took
 * @param written when asked for and the node is an event destination: each message it wrote as
 *     {@code {"key": text or null, "headers": {"name": text}, "value": {...}}}, in topic order
 * @param counts per node id, the run's counts ({@link io.eddy.engine.counts.RunCounts#toMap});
 *     empty unless the runner was asked for them ({@link FlowTestRunner#withStats})
 */
public record FlowTestResult(
    String nodeId,
    String nodeName,
    List<Property> properties,
    List<ObjectNode> events,
    String jobId,
    Duration duration,
    List<ObjectNode> written,
    Map<String, Map<String, Object>> counts) {

  public FlowTestResult(
      String nodeId,
      String nodeName,
      List<Property> properties,
      List<ObjectNode> events,
      String jobId,
      Duration duration) {
    this(nodeId, nodeName, properties, events, jobId, duration, List.of(), Map.of());
  }

  /** {@link #written} as JSON lines. */
  public String writtenLines() {
    StringBuilder out = new StringBuilder();
    for (ObjectNode e : written) {
      out.append(e.toString()).append('\n');
    }
    return out.toString();
  }

  /** The events as JSON lines, one object per line, each line ended by a newline. */
  public String jsonLines() {
    StringBuilder out = new StringBuilder();
    for (ObjectNode e : events) {
      out.append(e.toString()).append('\n');
    }
    return out.toString();
  }
}
