package io.eddy.engine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.compile.CompileOptions;
import io.eddy.core.compile.CompiledFlow;
import io.eddy.core.compile.SqlCompiler;
import io.eddy.core.compile.StartupMode;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import io.eddy.engine.EmbeddedKafka;
import io.eddy.engine.FlinkEngine;
import io.eddy.engine.RunOptions;
import io.eddy.engine.RunState;
import io.eddy.engine.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cost of one watermark per event (a main class, not a test): the same compiled flows run over
 * the same generated orders, once as Eddy compiles them ({@code 'scan.watermark.emit.strategy' =
 * 'on-event'}) and once with that option removed (Flink's periodic default), alternating, each read
 * bounded to its end. Prints events per second of each and the ratio on-event / periodic. Run with
 * {@code BENCH=WatermarkBench ./eddy-engine/bench.sh [EVENTS]} (docs/performance.md).
 */
public final class WatermarkBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ON_EVENT = ",\n  'scan.watermark.emit.strategy' = 'on-event'";
  private static final int ROUNDS = 4;

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = Files.createTempDirectory("eddy-watermark-bench");
    System.out.printf(
        "Watermark benchmark: %,d events, %d cores, %d rounds per flow and strategy%n",
        events, Runtime.getRuntime().availableProcessors(), ROUNDS);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
      FlinkEngine engine = FlinkEngine.embedded(dir.resolve("flink"), 2);
      try {
        SqlCompiler compiler = new SqlCompiler(new FlowAnalyzer(new FlinkExpressionChecker()));
        kafka.createTopic("ORDERS.WM", 1);
        EngineBench.produceOrders(kafka.bootstrapServers(), "ORDERS.WM", events, 42);
        // A warm-up job, so that the first measured run does not pay for the planner's start.
        run(engine, kafka, compile(compiler, kafka, "emea-orders.json", "warmup"), "warmup", false);
        // Flows that wait for event time: a flow of per-event nodes (the EMEA filter) has no
        // watermark to compare since session 10.
        for (String example :
            List.of("hourly-revenue-per-region-in-sql.json", "rolling-order-count.json")) {
          List<Double> periodic = new ArrayList<>();
          List<Double> onEvent = new ArrayList<>();
          long outPeriodic = 0;
          long outOnEvent = 0;
          for (int round = 0; round < ROUNDS; round++) {
            String id = example.replace(".json", "") + "-" + round;
            CompiledFlow a = compile(compiler, kafka, example, id + "-p");
            CompiledFlow b = compile(compiler, kafka, example, id + "-e");
            // Which strategy goes first alternates, so neither always meets a warmer JVM.
            Result p;
            Result e;
            if (round % 2 == 0) {
              p = run(engine, kafka, a, id + "-p", true);
              e = run(engine, kafka, b, id + "-e", false);
            } else {
              e = run(engine, kafka, b, id + "-e", false);
              p = run(engine, kafka, a, id + "-p", true);
            }
            periodic.add(p.seconds);
            onEvent.add(e.seconds);
            outPeriodic = p.out;
            outOnEvent = e.out;
          }
          double mp = mean(periodic);
          double me = mean(onEvent);
          System.out.printf(
              "%s: periodic %,.0f events/s (mean of %s s), on-event %,.0f events/s (mean of %s"
                  + " s); events out %,d vs %,d; ratio on-event / periodic throughput = %.2f%n",
              example,
              events / mp,
              periodic,
              events / me,
              onEvent,
              outPeriodic,
              outOnEvent,
              mp / me);
        }
      } finally {
        engine.close();
      }
    }
    System.exit(0);
  }

  private record Result(double seconds, long out) {}

  /** The example reading ORDERS.WM and writing to its own topic, bounded, as Eddy compiles it. */
  private static CompiledFlow compile(
      SqlCompiler compiler, EmbeddedKafka kafka, String example, String id) throws Exception {
    ObjectNode doc =
        (ObjectNode) JSON.readTree(Files.readString(Path.of("..", "examples", example)));
    for (JsonNode n : doc.get("nodes")) {
      if (n.get("config").has("kafka")) {
        ((ObjectNode) n.get("config").get("kafka"))
            .put("topic", n.get("type").asText().equals("source") ? "ORDERS.WM" : "WM.OUT." + id);
      }
    }
    Flow flow = FlowDocuments.read(doc.toString());
    return compiler.compile(
        flow,
        CompileOptions.export()
            .withStartupMode(StartupMode.EARLIEST)
            .withBounded(true)
            .withKafkaOverride(kafka.bootstrapServers())
            .withConsumerGroup("wm-" + id)
            .withSecrets(n -> Optional.empty()));
  }

  /** Submit to FINISHED, in seconds; {@code periodic} removes the on-event option first. */
  private static Result run(
      FlinkEngine engine, EmbeddedKafka kafka, CompiledFlow compiled, String id, boolean periodic)
      throws Exception {
    List<String> statements = new ArrayList<>();
    for (String s : compiled.statements()) {
      if (s.contains(ON_EVENT)) {
        statements.add(periodic ? s.replace(ON_EVENT, "") : s);
      } else if (s.startsWith("CREATE TABLE") && s.contains("'scan.startup.mode'")) {
        throw new IllegalStateException("a source without on-event watermarks: " + s);
      } else {
        statements.add(s);
      }
    }
    long start = System.nanoTime();
    String job = engine.start(statements, RunOptions.of(compiled.settings())).jobId();
    RunStatus end = engine.awaitEnd(job, Duration.ofMinutes(15));
    double seconds = (System.nanoTime() - start) / 1e9;
    if (end.state() != RunState.FINISHED) {
      throw new IllegalStateException("The benchmark job " + end.state() + ": " + end.error());
    }
    return new Result(seconds, outCount(kafka, "WM.OUT." + id));
  }

  /** Events written to the flow's destination topic (its end offset). */
  private static long outCount(EmbeddedKafka kafka, String topic) throws Exception {
    org.apache.kafka.common.TopicPartition tp =
        new org.apache.kafka.common.TopicPartition(topic, 0);
    return kafka
        .admin()
        .listOffsets(java.util.Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()))
        .partitionResult(tp)
        .get()
        .offset();
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
