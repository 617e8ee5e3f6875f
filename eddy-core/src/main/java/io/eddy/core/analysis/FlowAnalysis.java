package io.eddy.core.analysis;

import io.eddy.core.model.Flow;
import io.eddy.core.model.Node;
import io.eddy.core.model.Property;
import io.eddy.core.nodes.NodeInput;
import io.eddy.core.nodes.NodeType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the analyser found out about a flow: per node its type, config, inputs, status,
 * messages and output, in topological order; and the flow's problems. The compiler works from it.
 */
public record FlowAnalysis(
    Flow flow, List<Result> results, List<String> problems, List<String> exportedNodeIds) {

  /** The analysis of one node. {@code type} and {@code config} are null when unreadable. */
  public record Result(
      Node node,
      NodeType<?> type,
      Object config,
      List<NodeInput> inputs,
      NodeStatus status,
      List<String> messages,
      List<Property> output) {}

  public Optional<Result> result(String nodeId) {
    return results.stream().filter(r -> r.node().id().equals(nodeId)).findFirst();
  }

  public boolean exportable() {
    return problems.isEmpty();
  }

  /** The report of {@code eddy validate --json}, nodes in document order. */
  public FlowReport report() {
    Map<String, Result> byId = new java.util.HashMap<>();
    results.forEach(r -> byId.putIfAbsent(r.node().id(), r));
    List<NodeReport> nodes =
        flow.nodes().stream()
            .map(
                n ->
                    results.stream()
                        .filter(r -> r.node() == n)
                        .findFirst()
                        .orElse(byId.get(n.id())))
            .map(
                r ->
                    new NodeReport(
                        r.node().id(),
                        r.node().name(),
                        r.node().type(),
                        r.status(),
                        r.messages(),
                        r.output()))
            .toList();
    boolean valid =
        problems.isEmpty() && nodes.stream().allMatch(n -> n.status() == NodeStatus.VALID);
    return new FlowReport(valid, problems, nodes);
  }
}
