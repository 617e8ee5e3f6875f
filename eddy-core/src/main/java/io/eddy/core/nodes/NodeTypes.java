package io.eddy.core.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** The registry of node types: analysis, compiler, schema, docs and the palette all read it. */
public final class NodeTypes {
  private static final List<NodeType<?>> ALL =
      List.of(
          new SourceNode(),
          new DestinationNode(),
          new FilterNode(),
          new TransformNode(),
          new AggregateNode(),
          new TopNNode(),
          new IntervalJoinNode(),
          new DatabaseEnrichmentNode());

  private NodeTypes() {}

  public static List<NodeType<?>> all() {
    return ALL;
  }

  public static Optional<NodeType<?>> find(String type) {
    return ALL.stream().filter(t -> t.type().equals(type)).findFirst();
  }

  /** The JSON Schema of a node type's config, from the documented flow schema. */
  public static JsonNode configSchema(String type) {
    for (JsonNode variant : FLOW_SCHEMA.path("$defs").path("node").path("allOf")) {
      if (type.equals(variant.path("if").path("properties").path("type").path("const").asText())) {
        return variant.path("then").path("properties").path("config");
      }
    }
    return MissingNode.getInstance();
  }

  /** The JSON Schema of flow documents (docs/flow.schema.json). */
  public static JsonNode flowSchema() {
    return FLOW_SCHEMA;
  }

  private static final JsonNode FLOW_SCHEMA = loadSchema();

  private static JsonNode loadSchema() {
    try (InputStream in = NodeTypes.class.getResourceAsStream("/io/eddy/core/flow.schema.json")) {
      return in == null ? MissingNode.getInstance() : new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("the flow schema cannot be read", e);
    }
  }
}
