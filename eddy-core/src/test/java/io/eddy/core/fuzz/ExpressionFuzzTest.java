package io.eddy.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.FlowBuilder;
import io.eddy.core.TestFlows;
import io.eddy.core.analysis.NodeReport;
import io.eddy.core.analysis.NodeStatus;
import io.eddy.core.model.Flow;
import io.eddy.core.sql.ExpressionGuard;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random expressions from a token grammar that includes comments of every kind Flink knows, every
 * quoting form, statement ends and keywords such as LIMIT: each is either refused as a problem on
 * its node, or compiles to a script that Flink plans with the expression in its place (the filter's
 * view keeps exactly the source's columns, the transform's gains exactly its new one).
 */
class ExpressionFuzzTest {
  static final List<String> SOURCE_COLUMNS =
      List.of("id", "customer", "price", "quantity", "region", "ordertime");

  static final List<String> TOKENS =
      List.of(
          "price",
          "quantity",
          "region",
          "`region`",
          "`re``gion`",
          "id",
          "1",
          "1.5",
          "-1",
          "1e3",
          "'EMEA'",
          "'it''s'",
          "''",
          "'--'",
          "'//'",
          "'/*'",
          "'*/'",
          "U&'\\0041'",
          "U&'\\0027'",
          "X'41'",
          "\"EMEA\"",
          "=",
          "<>",
          ">",
          "<",
          "+",
          "-",
          "*",
          "/",
          "%",
          "||",
          "AND",
          "OR",
          "NOT",
          "IS NULL",
          "IS NOT NULL",
          "LIKE",
          "IN",
          "BETWEEN",
          "CASE",
          "WHEN",
          "THEN",
          "ELSE",
          "END",
          "CAST(",
          "AS",
          "STRING",
          "INT",
          "UPPER(",
          "(",
          ")",
          ",",
          ";",
          "--",
          "-- x\n",
          "//",
          "// x\n",
          "/*",
          "*/",
          "/* x */",
          "\n",
          "'",
          "`",
          "\"",
          "$$",
          "LIMIT",
          "OFFSET",
          "FETCH",
          "FIRST",
          "ROWS",
          "ONLY",
          "ORDER BY",
          "SELECT",
          "FROM",
          "WHERE",
          "UNION",
          "TRUE",
          "FALSE",
          "NULL",
          "${HOME}",
          "?",
          ":x",
          "\\");

  @Provide
  Arbitrary<String> expressions() {
    return tokenSequences(10, " ", "", "\n", "  ").filter(s -> !s.isBlank());
  }

  /** 1 to {@code maxTokens} of {@link #TOKENS}, each followed by one of {@code separators}. */
  static Arbitrary<String> tokenSequences(int maxTokens, String... separators) {
    Arbitrary<String> token = Arbitraries.of(TOKENS);
    Arbitrary<String> separator = Arbitraries.of(separators);
    return Arbitraries.integers()
        .between(1, maxTokens)
        .flatMap(
            n ->
                net.jqwik.api.Combinators.combine(
                        token.list().ofSize(n), separator.list().ofSize(n))
                    .as(
                        (tokens, after) -> {
                          StringBuilder s = new StringBuilder();
                          for (int i = 0; i < tokens.size(); i++) {
                            s.append(tokens.get(i)).append(after.get(i));
                          }
                          return s.toString();
                        }));
  }

  @Property(seed = FuzzSettings.SEED)
  void a_filter_expression_is_refused_or_stays_in_its_place(
      @ForAll("expressions") String expression) throws Exception {
    Flow flow = FlowBuilder.ordersFilter(expression);
    NodeReport f = TestFlows.ANALYZER.report(flow).node("f").orElseThrow();
    if (ExpressionGuard.check(expression).isPresent()) {
      assertThat(f.status()).isEqualTo(NodeStatus.ERROR);
      assertThat(f.messages()).isNotEmpty();
      return;
    }
    if (f.status() == NodeStatus.VALID) {
      assertThat(FlinkScripts.planAndCheck(flow, "F")).containsExactlyElementsOf(SOURCE_COLUMNS);
    } else {
      assertThat(f.messages()).isNotEmpty();
    }
  }

  @Property(seed = FuzzSettings.SEED)
  void a_transform_expression_is_refused_or_stays_in_its_place(
      @ForAll("expressions") String expression) throws Exception {
    Flow flow = FlowBuilder.ordersTransform(expression);
    NodeReport t = TestFlows.ANALYZER.report(flow).node("t").orElseThrow();
    if (t.status() == NodeStatus.VALID) {
      assertThat(ExpressionGuard.check(expression)).isEmpty();
      List<String> expected = new java.util.ArrayList<>(SOURCE_COLUMNS);
      expected.add("total");
      assertThat(FlinkScripts.planAndCheck(flow, "T")).containsExactlyElementsOf(expected);
    } else {
      assertThat(t.messages()).isNotEmpty();
    }
  }
}
