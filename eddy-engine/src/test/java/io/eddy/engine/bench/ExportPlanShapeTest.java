package io.eddy.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.compile.SqlCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12: Flink's optimized plan of each benchmark query as Eddy exports it has the shape of the
 * hand-written query's plan — the same operators in the same order, where the watermark is computed
 * (in the source) included. What may differ is only what the Calcs compute: Eddy's source reads the
 * event time from text ({@code auto} form) where the hand-written source lets the JSON format parse
 * it, and names window columns (docs/performance.md, "Export against hand-written SQL").
 */
class ExportPlanShapeTest {
  private static final SqlCompiler COMPILER =
      new SqlCompiler(new FlowAnalyzer(new FlinkExpressionChecker()));
  private static final Pattern OPERATOR = Pattern.compile("^[ |+-]*([A-Za-z]+)\\(");

  static List<ExportBench.Query> queries() {
    return ExportBench.QUERIES;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void eddys_plan_has_the_shape_of_the_hand_written_one(ExportBench.Query q) throws Exception {
    String eddy =
        plan(ExportBench.eddySql(q, "x", COMPILER, "ORDERS", "p-", "localhost:9092").statements());
    String hand = plan(ExportBench.handWrittenSql(q, "x", "ORDERS", "p-", "localhost:9092"));

    assertThat(withoutCalcs(operators(eddy))).isEqualTo(withoutCalcs(operators(hand)));
    // at most one Calc between the source and the next operator: the event time is read in the
    // same chained step as the rest of the row, and nothing is layered on top of it
    assertThat(calcsAboveSource(operators(eddy))).isLessThanOrEqualTo(1);
    boolean windowed = q.handWritten().contains("DESCRIPTOR(");
    assertThat(watermarkInSource(eddy)).isEqualTo(windowed);
    assertThat(watermarkInSource(hand)).isEqualTo(windowed);
    if (!windowed) {
      assertThat(operators(eddy)).containsExactly("Sink", "Calc", "TableSourceScan");
    }
  }

  /** The optimized execution plan of the script's last statement. */
  private static String plan(List<String> statements) {
    TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    Pattern set = Pattern.compile("SET '([^']*)' = '([^']*)'");
    for (String s : statements.subList(0, statements.size() - 1)) {
      Matcher m = set.matcher(s);
      if (m.matches()) {
        env.getConfig().set(m.group(1), m.group(2));
      } else {
        env.executeSql(s);
      }
    }
    String plan = env.explainSql(statements.get(statements.size() - 1));
    return plan.substring(plan.indexOf("== Optimized Execution Plan =="));
  }

  /** The operators of a plan, top (the sink) first. */
  private static List<String> operators(String plan) {
    List<String> names = new ArrayList<>();
    for (String line : plan.lines().skip(1).toList()) {
      Matcher m = OPERATOR.matcher(line);
      if (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  private static List<String> withoutCalcs(List<String> operators) {
    return operators.stream().filter(o -> !o.equals("Calc")).toList();
  }

  private static int calcsAboveSource(List<String> operators) {
    int calcs = 0;
    for (int i = operators.size() - 2; i >= 0 && operators.get(i).equals("Calc"); i--) {
      calcs++;
    }
    return calcs;
  }

  private static boolean watermarkInSource(String plan) {
    return plan.lines()
        .filter(l -> l.contains("TableSourceScan("))
        .allMatch(l -> l.contains("watermark=[") && l.contains("watermarkEmitStrategy=[on-event]"));
  }
}
