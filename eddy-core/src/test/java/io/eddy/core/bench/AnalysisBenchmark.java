package io.eddy.core.bench;

import io.eddy.core.FlowBuilder;
import io.eddy.core.TestFlows;
import io.eddy.core.analysis.AnalysisWarmUp;
import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.analysis.FlowAnalysis;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.compile.CompileOptions;
import io.eddy.core.compile.SqlCompiler;
import io.eddy.core.model.Flow;
import io.eddy.core.sql.ExpressionGuard;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * Analysis and compilation of a 200-node flow (alternating filters and transforms), cold and warm,
 * against a baseline measured in the same run: 200 validations of a trivial query by the same
 * planner. Warm figures are the median (and range) of five runs, each with a warm planner and an
 * empty expression cache; then five more after 30 further analyses in the same JVM.
 *
 * <pre>mvn -q -pl eddy-core test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.eddy.core.bench.AnalysisBenchmark [-Dwarmup=server]</pre>
 */
public final class AnalysisBenchmark {
  private static final int RUNS = 5;

  public static void main(String[] args) throws Exception {
    Flow flow = twoHundredNodes();
    // -Dwarmup=server: first what the server does at start (AnalysisWarmUp), as a user who opens
    // a flow after start meets it; the "cold" figure is then the first analysis after it.
    if ("server".equals(System.getProperty("warmup"))) {
      long w = System.nanoTime();
      int passes = AnalysisWarmUp.run(AnalysisWarmUp.passes(), AnalysisWarmUp.BUDGET, () -> false);
      System.out.printf("server warm-up: %d passes in %d ms%n", passes, millisSince(w));
    }
    long t0 = System.nanoTime();
    boolean valid = new FlowAnalyzer(new FlinkExpressionChecker()).report(flow).valid();
    long coldMillis = millisSince(t0);
    for (int i = 0; i < 3; i++) {
      FlowAnalyzer analyzer = new FlowAnalyzer(new FlinkExpressionChecker());
      new SqlCompiler(analyzer).compile(analyzer.analyse(flow), CompileOptions.export());
    }
    List<Long> analysis = new ArrayList<>();
    List<Long> compile = new ArrayList<>();
    List<Long> cached = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      FlowAnalyzer warm = new FlowAnalyzer(new FlinkExpressionChecker());
      warm.report(TestFlows.example("emea-orders")); // starts the planner
      ExpressionGuard.forgetVerdicts();
      long t1 = System.nanoTime();
      FlowAnalysis result = warm.analyse(flow);
      analysis.add(millisSince(t1));
      long t2 = System.nanoTime();
      new SqlCompiler(warm).compile(result, CompileOptions.export());
      compile.add(millisSince(t2));
      long t3 = System.nanoTime();
      warm.report(flow);
      cached.add(millisSince(t3));
    }
    // A server that has run a while has analysed many flows: the same after 30 more analyses, when
    // the JIT has compiled more of the planner's code than in the five runs above.
    List<Long> later = new ArrayList<>();
    for (int i = 0; i < 30 + RUNS; i++) {
      FlowAnalyzer warm = new FlowAnalyzer(new FlinkExpressionChecker());
      warm.report(TestFlows.example("emea-orders"));
      ExpressionGuard.forgetVerdicts();
      long t1 = System.nanoTime();
      warm.analyse(flow);
      if (i >= 30) {
        later.add(millisSince(t1));
      }
    }

    TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    // Warmed by itself, not by the analysis before it: the analysis no longer goes through
    // sqlQuery's conversion step, which the baseline does.
    for (int i = 0; i < 2000; i++) {
      env.sqlQuery("SELECT " + i).getResolvedSchema();
    }
    long t4 = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      env.sqlQuery("SELECT " + i + " > 1").getResolvedSchema();
    }
    long baselineMillis = Math.max(1, millisSince(t4));
    System.out.printf(
        "200-node flow (valid=%s): cold JVM %d ms; warm analysis, nothing cached %s;"
            + " compile from the analysis %s; re-analysis with cached expressions %s;"
            + " warm analysis after 30 more %s;"
            + " baseline 200 trivial planner validations %d ms; warm/baseline ratio %.1f%n",
        valid,
        coldMillis,
        summary(analysis),
        summary(compile),
        summary(cached),
        summary(later),
        baselineMillis,
        (double) median(analysis) / baselineMillis);
  }

  private static String summary(List<Long> millis) {
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return median(millis) + " ms (" + sorted.get(0) + "–" + sorted.get(sorted.size() - 1) + ")";
  }

  private static long median(List<Long> millis) {
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  static Flow twoHundredNodes() {
    FlowBuilder b = FlowBuilder.withOrders();
    String previous = "orders";
    for (int i = 0; i < 199; i++) {
      String id = "n" + i;
      if (i % 2 == 0) {
        b.node(
            id,
            "filter",
            "Filter " + i,
            "{'expression': 'price > " + i + " AND region <> \\u0027X" + i + "\\u0027'}");
      } else {
        b.node(
            id,
            "transform",
            "Transform " + i,
            "{'properties': [{'name': 'p" + i + "', 'expression': 'price * " + i + "'}]}");
      }
      b.edge(previous, id);
      previous = id;
    }
    return b.build();
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
