package io.eddy.core.document;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.model.Edge;
import io.eddy.core.model.Flow;
import io.eddy.core.model.Node;
import io.eddy.core.model.Position;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and writes flow documents (format {@code eddy-flow}), the public file format of Eddy. */
public final class FlowDocuments {
  public static final String FORMAT = "eddy-flow";

  private static final Set<String> FLOW_FIELDS =
      Set.of("format", "version", "name", "description", "tags", "nodes", "edges");
  private static final Set<String> NODE_FIELDS = Set.of("id", "type", "name", "position", "config");

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private FlowDocuments() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Reads a flow document, migrating older versions; refuses anything that is not a flow. */
  public static Flow read(String json) throws FlowDocumentException {
    return read(json, FlowMigrator.standard());
  }

  public static Flow read(String json, FlowMigrator migrator) throws FlowDocumentException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      Integer line = at == null ? null : at.getLineNr();
      Integer column = at == null ? null : at.getColumnNr();
      throw new FlowDocumentException(
          "The file is not valid JSON"
              + (line == null ? "" : " at line " + line + ", column " + column)
              + ": "
              + syntaxMessage(e.getOriginalMessage())
              + ".",
          line,
          column);
    }
    return fromJson(root, migrator);
  }

  /** Jackson's message without its internal details (source, nested locations). */
  private static String syntaxMessage(String message) {
    String first = message == null ? "unexpected content" : message.split("\n")[0];
    return first
        .replaceAll("\\s*\\(for [A-Za-z]+ starting at.*$", "")
        .replaceAll("\\s*\\[Source:.*$", "")
        .trim();
  }

  /** Reads an already parsed document. */
  public static Flow fromJson(JsonNode root) throws FlowDocumentException {
    return fromJson(root, FlowMigrator.standard());
  }

  private static Flow fromJson(JsonNode parsed, FlowMigrator migrator)
      throws FlowDocumentException {
    if (parsed == null || !parsed.isObject()) {
      throw new FlowDocumentException(
          "This is not an Eddy flow: a flow document is a JSON object with \"format\": \""
              + FORMAT
              + "\", a \"version\", \"nodes\" and \"edges\".");
    }
    ObjectNode root = ((ObjectNode) parsed).deepCopy();
    JsonNode format = root.get("format");
    if (format == null ? !root.has("nodes") : !FORMAT.equals(format.asText())) {
      throw new FlowDocumentException(
          "This is not an Eddy flow: \"format\" must be \""
              + FORMAT
              + "\""
              + (format == null ? " (it is missing)." : ", not " + format + "."));
    }
    JsonNode version = root.get("version");
    int v = 1;
    if (version != null) {
      if (!version.canConvertToInt() || !version.isIntegralNumber()) {
        throw new FlowDocumentException(
            "\"version\" must be a whole number, such as 1, not " + version + ".");
      }
      v = version.intValue();
    }
    migrator.migrate(root, v);

    String name = optionalText(root, "name", "the flow");
    String description = optionalText(root, "description", "the flow");
    List<String> tags = Tags.read(root.get("tags"));
    List<Node> nodes = new ArrayList<>();
    JsonNode nodesJson = root.get("nodes");
    if (nodesJson != null && !nodesJson.isNull()) {
      if (!nodesJson.isArray()) {
        throw new FlowDocumentException("\"nodes\" must be a list of nodes.");
      }
      int index = 0;
      for (JsonNode n : nodesJson) {
        nodes.add(readNode(n, ++index));
      }
    }
    List<Edge> edges = new ArrayList<>();
    JsonNode edgesJson = root.get("edges");
    if (edgesJson != null && !edgesJson.isNull()) {
      if (!edgesJson.isArray()) {
        throw new FlowDocumentException("\"edges\" must be a list of edges.");
      }
      int index = 0;
      for (JsonNode e : edgesJson) {
        edges.add(readEdge(e, ++index));
      }
    }
    return new Flow(name, description, nodes, edges, extraFields(root, FLOW_FIELDS), tags);
  }

  private static Node readNode(JsonNode n, int index) throws FlowDocumentException {
    String where = "node " + index;
    if (!n.isObject()) {
      throw new FlowDocumentException("Node " + index + " must be a JSON object.");
    }
    String id = requiredText(n, "id", where);
    where = "node \"" + id + "\"";
    String type = requiredText(n, "type", where);
    String name = optionalText(n, "name", where);
    Position position = null;
    JsonNode p = n.get("position");
    if (p != null && !p.isNull()) {
      if (!p.isObject() || !p.path("x").isNumber() || !p.path("y").isNumber()) {
        throw new FlowDocumentException(
            "The \"position\" of " + where + " must be {\"x\": number, \"y\": number}.");
      }
      position = new Position(p.get("x").doubleValue(), p.get("y").doubleValue());
    }
    ObjectNode config = null;
    JsonNode c = n.get("config");
    if (c != null && !c.isNull()) {
      if (!c.isObject()) {
        throw new FlowDocumentException("The \"config\" of " + where + " must be a JSON object.");
      }
      config = (ObjectNode) c;
    }
    return new Node(id, type, name, position, config, extraFields((ObjectNode) n, NODE_FIELDS));
  }

  private static Edge readEdge(JsonNode e, int index) throws FlowDocumentException {
    String where = "edge " + index;
    if (!e.isObject()) {
      throw new FlowDocumentException("Edge " + index + " must be a JSON object.");
    }
    return new Edge(
        requiredText(e, "from", where),
        requiredText(e, "to", where),
        optionalText(e, "port", where));
  }

  private static String requiredText(JsonNode n, String field, String where)
      throws FlowDocumentException {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new FlowDocumentException(
          capitalise(where)
              + (v == null
                  ? " has no \"" + field + "\""
                  : " has a \"" + field + "\" that is not text")
              + ": every "
              + where.split(" ")[0]
              + " needs one.");
    }
    return v.textValue();
  }

  private static String optionalText(JsonNode n, String field, String where)
      throws FlowDocumentException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new FlowDocumentException(
          "The \"" + field + "\" of " + where + " must be text, not " + v + ".");
    }
    return v.textValue();
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static ObjectNode extraFields(ObjectNode source, Set<String> known) {
    ObjectNode extra = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!known.contains(field.getKey())) {
        extra.set(field.getKey(), field.getValue());
      }
    }
    return extra;
  }

  /** The document as JSON, fields in a stable order. */
  public static ObjectNode toJson(Flow flow) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", FlowMigrator.CURRENT_VERSION);
    root.put("name", flow.name());
    if (flow.description() != null) {
      root.put("description", flow.description());
    }
    if (!flow.tags().isEmpty()) {
      flow.tags().forEach(root.putArray("tags")::add);
    }
    if (flow.extra() != null) {
      flow.extra().fields().forEachRemaining(f -> root.set(f.getKey(), f.getValue()));
    }
    var nodes = root.putArray("nodes");
    for (Node node : flow.nodes()) {
      ObjectNode n = nodes.addObject();
      n.put("id", node.id());
      n.put("type", node.type());
      if (node.name() != null) {
        n.put("name", node.name());
      }
      if (node.position() != null) {
        ObjectNode position = n.putObject("position");
        putNumber(position, "x", node.position().x());
        putNumber(position, "y", node.position().y());
      }
      if (node.config() != null) {
        n.set("config", node.config());
      }
      if (node.extra() != null) {
        node.extra().fields().forEachRemaining(f -> n.set(f.getKey(), f.getValue()));
      }
    }
    var edges = root.putArray("edges");
    for (Edge edge : flow.edges()) {
      ObjectNode e = edges.addObject().put("from", edge.from()).put("to", edge.to());
      if (edge.port() != null) {
        e.put("port", edge.port());
      }
    }
    return root;
  }

  private static void putNumber(ObjectNode target, String field, double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      target.put(field, (long) value);
    } else {
      target.put(field, value);
    }
  }

  /** The document as pretty-printed JSON text. */
  public static String write(Flow flow) {
    try {
      return MAPPER.writeValueAsString(toJson(flow)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a flow document could not be written", e);
    }
  }
}
