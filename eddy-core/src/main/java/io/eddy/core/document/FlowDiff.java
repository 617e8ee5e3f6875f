package io.eddy.core.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.eddy.core.model.Edge;
import io.eddy.core.model.Flow;
import io.eddy.core.model.Node;
import io.eddy.core.nodes.Field;
import io.eddy.core.nodes.NodeType;
import io.eddy.core.nodes.NodeTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What changed between two versions of a flow ({@code eddy diff}). The flows are compared as read,
 * that is after migration, so two documents that mean the same flow have no differences whatever
 * their format version. Nodes are matched by id. Positions are layout, not a difference. A
 * sensitive value (as the node types declare them) is never part of a change: only that it was
 * added, removed or changed.
 *
 * <p>Order: the flow's own fields, then the nodes in the new flow's order with removed nodes after
 * them, then the connections (added, then removed); inside a node its name, type, config and other
 * fields, keys in the new document's order.
 */
public final class FlowDiff {

  /** What a change is about; {@link #json()} is its name in {@code eddy diff --json}. */
  public enum Kind {
    NAME("name"),
    DESCRIPTION("description"),
    TAGS("tags"),
    FLOW_FIELD("flowField"),
    NODE_ADDED("nodeAdded"),
    NODE_REMOVED("nodeRemoved"),
    NODE_RENAMED("nodeRenamed"),
    NODE_TYPE("nodeType"),
    NODE_CONFIG("nodeConfig"),
    NODE_SECRET("nodeSecret"),
    NODE_FIELD("nodeField"),
    CONNECTION_ADDED("connectionAdded"),
    CONNECTION_REMOVED("connectionRemoved");

    private final String json;

    Kind(String json) {
      this.json = json;
    }

    @JsonValue
    public String json() {
      return json;
    }
  }

  /**
   * One difference. {@code path} is the dotted path of a changed value inside the flow, the node's
   * config or the node; {@code oldValue}/{@code newValue} are absent (null) when the value was
   * added/removed, and always absent for a {@link Kind#NODE_SECRET}. For a connection they are the
   * edge ({@code from}, {@code to}, {@code port}). {@code text} is the change in one line for
   * people, e.g. {@code node `Orders` (source): kafka.topic: "ORDERS" → "ORDERS.V2"}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"kind", "nodeId", "nodeName", "path", "old", "new", "text"})
  public record Change(
      Kind kind,
      String nodeId,
      String nodeName,
      String path,
      @JsonProperty("old") JsonNode oldValue,
      @JsonProperty("new") JsonNode newValue,
      String text) {

    /** {@code +} for what was added, {@code -} for what was removed, {@code ~} for a change. */
    public char symbol() {
      return switch (kind) {
        case NODE_ADDED, CONNECTION_ADDED -> '+';
        case NODE_REMOVED, CONNECTION_REMOVED -> '-';
        default -> '~';
      };
    }
  }

  /** Numbers are equal by value (5 and 5.0 mean the same duration); everything else as JSON. */
  private static final Comparator<JsonNode> SAME_MEANING =
      (a, b) ->
          a.equals(b)
                  || a.isNumber()
                      && b.isNumber()
                      && a.decimalValue().compareTo(b.decimalValue()) == 0
              ? 0
              : 1;

  /**
   * Where values are being compared: whose they are, how changes are labelled, which are secret.
   */
  private record Scope(
      Kind kind, String nodeId, String nodeName, String label, Set<String> secrets) {
    Scope withKind(Kind newKind) {
      return new Scope(newKind, nodeId, nodeName, label, secrets);
    }
  }

  private final List<Change> changes = new ArrayList<>();

  private FlowDiff() {}

  /** The changes from {@code before} to {@code after}, in the order described above. */
  public static List<Change> between(Flow before, Flow after) {
    FlowDiff diff = new FlowDiff();
    diff.compareFlows(before, after);
    return List.copyOf(diff.changes);
  }

  private void compareFlows(Flow before, Flow after) {
    Scope flow = new Scope(Kind.FLOW_FIELD, null, null, "", Set.of());
    compareValue(flow.withKind(Kind.NAME), "name", text(before.name()), text(after.name()));
    compareValue(
        flow.withKind(Kind.DESCRIPTION),
        "description",
        text(before.description()),
        text(after.description()));
    compareValue(flow.withKind(Kind.TAGS), "tags", tags(before), tags(after));
    compareValue(flow, "", before.extra(), after.extra());

    Map<String, Node> oldNodes = byId(before.nodes());
    Map<String, Node> newNodes = byId(after.nodes());
    for (Node node : newNodes.values()) {
      Node old = oldNodes.get(node.id());
      if (old == null) {
        addedOrRemoved(Kind.NODE_ADDED, node);
      } else {
        compareNodes(old, node);
      }
    }
    for (Node old : oldNodes.values()) {
      if (!newNodes.containsKey(old.id())) {
        addedOrRemoved(Kind.NODE_REMOVED, old);
      }
    }

    for (Edge edge : after.edges()) {
      if (!before.edges().contains(edge)) {
        connection(Kind.CONNECTION_ADDED, edge, after, null, edgeJson(edge));
      }
    }
    for (Edge edge : before.edges()) {
      if (!after.edges().contains(edge)) {
        connection(Kind.CONNECTION_REMOVED, edge, before, edgeJson(edge), null);
      }
    }
  }

  private void compareNodes(Node before, Node after) {
    // A node whose type changed may have the secrets of either type.
    Set<String> secrets = new LinkedHashSet<>();
    Stream.of(before.type(), after.type())
        .flatMap(type -> NodeTypes.find(type).map(NodeType::sensitiveFields).stream())
        .flatMap(List::stream)
        .map(Field::path)
        .forEach(secrets::add);
    Scope node =
        new Scope(
            Kind.NODE_CONFIG, after.id(), after.name(), "node " + nodeLabel(after) + ": ", secrets);
    compareValue(node.withKind(Kind.NODE_RENAMED), "name", text(before.name()), text(after.name()));
    compareValue(node.withKind(Kind.NODE_TYPE), "type", text(before.type()), text(after.type()));
    compareValue(node, "", before.config(), after.config());
    compareValue(node.withKind(Kind.NODE_FIELD), "", before.extra(), after.extra());
  }

  /**
   * Compares two values at {@code path}, one change per changed leaf. A null value is an absent
   * one: the node types read {@code "slide": null} as no slide at all.
   */
  private void compareValue(Scope scope, String path, JsonNode before, JsonNode after) {
    before = present(before);
    after = present(after);
    if (before == null ? after == null : after != null && before.equals(SAME_MEANING, after)) {
      return;
    }
    if (scope.secrets().contains(path)) {
      String what = before == null ? "added" : after == null ? "removed" : "changed";
      add(scope.withKind(Kind.NODE_SECRET), path, null, null, scope.label() + path + ": " + what);
      return;
    }
    if (isObject(before) || isObject(after)) {
      // Objects are compared key by key, also when one side is missing or not an object, so that
      // every line names a leaf and a secret inside an added or removed object is never printed.
      ObjectNode oldObject = isObject(before) ? (ObjectNode) before : EMPTY;
      ObjectNode newObject = isObject(after) ? (ObjectNode) after : EMPTY;
      Set<String> keys = new LinkedHashSet<>();
      newObject.fieldNames().forEachRemaining(keys::add);
      oldObject.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        compareValue(scope, child(path, key), oldObject.get(key), newObject.get(key));
      }
      if (before != null && !before.isObject()) {
        leaf(scope, path, before, null);
      }
      if (after != null && !after.isObject()) {
        leaf(scope, path, null, after);
      }
    } else if (isListOfObjects(before) && isListOfObjects(after)) {
      compareElements(scope, path, (ArrayNode) before, (ArrayNode) after);
    } else {
      // Scalars and lists of scalars (bootstrap servers, group-by properties) read best whole.
      leaf(scope, path, before, after);
    }
  }

  /**
   * Lists of objects: properties, columns, transform properties, aggregates, match criteria.
   * Elements that all have a distinct {@code name} (properties, columns) are matched by name, so
   * inserting a property reports that property, not a changed type at every later index; the path
   * reads {@code properties["price"].type}. Other lists (aggregates, match) are compared by
   * position: {@code aggregates[0].function}. An added or removed element is one line, whole.
   */
  private void compareElements(Scope scope, String path, ArrayNode before, ArrayNode after) {
    Map<String, JsonNode> oldByName = byName(before);
    Map<String, JsonNode> newByName = byName(after);
    if (oldByName == null || newByName == null) {
      for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
        compareElement(scope, path + "[" + i + "]", before.get(i), after.get(i));
      }
      return;
    }
    for (Map.Entry<String, JsonNode> element : newByName.entrySet()) {
      compareElement(
          scope,
          elementPath(path, element.getKey()),
          oldByName.get(element.getKey()),
          element.getValue());
    }
    for (Map.Entry<String, JsonNode> element : oldByName.entrySet()) {
      if (!newByName.containsKey(element.getKey())) {
        compareElement(scope, elementPath(path, element.getKey()), element.getValue(), null);
      }
    }
    // The order of properties is the order of the output's columns: a change of order counts.
    List<String> oldOrder = oldByName.keySet().stream().filter(newByName::containsKey).toList();
    List<String> newOrder = newByName.keySet().stream().filter(oldByName::containsKey).toList();
    if (!oldOrder.equals(newOrder)) {
      JsonNode oldNames = names(oldOrder);
      JsonNode newNames = names(newOrder);
      add(
          scope,
          path,
          oldNames,
          newNames,
          scope.label() + path + ": order " + oldNames + " → " + newNames);
    }
  }

  private void compareElement(Scope scope, String path, JsonNode before, JsonNode after) {
    if (before == null || after == null) {
      leaf(scope, path, before, after);
    } else {
      compareValue(scope, path, before, after);
    }
  }

  private void leaf(Scope scope, String path, JsonNode before, JsonNode after) {
    String change =
        before == null
            ? "added " + after
            : after == null ? "removed " + before : before + " → " + after;
    add(scope, path, before, after, scope.label() + path + ": " + change);
  }

  private void add(Scope scope, String path, JsonNode before, JsonNode after, String text) {
    changes.add(
        new Change(scope.kind(), scope.nodeId(), scope.nodeName(), path, before, after, text));
  }

  /** A whole node added or removed: its name and type say which; its config is not listed. */
  private void addedOrRemoved(Kind kind, Node node) {
    changes.add(
        new Change(kind, node.id(), node.name(), null, null, null, "node " + nodeLabel(node)));
  }

  /** A connection, by the names of its nodes in the flow that has it. */
  private void connection(Kind kind, Edge edge, Flow flow, JsonNode before, JsonNode after) {
    String text =
        "connection "
            + quotedName(flow, edge.from())
            + " → "
            + quotedName(flow, edge.to())
            + (edge.port() == null ? "" : " (" + edge.port() + ")");
    changes.add(new Change(kind, null, null, null, before, after, text));
  }

  private static String quotedName(Flow flow, String nodeId) {
    return "`" + flow.node(nodeId).map(FlowDiff::displayName).orElse(nodeId) + "`";
  }

  private static String nodeLabel(Node node) {
    return "`" + displayName(node) + "` (" + node.type() + ")";
  }

  private static String displayName(Node node) {
    return node.name() == null ? node.id() : node.name();
  }

  /** The tags as one JSON list, absent when there are none. */
  private static JsonNode tags(Flow flow) {
    if (flow.tags().isEmpty()) {
      return null;
    }
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    flow.tags().forEach(list::add);
    return list;
  }

  private static Map<String, Node> byId(List<Node> nodes) {
    Map<String, Node> byId = new LinkedHashMap<>();
    nodes.forEach(n -> byId.putIfAbsent(n.id(), n));
    return byId;
  }

  /** The elements by their {@code name}, or null when not every element has a distinct one. */
  private static Map<String, JsonNode> byName(ArrayNode list) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (JsonNode element : list) {
      JsonNode name = element.get("name");
      if (name == null || !name.isTextual() || byName.put(name.textValue(), element) != null) {
        return null;
      }
    }
    return byName;
  }

  private static JsonNode names(List<String> names) {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    names.forEach(list::add);
    return list;
  }

  private static JsonNode edgeJson(Edge edge) {
    return FlowDocuments.mapper().valueToTree(edge);
  }

  private static final ObjectNode EMPTY = JsonNodeFactory.instance.objectNode();

  private static boolean isObject(JsonNode value) {
    return value != null && value.isObject();
  }

  private static boolean isListOfObjects(JsonNode value) {
    if (value == null || !value.isArray()) {
      return false;
    }
    for (JsonNode element : value) {
      if (!element.isObject()) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode present(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode() ? null : value;
  }

  private static JsonNode text(String value) {
    return value == null ? null : TextNode.valueOf(value);
  }

  private static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String elementPath(String path, String name) {
    return path + "[" + TextNode.valueOf(name) + "]";
  }
}
