package io.eddy.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.analysis.FlowAnalysis;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.analysis.NodeStatus;
import io.eddy.core.compile.CompileOptions;
import io.eddy.core.compile.SqlCompiler;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.nodes.FlowSchema;
import io.eddy.core.nodes.NodeTypeDocs;
import io.eddy.core.nodes.NodeTypes;
import io.eddy.server.Http;
import io.eddy.server.api.NodeTypesController;
import io.javalin.Javalin;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node type added by writing one class ({@link PassThroughNode}) and one line of registration
 * (test resources): no other file names it, yet it is served by {@code GET /api/node-types}, listed
 * in the generated schema and docs, validated and compiled.
 */
class TestOnlyNodeTypeTest {
  static final NodeTypes REGISTRY = registry();

  static NodeTypes registry() {
    try {
      URL plugin = Path.of("src/test/resources/plugins/pass-through/").toUri().toURL();
      return NodeTypes.load(
          new URLClassLoader(new URL[] {plugin}, TestOnlyNodeTypeTest.class.getClassLoader()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static final String FLOW =
      """
      {"format": "eddy-flow", "version": 1, "name": "Pass it on",
       "nodes": [
        {"id": "orders", "type": "source", "name": "Orders", "config": {
          "kafka": {"bootstrapServers": ["localhost:9092"], "topic": "ORDERS"},
          "properties": [{"name": "id", "type": "STRING"}, {"name": "t", "type": "TIMESTAMP"}],
          "eventTime": {"property": "t"}}},
        {"id": "pass", "type": "passThrough", "name": "Pass", "config": {"note": "audit"}},
        {"id": "out", "type": "destination", "name": "Out", "config": {
          "kafka": {"bootstrapServers": ["localhost:9092"], "topic": "OUT"}}}],
       "edges": [{"from": "orders", "to": "pass"}, {"from": "pass", "to": "out"}]}
      """;

  @Test
  void is_registered_after_the_standard_types_and_only_where_its_registration_is_seen() {
    List<String> standard = NodeTypes.standard().types().stream().map(t -> t.type()).toList();
    List<String> all = new ArrayList<>(standard);
    all.add("passThrough");
    assertThat(REGISTRY.types().stream().map(t -> t.type())).containsExactlyElementsOf(all);
    assertThat(NodeTypes.standard().get("passThrough")).isEmpty();
  }

  @Test
  void is_served_by_the_node_types_api() throws Exception {
    Javalin app = Javalin.create();
    new NodeTypesController(REGISTRY).register(app);
    app.start("127.0.0.1", 0);
    try {
      Http http = new Http("http://127.0.0.1:" + app.port());
      var response = http.send(HttpRequest.newBuilder(http.uri("/api/node-types")).GET());
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode pass = null;
      for (JsonNode t : FlowDocuments.mapper().readTree(response.body())) {
        if (t.get("type").asText().equals("passThrough")) {
          pass = t;
        }
      }
      assertThat(pass).isNotNull();
      assertThat(pass.get("label").asText()).isEqualTo("Pass-through");
      assertThat(pass.get("inputs").toString())
          .isEqualTo("[{\"port\":\"in\",\"label\":\"Input\"}]");
      assertThat(pass.get("output").asBoolean()).isTrue();
      assertThat(pass.get("fields").get(0).get("path").asText()).isEqualTo("note");
      assertThat(pass.get("fields").get(0).get("required").asBoolean()).isTrue();
      assertThat(pass.get("fields").get(1).get("default").asBoolean()).isTrue();
      assertThat(pass.at("/configSchema/properties/keep/type").asText()).isEqualTo("boolean");
    } finally {
      app.stop();
    }
  }

  @Test
  void is_in_the_generated_schema_and_docs() throws Exception {
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(FlowSchema.of(REGISTRY));
    assertThat(schema.validate(FlowDocuments.mapper().readTree(FLOW))).isEmpty();
    assertThat(
            schema.validate(
                FlowDocuments.mapper()
                    .readTree(FLOW.replace("\"note\": \"audit\"", "\"note\": 5"))))
        .isNotEmpty();
    assertThat(NodeTypeDocs.of(REGISTRY))
        .contains("### `passThrough`", "| `note` | string | yes |");
  }

  @Test
  void validates_and_compiles() throws Exception {
    FlowAnalyzer analyzer = new FlowAnalyzer(new FlinkExpressionChecker(), REGISTRY);
    FlowAnalysis analysis = analyzer.analyse(FlowDocuments.read(FLOW));
    assertThat(analysis.result("pass").orElseThrow().status()).isEqualTo(NodeStatus.VALID);
    assertThat(analysis.report().valid()).isTrue();
    String sql = new SqlCompiler(analyzer).compile(analysis, CompileOptions.export()).script();
    assertThat(sql).contains("CREATE TEMPORARY VIEW `Pass` AS\nSELECT *\nFROM `Orders`");
    assertThat(sql).contains("INSERT INTO `Out`");

    FlowAnalysis unnoted = analyzer.analyse(FlowDocuments.read(FLOW.replace("audit", "")));
    assertThat(unnoted.result("pass").orElseThrow().messages()).containsExactly("Write a note.");
  }
}
