package io.eddy.core.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.FlowBuilder;
import io.eddy.core.TestFlows;
import io.eddy.core.analysis.FlowReport;
import io.eddy.core.document.Credentials;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.junit.jupiter.api.Test;

/**
 * Names and values that try to break out of their place in the script (backticks, quotes,
 * semicolons, newlines, comments, unicode) still give SQL that Flink plans and that means what the
 * flow says; secrets never appear in an export.
 */
class HostileInputTest {
  static final String NASTY_NAME = "Or`ders'; DROP TABLE x; -- \n/* ünï 🚀";
  static final String NASTY_PROPERTY = "pri`ce' -- ; /* ü";

  Flow hostileFlow() {
    String source =
        """
        {'kafka': {'bootstrapServers': ['localhost:9092'], 'topic': 'ORDERS.NEW',
                   'security': {'protocol': 'SASL_SSL', 'mechanism': 'SCRAM-SHA-512', 'username': 'bob\\u0022x',
                                'password': 's3cr3t-Pa55w0rd', 'truststorePem': '-----BEGIN CERTIFICATE-----SECRETPEM'}},
         'properties': [{'name': 'id', 'type': 'STRING'}, {'name': 'PROP', 'type': 'DOUBLE'},
                        {'name': 'ordertime', 'type': 'TIMESTAMP'}],
         'eventTime': {'property': 'ordertime'}}""";
    return FlowBuilder.flow()
        .node("src", "source", NASTY_NAME, source)
        .node(
            "f",
            "filter",
            "F`'; --\n",
            "{'expression': "
                + FlowBuilder.jsonString("`QPROP` > 1 AND id <> 'it''s; -- not a comment */'")
                + "}")
        .node(
            "t",
            "transform",
            "Total ✓",
            "{'properties': [{'name': 'tag', 'expression': "
                + FlowBuilder.jsonString("'a`b''c;--d'")
                + "}]}")
        .node(
            "d",
            "destination",
            "Out`put",
            "{'kafka': {'bootstrapServers': ['localhost:9092'], 'topic': 'OUT.x_y-z'}}")
        .edge("src", "f")
        .edge("f", "t")
        .edge("t", "d")
        .build();
  }

  /** Gives the source's second property a hostile name (doubled backticks where quoted). */
  Flow withNastyProperty(Flow flow) throws Exception {
    String escaped = NASTY_PROPERTY.replace("\n", "\\n");
    String doc =
        FlowDocuments.write(flow)
            .replace("QPROP", escaped.replace("`", "``"))
            .replace("PROP", escaped);
    return FlowDocuments.read(doc);
  }

  @Test
  void hostile_names_and_values_give_sql_that_flink_plans_as_meant() throws Exception {
    Flow flow = withNastyProperty(hostileFlow());
    FlowReport report = TestFlows.ANALYZER.report(flow);
    assertThat(report.nodes()).allSatisfy(n -> assertThat(n.messages()).as(n.name()).isEmpty());
    assertThat(report.valid()).isTrue();

    CompiledFlow compiled =
        TestFlows.COMPILER.compile(
            flow, CompileOptions.export().withSecrets(ref -> java.util.Optional.empty()));
    TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    compiled.settings().forEach(env.getConfig()::set);
    List<String> statements = compiled.statements();
    for (int i = 0; i < statements.size() - 1; i++) {
      env.executeSql(statements.get(i));
    }
    assertThat(env.explainSql(statements.get(statements.size() - 1))).contains("Sink");
    // The transform's view has exactly the properties the flow says, under their hostile names.
    List<String> columns =
        env.from("`Total ✓`").getResolvedSchema().getColumns().stream()
            .map(Column::getName)
            .toList();
    assertThat(columns).containsExactly("id", NASTY_PROPERTY, "ordertime", "tag");
    // The pipeline name is the flow's name, not a broken statement.
    assertThat(compiled.settings().get("pipeline.name")).isEqualTo("Test flow");
  }

  @Test
  void a_line_break_in_a_property_name_is_refused_but_allowed_in_node_names() throws Exception {
    String doc = FlowDocuments.write(hostileFlow()).replace("\"PROP\"", "\"a\\nb\"");
    var report = TestFlows.ANALYZER.report(FlowDocuments.read(doc));
    assertThat(report.node("src").orElseThrow().messages())
        .containsExactly(
            "Property name `a b` contains a line break or control character: rename it.");
  }

  @Test
  void the_export_carries_references_never_secrets() throws Exception {
    Flow flow = withNastyProperty(hostileFlow());
    String script = TestFlows.COMPILER.compile(flow, CompileOptions.export()).script();
    assertThat(script).doesNotContain("s3cr3t-Pa55w0rd").doesNotContain("SECRETPEM");
    assertThat(script).contains("password=\"${SRC_KAFKA_PASSWORD}\"");
    assertThat(script)
        .contains("'properties.ssl.truststore.certificates' = '${SRC_KAFKA_TRUSTSTORE}'");
    assertThat(script)
        .contains(
            "--   ${SRC_KAFKA_PASSWORD}: kafka.security.password of node Or`ders'; DROP TABLE x; --  /* ünï 🚀");
    // Every header line stays a comment, whatever the names hold.
    script.lines().takeWhile(l -> !l.isEmpty()).forEach(l -> assertThat(l).startsWith("--"));
  }

  @Test
  void json_export_without_credentials_keeps_references_only() throws Exception {
    Flow redacted = Credentials.redact(withNastyProperty(hostileFlow()));
    String json = FlowDocuments.write(redacted);
    assertThat(json)
        .doesNotContain("s3cr3t")
        .doesNotContain("SECRETPEM")
        .contains("${SRC_KAFKA_PASSWORD}");
    // A redacted flow still compiles; running it resolves the references.
    String run =
        TestFlows.COMPILER
            .compile(
                redacted,
                CompileOptions.export()
                    .withSecrets(
                        ref ->
                            java.util.Optional.of(
                                ref.equals("SRC_KAFKA_PASSWORD") ? "resolved!" : "pem")))
            .script();
    assertThat(run).contains("password=\"resolved!\"");
    assertThat(Credentials.find(hostileFlow())).hasSize(2);
  }

  @Test
  void an_unresolved_reference_stops_a_run_with_its_name() throws Exception {
    Flow redacted = Credentials.redact(withNastyProperty(hostileFlow()));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                TestFlows.COMPILER.compile(
                    redacted,
                    CompileOptions.export().withSecrets(ref -> java.util.Optional.empty())))
        .isInstanceOfSatisfying(
            ExportRulesException.class,
            e ->
                assertThat(e.problems())
                    .contains(
                        "The secret `SRC_KAFKA_PASSWORD` is not set: set the environment variable SRC_KAFKA_PASSWORD or add it to the secrets file."));
  }
}
