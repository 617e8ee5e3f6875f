package io.eddy.core.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.eddy.core.TestFlows;
import io.eddy.core.nodes.NodeType;
import io.eddy.core.nodes.NodeTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The JSON Schema and the docs stay true to the registry and the examples. */
class DocsAndSchemaTest {
  static final Path DOCS = TestFlows.examples().getParent().resolve("docs");

  @Test
  void every_example_conforms_to_the_json_schema() throws Exception {
    JsonNode schemaJson =
        FlowDocuments.mapper().readTree(Files.readString(DOCS.resolve("flow.schema.json")));
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson);
    for (Path file : TestFlows.exampleFiles()) {
      JsonNode doc = FlowDocuments.mapper().readTree(Files.readString(file));
      assertThat(schema.validate(doc)).as(file.getFileName().toString()).isEmpty();
      // What Eddy writes conforms too.
      assertThat(schema.validate(FlowDocuments.toJson(TestFlows.read(file)))).isEmpty();
    }
  }

  @Test
  void the_schema_rejects_what_eddy_refuses() throws Exception {
    JsonNode schemaJson =
        FlowDocuments.mapper().readTree(Files.readString(DOCS.resolve("flow.schema.json")));
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson);
    assertThat(
            schema.validate(
                FlowDocuments.mapper().readTree("{\"format\": \"eddy-flow\", \"version\": 3}")))
        .isNotEmpty();
    assertThat(
            schema.validate(
                FlowDocuments.mapper()
                    .readTree("{\"format\": \"eddy-flow\", \"version\": 2, \"tags\": \"x\"}")))
        .isNotEmpty();
    assertThat(
            schema.validate(
                FlowDocuments.mapper()
                    .readTree("{\"format\": \"eddy-flow\", \"version\": 2, \"tags\": [\"x\"]}")))
        .isEmpty();
    assertThat(schema.validate(FlowDocuments.mapper().readTree("{\"nodes\": []}"))).isNotEmpty();
  }

  @Test
  void every_node_type_has_an_example_docs_and_a_schema_entry() throws Exception {
    Set<String> usedInExamples = new HashSet<>();
    for (Path file : TestFlows.exampleFiles()) {
      TestFlows.read(file).nodes().forEach(n -> usedInExamples.add(n.type()));
    }
    String docs = Files.readString(DOCS.resolve("flow-format.md"));
    String schema = Files.readString(DOCS.resolve("flow.schema.json"));
    for (NodeType<?> type : NodeTypes.all()) {
      assertThat(usedInExamples).as("an example uses " + type.type()).contains(type.type());
      assertThat(docs)
          .as("docs/flow-format.md documents " + type.type())
          .contains("### `" + type.type() + "`");
      assertThat(schema)
          .as("the schema lists " + type.type())
          .contains("\"const\": \"" + type.type() + "\"");
    }
  }
}
