package io.eddy.core.nodes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.document.FlowMigrator;
import io.eddy.core.document.Tags;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The JSON Schema of flow documents (docs/flow.schema.json), generated from a node-type registry:
 * the document's frame is written here, each node type's config comes from its declared fields.
 */
public final class FlowSchema {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FlowSchema() {}

  public static ObjectNode of(NodeTypes registry) {
    int version = FlowMigrator.CURRENT_VERSION;
    ObjectNode s = JSON.createObjectNode();
    s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    // The identifier stays that of the first version: every version's documents are valid.
    s.put("$id", "https://eddy.dev/schemas/flow-v1.json");
    s.put(
        "title",
        "Eddy flow document, "
            + (version == 1
                ? "version 1"
                : version == 2 ? "versions 1 and 2" : "versions 1 to " + version));
    s.put(
        "description",
        "The public file format of Eddy: what JSON export writes, import reads, the CLI takes and"
            + " the store keeps. Unknown fields are kept. A node without config is unconfigured,"
            + " not invalid. Generated from Eddy's node types: do not edit by hand.");
    s.put("type", "object");
    s.putArray("required").add("format");
    ObjectNode properties = s.putObject("properties");
    properties.putObject("format").put("const", FlowDocuments.FORMAT);
    properties
        .putObject("version")
        .put("type", "integer")
        .put("minimum", 1)
        .put("maximum", version);
    properties.putObject("name").put("type", "string");
    properties.putObject("description").put("type", "string");
    ObjectNode tags =
        properties
            .putObject("tags")
            .put(
                "description",
                "Labels of the flow in the catalogue (format version 2). Duplicates count once.")
            .put("type", "array")
            .put("maxItems", Tags.MAX_TAGS);
    tags.putObject("items")
        .put("type", "string")
        .put("minLength", 1)
        .put("maxLength", Tags.MAX_LENGTH)
        .put("pattern", "^[^\\u0000-\\u001f\\u007f]*$");
    properties
        .putObject("nodes")
        .put("type", "array")
        .putObject("items")
        .put("$ref", "#/$defs/node");
    properties
        .putObject("edges")
        .put("type", "array")
        .putObject("items")
        .put("$ref", "#/$defs/edge");

    ObjectNode defs = s.putObject("$defs");
    defs.set("duration", ConfigSchema.durationDefinition());
    defs.set("propertyType", ConfigSchema.propertyTypeDefinition());
    defs.set("edge", edge(registry));
    defs.set("node", node(registry));
    return s;
  }

  private static ObjectNode edge(NodeTypes registry) {
    ObjectNode edge = JSON.createObjectNode().put("type", "object");
    edge.putArray("required").add("from").add("to");
    ObjectNode properties = edge.putObject("properties");
    properties.putObject("from").put("type", "string");
    properties.putObject("to").put("type", "string");
    // A port matters only for nodes with more than one input.
    Set<String> ports = new LinkedHashSet<>();
    registry.types().stream()
        .filter(t -> t.inputPorts().size() > 1)
        .forEach(t -> ports.addAll(t.inputPorts()));
    ObjectNode port = properties.putObject("port");
    if (ports.isEmpty()) {
      port.put("type", "string");
    } else {
      ArrayNode values = port.putArray("enum");
      ports.forEach(values::add);
    }
    return edge;
  }

  private static ObjectNode node(NodeTypes registry) {
    ObjectNode node = JSON.createObjectNode().put("type", "object");
    node.putArray("required").add("id").add("type");
    ObjectNode properties = node.putObject("properties");
    properties.putObject("id").put("type", "string").put("pattern", "^[A-Za-z0-9_-]{1,64}$");
    ArrayNode types = properties.putObject("type").putArray("enum");
    registry.types().forEach(t -> types.add(t.type()));
    properties.putObject("name").put("type", "string").put("minLength", 1).put("maxLength", 128);
    ObjectNode position = properties.putObject("position").put("type", "object");
    ObjectNode xy = position.putObject("properties");
    xy.putObject("x").put("type", "number");
    xy.putObject("y").put("type", "number");
    properties.putObject("config").put("type", "object");
    ArrayNode variants = node.putArray("allOf");
    for (NodeType<?> type : registry.types()) {
      ObjectNode variant = variants.addObject();
      variant.putObject("if").putObject("properties").putObject("type").put("const", type.type());
      variant
          .putObject("then")
          .putObject("properties")
          .set("config", ConfigSchema.of(type.fields()));
    }
    return node;
  }
}
