package io.eddy.core.bench;

import io.eddy.core.FlowBuilder;
import io.eddy.core.TestFlows;
import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.model.Flow;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * Analysis of a 200-node flow (alternating filters and transforms), cold and warm, against a
 * baseline measured in the same run: 200 validations of a trivial query by the same planner.
 *
 * <pre>mvn -q -pl eddy-core test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.eddy.core.bench.AnalysisBenchmark</pre>
 */
public final class AnalysisBenchmark {
  public static void main(String[] args) {
    Flow flow = twoHundredNodes();
    long t0 = System.nanoTime();
    boolean valid = new FlowAnalyzer(new FlinkExpressionChecker()).report(flow).valid();
    long coldMillis = millisSince(t0);
    for (int i = 0; i < 3; i++) {
      new FlowAnalyzer(new FlinkExpressionChecker()).report(flow); // warm-up (JIT)
    }
    FlowAnalyzer warm = new FlowAnalyzer(new FlinkExpressionChecker());
    warm.report(TestFlows.example("emea-orders"));
    long t1 = System.nanoTime();
    warm.report(flow);
    long warmMillis = millisSince(t1);
    long t2 = System.nanoTime();
    warm.report(flow);
    long cachedMillis = millisSince(t2);

    TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    for (int i = 0; i < 400; i++) {
      env.sqlQuery("SELECT " + i).getResolvedSchema();
    }
    long t3 = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      env.sqlQuery("SELECT " + i + " > 1").getResolvedSchema();
    }
    long baselineMillis = Math.max(1, millisSince(t3));
    System.out.printf(
        "200-node flow (valid=%s): cold JVM %d ms; warm planner %d ms; re-analysis with cached"
            + " expressions %d ms; baseline 200 trivial planner validations %d ms; warm/baseline"
            + " ratio %.1f%n",
        valid,
        coldMillis,
        warmMillis,
        cachedMillis,
        baselineMillis,
        (double) warmMillis / baselineMillis);
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
