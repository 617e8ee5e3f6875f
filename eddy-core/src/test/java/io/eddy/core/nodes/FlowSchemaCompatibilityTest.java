package io.eddy.core.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.eddy.core.TestFlows;
import io.eddy.core.document.FlowDocuments;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The generated schema means what the hand-written one of format versions 1 and 2 meant (kept as a
 * test resource): for every example and thousands of variants of them (a field left out, a value of
 * another kind), both schemas give the same verdict. Examples that use what the hand-written schema
 * never described (issue 11's event shapes, node types added since) are left out: there the
 * generated schema is meant to accept more.
 */
class FlowSchemaCompatibilityTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void the_generated_schema_accepts_and_refuses_what_the_hand_written_one_did() throws Exception {
    JsonSchema before;
    try (InputStream in =
        getClass().getResourceAsStream("/schema/flow-v2-handwritten.schema.json")) {
      before = schema(FlowDocuments.mapper().readTree(in));
    }
    JsonSchema after = schema(FlowSchema.of(NodeTypes.standard()));
    List<JsonNode> documents = new ArrayList<>();
    for (Path file : TestFlows.exampleFiles()) {
      String text = Files.readString(file);
      JsonNode doc = FlowDocuments.mapper().readTree(text);
      if (text.contains("\"ROW\"") || usesANewerNodeType(doc)) {
        continue;
      }
      documents.add(doc);
      variants(doc, documents::add);
    }
    int accepted = 0;
    for (JsonNode doc : documents) {
      boolean valid = before.validate(doc).isEmpty();
      assertThat(after.validate(doc).isEmpty()).as("verdict on %s", doc).isEqualTo(valid);
      accepted += valid ? 1 : 0;
    }
    assertThat(documents).hasSizeGreaterThan(1000);
    assertThat(accepted).isBetween(documents.size() / 10, documents.size() - 100);
  }

  /** The node types the hand-written schema described; later ones came with the registry. */
  private static final Set<String> HAND_WRITTEN_TYPES =
      Set.of(
          "source",
          "destination",
          "filter",
          "transform",
          "aggregate",
          "topN",
          "intervalJoin",
          "databaseEnrichment");

  private static boolean usesANewerNodeType(JsonNode doc) {
    for (JsonNode node : doc.path("nodes")) {
      if (!HAND_WRITTEN_TYPES.contains(node.path("type").asText())) {
        return true;
      }
    }
    return false;
  }

  /** Each value of {@code doc} removed, or replaced by a value of every other kind. */
  private static void variants(JsonNode doc, Consumer<JsonNode> out) {
    List<JsonNode> replacements =
        List.of(
            NODES.numberNode(5),
            NODES.numberNode(-1),
            NODES.numberNode(2.5),
            NODES.textNode("x"),
            NODES.textNode("jdbc:postgresql://h/db"),
            NODES.textNode("SECOND"),
            NODES.booleanNode(true),
            NODES.arrayNode(),
            NODES.objectNode(),
            NODES.nullNode());
    List<List<Object>> paths = new ArrayList<>();
    collect(doc, new ArrayList<>(), paths);
    for (List<Object> path : paths) {
      out.accept(edit(doc, path, null));
      for (JsonNode r : replacements) {
        out.accept(edit(doc, path, r));
      }
    }
  }

  private static void collect(JsonNode node, List<Object> path, List<List<Object>> out) {
    if (!path.isEmpty()) {
      out.add(List.copyOf(path));
    }
    if (node.isObject()) {
      node.fieldNames()
          .forEachRemaining(
              name -> {
                path.add(name);
                collect(node.get(name), path, out);
                path.remove(path.size() - 1);
              });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        path.add(i);
        collect(node.get(i), path, out);
        path.remove(path.size() - 1);
      }
    }
  }

  /** A copy with the value at {@code path} replaced, or removed when {@code value} is null. */
  private static JsonNode edit(JsonNode doc, List<Object> path, JsonNode value) {
    JsonNode copy = doc.deepCopy();
    JsonNode parent = copy;
    for (Object step : path.subList(0, path.size() - 1)) {
      parent = step instanceof Integer i ? parent.get(i) : parent.get((String) step);
    }
    Object last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode o) {
      if (value == null) {
        o.remove((String) last);
      } else {
        o.set((String) last, value);
      }
    } else if (parent instanceof ArrayNode a) {
      if (value == null) {
        a.remove((Integer) last);
      } else {
        a.set((Integer) last, value);
      }
    }
    return copy;
  }

  private static JsonSchema schema(JsonNode json) {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(json);
  }
}
