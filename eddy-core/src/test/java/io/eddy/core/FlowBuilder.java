package io.eddy.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.analysis.FlowAnalysis;
import io.eddy.core.analysis.NodeReport;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import io.eddy.core.model.Property;

/** Builds small flows for tests: nodes with JSON configs (single quotes stand for double). */
public final class FlowBuilder {
  private final ObjectNode root = FlowDocuments.mapper().createObjectNode();
  private final ArrayNode nodes;
  private final ArrayNode edges;

  public static final String ORDERS_CONFIG =
      """
      {'kafka': {'bootstrapServers': ['localhost:9092'], 'topic': 'ORDERS.NEW'},
       'properties': [{'name': 'id', 'type': 'STRING'}, {'name': 'customer', 'type': 'STRING'},
                      {'name': 'price', 'type': 'DOUBLE'}, {'name': 'quantity', 'type': 'INTEGER'},
                      {'name': 'region', 'type': 'STRING'}, {'name': 'ordertime', 'type': 'TIMESTAMP'}],
       'eventTime': {'property': 'ordertime'}, 'eventTimeDelay': {'value': 5, 'unit': 'SECOND'}}
      """;

  /** The output of the {@link #withOrders} source, as {@link #outputOf} describes it. */
  public static final String[] ORDERS_OUTPUT = {
    "id:STRING",
    "customer:STRING",
    "price:DOUBLE",
    "quantity:INTEGER",
    "region:STRING",
    "ordertime:TIMESTAMP*"
  };

  public FlowBuilder(String name) {
    root.put("format", "eddy-flow").put("version", 1).put("name", name);
    nodes = root.putArray("nodes");
    edges = root.putArray("edges");
  }

  public static FlowBuilder flow() {
    return new FlowBuilder("Test flow");
  }

  /** A flow with the standard orders source (id {@code orders}, name {@code Orders}). */
  public static FlowBuilder withOrders() {
    return flow().node("orders", "source", "Orders", ORDERS_CONFIG);
  }

  /**
   * Orders, then a filter {@code f} (view {@code F}) with {@code expression}, then a destination:
   * the flow the expression tests put hostile or random expressions into.
   */
  public static Flow ordersFilter(String expression) {
    return withOrders()
        .node("f", "filter", "F", "{'expression': " + jsonString(expression) + "}")
        .edge("orders", "f")
        .publish("f")
        .build();
  }

  /** Orders, then a transform {@code t} (view {@code T}) adding {@code total = expression}. */
  public static Flow ordersTransform(String expression) {
    return withOrders()
        .node(
            "t",
            "transform",
            "T",
            "{'properties': [{'name': 'total', 'expression': " + jsonString(expression) + "}]}")
        .edge("orders", "t")
        .publish("t")
        .build();
  }

  private static final String OUT_CONFIG =
      "{'kafka': {'bootstrapServers': ['localhost:9092'], 'topic': 'OUT'}}";

  /** {@code text} as a JSON string literal to put into a single-quoted test config. */
  public static String jsonString(String text) {
    return "\""
        + text.replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("'", "\\u0027")
            .replace("\n", "\\n")
        + "\"";
  }

  public FlowBuilder node(String id, String type, String name, String config) {
    ObjectNode n = nodes.addObject().put("id", id).put("type", type).put("name", name);
    if (config != null) {
      n.set("config", json(config));
    }
    return this;
  }

  /** A Kafka destination {@code d} (named {@code Out}) publishing the events of {@code from}. */
  public FlowBuilder publish(String from) {
    return node("d", "destination", "Out", OUT_CONFIG).edge(from, "d");
  }

  public FlowBuilder edge(String from, String to) {
    edges.addObject().put("from", from).put("to", to);
    return this;
  }

  public FlowBuilder edge(String from, String to, String port) {
    edges.addObject().put("from", from).put("to", to).put("port", port);
    return this;
  }

  public static ObjectNode json(String text) {
    try {
      return (ObjectNode) FlowDocuments.mapper().readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException("bad test JSON: " + text, e);
    }
  }

  public Flow build() {
    try {
      return FlowDocuments.fromJson(root);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public FlowAnalysis analyse() {
    return TestFlows.ANALYZER.analyse(build());
  }

  public NodeReport report(String nodeId) {
    return analyse().report().node(nodeId).orElseThrow();
  }

  /** {@code name:TYPE} strings of a node's output, {@code *} marking event time. */
  public static String[] outputOf(NodeReport report) {
    return report.output().stream().map(FlowBuilder::describe).toArray(String[]::new);
  }

  public static String describe(Property p) {
    return p.name() + ":" + p.type() + (p.eventTime() ? "*" : "");
  }
}
