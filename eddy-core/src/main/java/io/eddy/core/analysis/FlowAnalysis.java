package io.eddy.core.analysis;

import io.eddy.core.model.Flow;
import io.eddy.core.model.Node;
import io.eddy.core.model.Property;
import io.eddy.core.nodes.NodeFacts;
import io.eddy.core.nodes.NodeInput;
import io.eddy.core.nodes.NodeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the analyser found out about a flow: per node its type, config, inputs, status,
 * problems and output, in topological order; and the flow's own problems (connections, export
 * rules). The compiler works from it.
 */
public record FlowAnalysis(
    Flow flow, List<Result> results, List<Problem> flowProblems, List<String> exportedNodeIds) {

  /**
   * The analysis of one node. {@code type} and {@code config} are null when unreadable; {@code
   * changelogKey} is the key of a changelog output (see {@code NodeAnalysis.changelog}); {@code
   * facts} is what the node's SQL needs from its analysis (the compiler hands it to the node type).
   */
  public record Result(
      Node node,
      NodeType<?> type,
      Object config,
      List<NodeInput> inputs,
      NodeStatus status,
      List<Problem> problems,
      List<Property> output,
      List<String> changelogKey,
      NodeFacts facts) {

    public Result {
      problems = List.copyOf(problems);
      changelogKey = changelogKey == null ? List.of() : List.copyOf(changelogKey);
      facts = facts == null ? NodeFacts.NONE : facts;
    }

    /** True when the node's output is a changelog (a versioned table) rather than events. */
    public boolean changelog() {
      return !changelogKey.isEmpty();
    }

    /** The problems' messages, errors first. */
    public List<String> messages() {
      return problems.stream().map(Problem::message).toList();
    }
  }

  public Optional<Result> result(String nodeId) {
    return results.stream().filter(r -> r.node().id().equals(nodeId)).findFirst();
  }

  /** The messages of the flow's own problems. */
  public List<String> problems() {
    return flowProblems.stream().map(Problem::message).toList();
  }

  public boolean exportable() {
    return flowProblems.isEmpty();
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
                        r.problems(),
                        r.output()))
            .toList();
    boolean valid =
        flowProblems.isEmpty() && nodes.stream().allMatch(n -> n.status() == NodeStatus.VALID);
    List<Problem> details = new ArrayList<>(flowProblems);
    nodes.forEach(n -> details.addAll(n.problems()));
    return new FlowReport(valid, problems(), details, nodes);
  }
}
