package io.eddy.engine.bench;

import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.compile.SqlCompiler;
import io.eddy.engine.EmbeddedKafka;
import io.eddy.engine.FlinkEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What run counts cost a run's start (a main class, not a test): warm start → first output event of
 * the EMEA filter flow with and without counts, alternating, after an untimed warm-up of each. Run
 * with {@code BENCH=CountsCostBench ./eddy-engine/bench.sh PAIRS}.
 */
public final class CountsCostBench {
  public static void main(String[] args) throws Exception {
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path dir = Files.createTempDirectory("eddy-counts-bench");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
      FlinkEngine engine = FlinkEngine.embedded(dir.resolve("flink"), 4);
      SqlCompiler compiler = new SqlCompiler(new FlowAnalyzer(new FlinkExpressionChecker()));
      kafka.createTopic("LATENCY", 1);
      EngineBench.produceOrders(kafka.bootstrapServers(), "LATENCY", 100, 7);
      try {
        firstEvent(engine, compiler, kafka, "warm-plain", false);
        firstEvent(engine, compiler, kafka, "warm-counts", true);
        List<Double> plain = new ArrayList<>();
        List<Double> counted = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
          boolean countsFirst = i % 2 == 1;
          if (countsFirst) {
            counted.add(firstEvent(engine, compiler, kafka, "c" + i, true));
          }
          plain.add(firstEvent(engine, compiler, kafka, "p" + i, false));
          if (!countsFirst) {
            counted.add(firstEvent(engine, compiler, kafka, "c" + i, true));
          }
        }
        System.out.printf(
            "warm start → first output event, median of %d: without counts %.2f s %s, with counts"
                + " %.2f s %s%n",
            pairs, median(plain), plain, median(counted), counted);
      } finally {
        engine.close();
      }
    }
    System.exit(0);
  }

  private static double firstEvent(
      FlinkEngine engine, SqlCompiler compiler, EmbeddedKafka kafka, String id, boolean counts)
      throws Exception {
    long start = System.nanoTime();
    CountDownLatch first = new CountDownLatch(1);
    try (TappedRun run =
        TappedRun.start(
            engine,
            compiler,
            kafka,
            id,
            EngineBench.flow("LATENCY"),
            e -> first.countDown(),
            counts)) {
      if (!first.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no output within 120 s: " + run.status());
      }
      return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
