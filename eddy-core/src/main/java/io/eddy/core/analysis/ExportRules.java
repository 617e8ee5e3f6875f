package io.eddy.core.analysis;

import io.eddy.core.model.Edge;
import io.eddy.core.model.Flow;
import io.eddy.core.model.Node;
import io.eddy.core.nodes.NodeTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The three prerequisites of an SQL export (as in IBM Event Processing 1.0): the sources are
 * connected to the same graph; the connected nodes are configured and valid; the graph ends with
 * only one node.
 */
final class ExportRules {
  private ExportRules() {}

  /** Adds failed rules to {@code problems}; returns the ids of the nodes an export contains. */
  static List<String> check(
      Flow flow,
      NodeTypes registry,
      Map<String, Node> byId,
      List<Edge> edges,
      Map<String, FlowAnalysis.Result> results,
      List<Problem> problems) {
    // An event source is a node without inputs.
    List<Node> sources =
        flow.nodes().stream()
            .filter(n -> byId.get(n.id()) == n)
            .filter(n -> registry.get(n.type()).map(t -> t.inputPorts().isEmpty()).orElse(false))
            .toList();
    if (sources.isEmpty()) {
      problems.add(
          Problem.ofFlow(
              "export.no-source",
              "The flow has no event source: add one to read events from a Kafka topic."));
      return List.of();
    }
    Map<String, Set<String>> neighbours = new HashMap<>();
    for (Edge e : edges) {
      neighbours.computeIfAbsent(e.from(), k -> new HashSet<>()).add(e.to());
      neighbours.computeIfAbsent(e.to(), k -> new HashSet<>()).add(e.from());
    }
    Set<String> graph = reachable(sources.get(0).id(), neighbours);
    List<Node> apart = sources.stream().filter(s -> !graph.contains(s.id())).toList();
    if (!apart.isEmpty()) {
      problems.add(
          rule(
              "export.sources-apart",
              "Rule 1 — the event sources must be connected to the same graph: "
                  + names(apart)
                  + (apart.size() == 1 ? " is" : " are")
                  + " not connected to "
                  + names(List.of(sources.get(0)))
                  + "."));
    }
    List<Node> connected =
        flow.nodes().stream().filter(n -> graph.contains(n.id()) && byId.get(n.id()) == n).toList();
    List<String> notValid = new ArrayList<>();
    for (Node n : connected) {
      FlowAnalysis.Result r = results.get(n.id());
      if (r == null || r.status() != NodeStatus.VALID) {
        notValid.add(
            "`"
                + FlowAnalyzer.displayName(n)
                + "` ("
                + (r == null ? "error" : r.status().json())
                + ")");
      }
    }
    if (!notValid.isEmpty()) {
      problems.add(
          rule(
              "export.nodes-not-valid",
              "Rule 2 — the connected nodes must be configured and valid: "
                  + String.join(", ", notValid)
                  + (notValid.size() == 1 ? " is not." : " are not.")));
    }
    Set<String> hasOutgoing = edges.stream().map(Edge::from).collect(Collectors.toSet());
    List<Node> ends = connected.stream().filter(n -> !hasOutgoing.contains(n.id())).toList();
    if (ends.size() != 1) {
      problems.add(
          rule(
              "export.more-than-one-end",
              "Rule 3 — the graph must end with only one node, but it ends with "
                  + (ends.isEmpty() ? "none (it is a cycle)" : names(ends))
                  + ": connect them so that one node is last."));
    }
    return connected.stream().map(Node::id).toList();
  }

  private static Problem rule(String code, String message) {
    return Problem.ofFlow(code, message);
  }

  private static Set<String> reachable(String start, Map<String, Set<String>> neighbours) {
    Set<String> seen = new HashSet<>();
    List<String> todo = new ArrayList<>(List.of(start));
    while (!todo.isEmpty()) {
      String id = todo.remove(todo.size() - 1);
      if (seen.add(id)) {
        todo.addAll(neighbours.getOrDefault(id, Set.of()));
      }
    }
    return seen;
  }

  private static String names(List<Node> nodes) {
    return nodes.stream()
        .map(n -> "`" + FlowAnalyzer.displayName(n) + "`")
        .collect(Collectors.joining(", "));
  }
}
