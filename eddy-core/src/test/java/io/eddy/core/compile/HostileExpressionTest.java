package io.eddy.core.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.FlowBuilder;
import io.eddy.core.TestFlows;
import io.eddy.core.analysis.NodeReport;
import io.eddy.core.analysis.NodeStatus;
import io.eddy.core.model.Flow;
import io.eddy.core.sql.ExpressionGuard;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13, defects 3 and 4: an expression either is refused as a problem on its node, or compiles
 * to SQL that Flink plans with the expression in its place. The corpus holds the issue's hostile
 * expressions: Flink's {@code //} comments, which the former guard did not know, and
 * LIMIT/OFFSET/FETCH, on which Calcite throws an AssertionError.
 */
class HostileExpressionTest {

  /** Refused: each would leave its place in the script, or is no single expression. */
  static final List<String> REFUSED =
      List.of(
          // The issue's filter escape: Flink reads `//` as a comment, the former guard as a quote.
          "region = 'EMEA' // '\n) OR (1=1 // '\n AND true",
          "price * quantity // x",
          "price * quantity -- x",
          "price > 1 /* unclosed",
          "price > 1 */",
          "price > 1) OR (true",
          "price > 1; DROP TABLE x",
          "1); DROP TABLE x; --",
          "price LIMIT 1",
          "price OFFSET 1 ROWS",
          "price FETCH FIRST 1 ROWS ONLY",
          "price > 1 ORDER BY price",
          "region = 'EMEA",
          "`region = 'EMEA'",
          "region = U&'EMEA",
          "price > 1 AS x, 1",
          "");

  static NodeReport report(Flow flow, String node) {
    return TestFlows.ANALYZER.report(flow).node(node).orElseThrow();
  }

  @Test
  void the_corpus_of_hostile_expressions_is_refused_on_the_node() {
    for (String expression : REFUSED) {
      if (expression.isBlank()) {
        continue;
      }
      assertThat(ExpressionGuard.check(expression)).as(expression).isPresent();
      NodeReport f = report(FlowBuilder.ordersFilter(expression), "f");
      assertThat(f.status()).as(expression).isEqualTo(NodeStatus.ERROR);
      assertThat(f.messages()).as(expression).isNotEmpty();
    }
  }

  @Test
  void the_issue_escape_and_a_trailing_comment_say_why() {
    assertThat(ExpressionGuard.check("price * quantity // x").orElseThrow())
        .contains("ends in a comment");
    assertThat(ExpressionGuard.check("price LIMIT 1").orElseThrow())
        .startsWith("Flink cannot read it as one expression")
        .contains("LIMIT");
    assertThat(
            ExpressionGuard.check("region = 'EMEA' // '\n) OR (1=1 // '\n AND true").orElseThrow())
        .contains("Flink cannot read it as one expression");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "region = 'it''s -- not a comment'",
        "region = 'http://example.com/a'",
        "region = U&'\\0041MEA'",
        "region <> 'a /* b */ c' AND price > 1",
        "price > 1 /* a closed comment */ AND quantity > 0",
        "price > 1 -- a comment on its own line\n AND quantity > 0",
        "`region` = 'EMEA'",
        "region = 'EMEA'\n"
      })
  void accepted_expressions_compile_with_the_expression_in_its_place(String expression)
      throws Exception {
    assertThat(ExpressionGuard.check(expression)).as(expression).isEmpty();
    Flow flow = FlowBuilder.ordersFilter(expression);
    assertThat(report(flow, "f").messages()).as(expression).isEmpty();
    assertPlansInPlace(flow, List.of("id", "customer", "price", "quantity", "region", "ordertime"));
  }

  @Test
  void a_transform_expression_with_a_comment_keeps_its_column() throws Exception {
    Flow withComment = FlowBuilder.ordersTransform("price /* x */ * quantity");
    assertThat(report(withComment, "t").messages()).isEmpty();
    assertPlansInPlace(
        withComment,
        List.of("id", "customer", "price", "quantity", "region", "ordertime", "total"),
        "T");
    Flow trailing = FlowBuilder.ordersTransform("price * quantity // x");
    assertThat(report(trailing, "t").status()).isEqualTo(NodeStatus.ERROR);
  }

  @Test
  void expressions_nested_beyond_what_flink_can_read_are_a_node_problem() {
    String deep = "(".repeat(3000) + "price > 1" + ")".repeat(3000);
    NodeReport f = report(FlowBuilder.ordersFilter(deep), "f");
    assertThat(f.status()).isEqualTo(NodeStatus.ERROR);
    String long_ = "price > 1 AND " + "price > 1 AND ".repeat(2000) + "true";
    assertThat(report(FlowBuilder.ordersFilter(long_), "f").messages())
        .anySatisfy(m -> assertThat(m).contains("over the limit of 20000"));
  }

  @Test
  void an_error_inside_the_planner_is_a_problem_of_its_node_only() {
    var failing =
        new io.eddy.core.analysis.FlowAnalyzer(
            (relations, expressions) -> {
              throw new AssertionError("Conversion to relational algebra failed");
            });
    var report = failing.report(FlowBuilder.ordersFilter("price > 1"));
    assertThat(report.node("orders").orElseThrow().status()).isEqualTo(NodeStatus.VALID);
    assertThat(report.node("f").orElseThrow().status()).isEqualTo(NodeStatus.ERROR);
    assertThat(report.node("f").orElseThrow().messages())
        .anySatisfy(m -> assertThat(m).contains("could not be checked"));
    var overflow =
        new io.eddy.core.analysis.FlowAnalyzer(
            (relations, expressions) -> {
              throw new StackOverflowError();
            });
    assertThat(
            overflow.report(FlowBuilder.ordersFilter("price > 1")).node("f").orElseThrow().status())
        .isEqualTo(NodeStatus.ERROR);
  }

  static void assertPlansInPlace(Flow flow, List<String> columns) throws Exception {
    assertPlansInPlace(flow, columns, "F");
  }

  /** Plans every statement with Flink; the node's view has exactly the expected columns. */
  static void assertPlansInPlace(Flow flow, List<String> columns, String view) throws Exception {
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
    assertThat(
            env.from("`" + view + "`").getResolvedSchema().getColumns().stream()
                .map(Column::getName)
                .toList())
        .containsExactlyElementsOf(columns);
  }
}
