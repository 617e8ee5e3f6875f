package io.eddy.core.analysis;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Edge;
import io.eddy.core.model.Flow;
import io.eddy.core.model.Node;
import io.eddy.core.model.Property;
import io.eddy.core.nodes.NodeAnalysis;
import io.eddy.core.nodes.NodeContext;
import io.eddy.core.nodes.NodeFacts;
import io.eddy.core.nodes.NodeInput;
import io.eddy.core.nodes.NodeType;
import io.eddy.core.nodes.NodeTypes;
import io.eddy.core.nodes.Role;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Computes each node's status, messages and output properties through the graph (structure first,
 * then each node type's checks, expressions by Flink's planner), and checks the SQL export rules.
 */
public final class FlowAnalyzer {
  private static final ObjectMapper CONFIG_READER = FlowDocuments.configMapper();

  private final ExpressionChecker expressions;
  private final NodeTypes registry;

  /** An analyser of flows made of the standard node types. */
  public FlowAnalyzer(ExpressionChecker expressions) {
    this(expressions, NodeTypes.standard());
  }

  public FlowAnalyzer(ExpressionChecker expressions, NodeTypes registry) {
    this.expressions = expressions;
    this.registry = registry;
  }

  /** The node types this analyser knows. */
  public NodeTypes registry() {
    return registry;
  }

  public ExpressionChecker expressions() {
    return expressions;
  }

  public FlowReport report(Flow flow) {
    return analyse(flow).report();
  }

  public FlowAnalysis analyse(Flow flow) {
    // By identity: a node's hash would walk its whole JSON config (a share of every analysis), and
    // two equal nodes in one document (a duplicate) each have problems of their own.
    Map<Node, List<Problem>> structural = new IdentityHashMap<>();
    flow.nodes().forEach(n -> structural.put(n, new ArrayList<>()));
    List<Problem> problems = new ArrayList<>();
    Map<String, Node> byId = checkNodes(flow, structural);
    List<Edge> edges = checkEdges(flow, byId, structural, problems);

    Map<String, List<Edge>> incoming = new HashMap<>();
    Map<String, List<Edge>> outgoing = new HashMap<>();
    for (Edge e : edges) {
      incoming.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
      outgoing.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
    }
    List<Node> order = topologicalOrder(flow, byId, incoming, outgoing, structural);

    Map<String, FlowAnalysis.Result> results = new HashMap<>();
    List<FlowAnalysis.Result> ordered = new ArrayList<>();
    for (Node node : order) {
      FlowAnalysis.Result r =
          analyseNode(
              node,
              structural.get(node),
              incoming.getOrDefault(node.id(), List.of()),
              outgoing.getOrDefault(node.id(), List.of()),
              byId,
              results);
      if (byId.get(node.id()) == node) {
        results.put(node.id(), r);
      }
      ordered.add(r);
    }
    List<String> exported = ExportRules.check(flow, registry, byId, edges, results, problems);
    return new FlowAnalysis(flow, ordered, problems, exported);
  }

  private Map<String, Node> checkNodes(Flow flow, Map<Node, List<Problem>> structural) {
    Map<String, Node> byId = new HashMap<>();
    Map<String, List<Node>> byName = new HashMap<>();
    for (Node n : flow.nodes()) {
      List<Problem> messages = structural.get(n);
      if (!n.id().matches("[A-Za-z0-9_-]{1,64}")) {
        messages.add(
            err(
                "node.id-invalid",
                "Node id `" + n.id() + "` must be 1 to 64 letters, digits, '_' or '-'."));
      }
      if (byId.putIfAbsent(n.id(), n) != null) {
        messages.add(
            err(
                "node.id-duplicate",
                "Node id `" + n.id() + "` is used by more than one node: ids must be unique."));
        structural
            .get(byId.get(n.id()))
            .add(
                err(
                    "node.id-duplicate",
                    "Node id `" + n.id() + "` is used by more than one node: ids must be unique."));
      }
      if (n.name() == null || n.name().isBlank()) {
        messages.add(err("node.name-missing", "Give the node a name."));
      } else {
        if (n.name().length() > 128) {
          messages.add(err("node.name-too-long", "The node name is longer than 128 characters."));
        }
        byName
            .computeIfAbsent(
                io.eddy.core.sql.Sql.relation(n.name()).toLowerCase(Locale.ROOT),
                k -> new ArrayList<>())
            .add(n);
      }
      if (registry.get(n.type()).isEmpty()) {
        messages.add(
            err(
                "node.type-unknown",
                "Unknown node type `"
                    + n.type()
                    + "`: use one of "
                    + registry.types().stream()
                        .map(NodeType::type)
                        .collect(Collectors.joining(", "))
                    + "."));
      }
    }
    for (List<Node> same : byName.values()) {
      if (same.size() > 1) {
        for (Node n : same) {
          structural
              .get(n)
              .add(
                  err(
                      "node.name-duplicate",
                      "Another node is also named `" + n.name() + "`: node names must be unique."));
        }
      }
    }
    return byId;
  }

  private List<Edge> checkEdges(
      Flow flow,
      Map<String, Node> byId,
      Map<Node, List<Problem>> structural,
      List<Problem> problems) {
    List<Edge> edges = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Edge e : flow.edges()) {
      Node from = byId.get(e.from());
      Node to = byId.get(e.to());
      if (from == null || to == null) {
        problems.add(
            Problem.ofFlow(
                "edge.unknown-node",
                "The connection from `"
                    + e.from()
                    + "` to `"
                    + e.to()
                    + "` names a node that does not exist."));
        continue;
      }
      if (e.from().equals(e.to())) {
        structural.get(to).add(err("edge.self", "The node is connected to itself."));
        continue;
      }
      var type = registry.get(to.type());
      if (type.isPresent()) {
        List<String> ports = type.get().inputPorts();
        if (ports.isEmpty()) {
          structural
              .get(to)
              .add(
                  err(
                      "edge.into-source",
                      "An event source has no inputs, but `"
                          + displayName(from)
                          + "` is connected to it."));
          continue;
        }
        if (ports.size() > 1 && (e.port() == null || !ports.contains(e.port()))) {
          structural
              .get(to)
              .add(
                  err(
                      "edge.port-invalid",
                      "The input from `"
                          + displayName(from)
                          + "` must be connected to port "
                          + String.join(" or ", ports)
                          + "."));
          continue;
        }
      }
      if (!seen.add(e.from() + "\u0000" + e.to() + "\u0000" + e.port())) {
        continue; // the same connection twice means the same thing
      }
      edges.add(e);
    }
    return edges;
  }

  private static List<Node> topologicalOrder(
      Flow flow,
      Map<String, Node> byId,
      Map<String, List<Edge>> incoming,
      Map<String, List<Edge>> outgoing,
      Map<Node, List<Problem>> structural) {
    Map<String, Integer> remaining = new HashMap<>();
    byId.keySet().forEach(id -> remaining.put(id, incoming.getOrDefault(id, List.of()).size()));
    Deque<String> ready = new ArrayDeque<>();
    flow.nodes().stream()
        .map(Node::id)
        .distinct()
        .filter(id -> remaining.get(id) == 0)
        .forEach(ready::add);
    List<Node> order = new ArrayList<>();
    Set<String> done = new HashSet<>();
    while (!ready.isEmpty()) {
      String id = ready.poll();
      done.add(id);
      order.add(byId.get(id));
      for (Edge e : outgoing.getOrDefault(id, List.of())) {
        if (remaining.merge(e.to(), -1, Integer::sum) == 0) {
          ready.add(e.to());
        }
      }
    }
    for (Node n : flow.nodes()) {
      if (byId.get(n.id()) != n) {
        order.add(n); // a duplicate id: reported, analysed without inputs
      } else if (!done.contains(n.id())) {
        structural
            .get(n)
            .add(
                err(
                    "node.cycle",
                    "The node is part of a cycle: events cannot flow back to an earlier node."));
        order.add(n);
      }
    }
    return order;
  }

  private FlowAnalysis.Result analyseNode(
      Node node,
      List<Problem> structural,
      List<Edge> incoming,
      List<Edge> outgoing,
      Map<String, Node> byId,
      Map<String, FlowAnalysis.Result> results) {
    NodeType<?> type = registry.get(node.type()).orElse(null);
    if (type == null) {
      return new FlowAnalysis.Result(
          node,
          null,
          null,
          List.of(),
          NodeStatus.ERROR,
          structural.stream().map(p -> p.of(node.id())).toList(),
          List.of(),
          List.of(),
          NodeFacts.NONE);
    }
    List<Problem> errors = new ArrayList<>(structural);
    List<Problem> missing = new ArrayList<>();
    Object config = null;
    if (node.config() == null || node.config().isEmpty()) {
      missing.add(
          Problem.missing(
              null,
              "config.missing",
              "Configure this " + type.label().toLowerCase(Locale.ROOT) + "."));
    } else {
      try {
        config = CONFIG_READER.treeToValue(node.config(), type.configClass());
      } catch (JsonMappingException e) {
        String problem = FlowDocuments.configProblem(e);
        errors.add(
            Problem.error(
                path(e),
                "config.malformed",
                "The configuration is malformed at `"
                    + path(e)
                    + "`: "
                    + (problem != null ? problem + "." : firstLine(e.getOriginalMessage()))));
      } catch (Exception e) {
        errors.add(
            err(
                "config.malformed",
                "The configuration is malformed: " + firstLine(e.getMessage())));
      }
    }

    List<NodeInput> inputs = new ArrayList<>();
    boolean inputsReady =
        inputs(node, type, incoming, byId, results, inputs, errors, missing, config != null);
    List<Property> output = List.of();
    List<String> changelogKey = List.of();
    NodeFacts facts = NodeFacts.NONE;
    if (config != null && inputsReady && structural.isEmpty()) {
      NodeAnalysis analysis = new NodeAnalysis();
      try {
        analyseTyped(type, config, new NodeContext(node, inputs, expressions), analysis);
      } catch (RuntimeException | AssertionError | StackOverflowError | LinkageError e) {
        // A failure inside a node's checks (Flink's planner throws Errors for some inputs) is a
        // problem of this node, never of the whole analysis.
        analysis.error(
            null,
            "config.unchecked",
            "The configuration could not be checked: "
                + firstLine(
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      }
      for (Problem p : analysis.problems()) {
        (p.severity() == Problem.Severity.MISSING ? missing : errors).add(p);
      }
      output = analysis.output();
      changelogKey = analysis.changelogKey();
      facts = analysis.facts();
      if (analysis.updatesAt() != null) {
        updateUses(analysis.updatesAt(), outgoing, byId, errors);
      }
      if (!changelogKey.isEmpty()) {
        changelogUses(outgoing, byId, errors, missing);
      }
    }
    NodeStatus status =
        !errors.isEmpty()
            ? NodeStatus.ERROR
            : !missing.isEmpty() ? NodeStatus.UNCONFIGURED : NodeStatus.VALID;
    List<Problem> problems = new ArrayList<>(errors);
    problems.addAll(missing);
    return new FlowAnalysis.Result(
        node,
        type,
        config,
        inputs,
        status,
        problems.stream().map(p -> p.of(node.id())).toList(),
        output,
        changelogKey,
        facts);
  }

  /**
   * A changelog (updates and deletions of a versioned table) may go only where a node takes one:
   * other nodes expect events and would receive updates they cannot handle, and a Kafka destination
   * would need upserts. The problem is the changelog node's, at its {@code changelog} setting.
   */
  private void changelogUses(
      List<Edge> outgoing, Map<String, Node> byId, List<Problem> errors, List<Problem> missing) {
    List<String> takers =
        registry.types().stream()
            .filter(t -> !t.changelogPorts().isEmpty())
            .map(
                t ->
                    "the "
                        + String.join(" or ", t.changelogPorts())
                        + " port of a "
                        + t.label().toLowerCase(Locale.ROOT))
            .toList();
    String where = takers.isEmpty() ? "no node" : String.join(" or ", takers);
    if (outgoing.isEmpty()) {
      missing.add(
          Problem.missing(
              "changelog",
              "changelog.unused",
              "A changelog source is read as a versioned table: connect it to " + where + "."));
      return;
    }
    for (Edge e : outgoing) {
      Node to = byId.get(e.to());
      boolean takes =
          registry
              .get(to.type())
              .map(
                  t ->
                      e.port() != null
                          ? t.changelogPorts().contains(e.port())
                          // An edge to a node with one port names no port.
                          : t.inputPorts().size() == 1 && t.changelogPorts().equals(t.inputPorts()))
              .orElse(false);
      if (!takes) {
        errors.add(
            Problem.error(
                "changelog",
                "changelog.not-events",
                "`"
                    + displayName(to)
                    + "` cannot take this changelog source: its messages are updates and"
                    + " deletions of a versioned table, not events. Connect it only to "
                    + where
                    + ", or read the topic as events (without changelog)."));
      }
    }
  }

  /**
   * Results that are updates (e.g. a custom SQL GROUP BY without a time window) cannot go on: a
   * Kafka destination appends events and cannot take updates, and the other nodes take events. The
   * problem is the updating node's, at {@code field}.
   */
  private void updateUses(
      String field, List<Edge> outgoing, Map<String, Node> byId, List<Problem> errors) {
    for (Edge e : outgoing) {
      Node to = byId.get(e.to());
      errors.add(
          Problem.error(
              field,
              "output.updates",
              "`"
                  + displayName(to)
                  + "` cannot follow: Flink plans these results as updates of earlier results"
                  + " (e.g. a count per key that changes with each event, from a GROUP BY"
                  + " without a time window), not as new events, and "
                  + (writesKafka(to)
                      ? "a Kafka destination only appends events."
                      : "it takes events.")
                  + " Group per time window (TUMBLE, HOP or CUMULATE) to get one event per"
                  + " window."));
    }
  }

  private boolean writesKafka(Node node) {
    return registry.get(node.type()).map(t -> t.roles().contains(Role.WRITES_KAFKA)).orElse(false);
  }

  private static Problem err(String code, String message) {
    return Problem.error(null, code, message);
  }

  /** Collects the node's inputs; false when they are not all connected and valid. */
  private static boolean inputs(
      Node node,
      NodeType<?> type,
      List<Edge> incoming,
      Map<String, Node> byId,
      Map<String, FlowAnalysis.Result> results,
      List<NodeInput> inputs,
      List<Problem> errors,
      List<Problem> missing,
      boolean configured) {
    List<String> ports = type.inputPorts();
    if (ports.isEmpty()) {
      return true;
    }
    boolean ready = true;
    List<Edge> sorted = new ArrayList<>(incoming);
    sorted.sort(Comparator.comparingInt(e -> ports.size() == 1 ? 0 : ports.indexOf(e.port())));
    for (String port : ports) {
      List<Edge> here =
          sorted.stream().filter(e -> ports.size() == 1 || port.equals(e.port())).toList();
      String where = ports.size() == 1 ? "an input" : "an input to port `" + port + "`";
      // Only a node with one port takes several inputs there (combine); a join takes one per port.
      boolean many = ports.size() == 1 && type.manyInputs();
      int fewest = many ? Math.max(1, type.minInputs()) : 1;
      if (here.size() < fewest) {
        String message =
            here.isEmpty() && fewest == 1
                ? "Connect " + where + "."
                : "Connect at least "
                    + fewest
                    + " inputs ("
                    + here.size()
                    + (here.size() == 1 ? " is" : " are")
                    + " connected).";
        (configured ? errors : missing)
            .add(
                configured
                    ? err("input.missing", message)
                    : Problem.missing(null, "input.missing", message));
        ready = false;
        continue;
      }
      if (here.size() > 1 && !many) {
        errors.add(
            err(
                "input.too-many",
                "There is more than one input"
                    + (ports.size() == 1 ? "" : " on port `" + port + "`")
                    + " ("
                    + here.stream()
                        .map(e -> "`" + displayName(byId.get(e.from())) + "`")
                        .collect(Collectors.joining(", "))
                    + "): a "
                    + type.label().toLowerCase(Locale.ROOT)
                    + " takes "
                    + (ports.size() == 1 ? "one." : "one per port.")));
        ready = false;
        continue;
      }
      for (Edge edge : here) {
        Node from = byId.get(edge.from());
        FlowAnalysis.Result upstream = results.get(from.id());
        if (upstream == null || upstream.status() != NodeStatus.VALID) {
          if (configured) {
            errors.add(
                err(
                    "input.not-valid",
                    "The input `"
                        + displayName(from)
                        + "` is "
                        + (upstream == null
                            ? "not valid"
                            : upstream.status() == NodeStatus.UNCONFIGURED
                                ? "not configured yet"
                                : "in error")
                        + ": fix it first, then this node can be checked."));
          }
          ready = false;
          continue;
        }
        inputs.add(
            new NodeInput(
                port, from.id(), from.name(), upstream.output(), upstream.changelogKey()));
      }
    }
    return ready;
  }

  @SuppressWarnings("unchecked")
  private static <C> void analyseTyped(
      NodeType<C> type, Object config, NodeContext context, NodeAnalysis analysis) {
    type.analyse((C) config, context, analysis);
  }

  static String displayName(Node n) {
    return n.name() == null || n.name().isBlank() ? n.id() : n.name();
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String firstLine(String s) {
    String line = s == null ? "" : s.split("\n")[0];
    return line.replaceAll(" \\(class [^)]*\\)", "").replaceAll("`[a-z.]+\\.([A-Za-z$]+)`", "$1");
  }
}
