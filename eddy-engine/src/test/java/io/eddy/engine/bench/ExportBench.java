package io.eddy.engine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.compile.CompileOptions;
import io.eddy.core.compile.CompiledFlow;
import io.eddy.core.compile.SqlCompiler;
import io.eddy.core.compile.StartupMode;
import io.eddy.core.document.FlowDocuments;
import io.eddy.engine.EmbeddedKafka;
import io.eddy.engine.FlinkEngine;
import io.eddy.engine.RunOptions;
import io.eddy.engine.RunState;
import io.eddy.engine.RunStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Eddy's SQL export against hand-written Flink SQL computing the same output (a main class, not a
 * test; {@code ExportBenchSmokeTest} runs it small in CI so it cannot rot): the Nexmark-style
 * queries q0 pass-through, q1 transform, q2 filter, q5 hopping count and average per region, q7
 * tumbling max per region and q19 top 3 per region and window, plus a plain-Java consume → Jackson
 * → filter → produce loop beside q2. Per query, the flow as Eddy compiles it and a hand-written
 * script, run side by side in one JVM (one embedded broker, one shared MiniCluster, parallelism 1)
 * over the same generated orders, read bounded to the end. After an untimed warm-up of each, {@code
 * PAIRS} pairs whose order alternates; prints per query the events/s of both, the records out
 * (which must agree) and the ratio Eddy / hand-written throughput (median of the pairs' ratios).
 * Time is the job's own running time (its first task starting to its last finishing, from Flink's
 * REST API), so job submission and planning, equal on both sides, do not blur the ratio; submit →
 * finished is printed too. Run with {@code BENCH=ExportBench ./eddy-engine/bench.sh [EVENTS] [HEAP]
 * [PAIRS]} (docs/performance.md).
 *
 * <p>Both sides read with the same Kafka options and skip messages that are not JSON. The windowed
 * queries (q5, q7, q19) emit a watermark per event on both sides (Eddy's semantics; its cost is
 * measured by {@link WatermarkBench}); the others have none on either side, as neither Eddy nor
 * someone writing them by hand needs one. So the ratio is the cost of the SQL's shape alone.
 */
public final class ExportBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC = "ORDERS.EXPORT";

  private static final String ORDER_COLUMNS =
      "`id` STRING, `customer` STRING, `customerid` STRING, `description` STRING, `price` DOUBLE,"
          + " `quantity` INT, `region` STRING, `ordertime` TIMESTAMP(3)";

  /** One query: the Eddy flow's processing nodes, and the hand-written SQL after the source. */
  record Query(String name, Function<ObjectNode, ObjectNode> flow, String handWritten) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Query> QUERIES =
      List.of(
          new Query(
              "q0 pass-through (all properties)",
              doc -> withNodes(doc, List.of()),
              "CREATE TABLE `out` ("
                  + ORDER_COLUMNS
                  + ") WITH (%SINK%);\n"
                  + "INSERT INTO `out` SELECT * FROM `orders`"),
          new Query(
              "q2 filter region = 'EMEA' AND price > 50",
              doc ->
                  withNodes(
                      doc,
                      List.of(
                          node(
                              "filter",
                              "filter",
                              "{\"expression\": \"region = 'EMEA' AND price > 50\"}"))),
              "CREATE TABLE `out` ("
                  + ORDER_COLUMNS
                  + ") WITH (%SINK%);\n"
                  + "INSERT INTO `out` SELECT * FROM `orders`"
                  + " WHERE `region` = 'EMEA' AND `price` > 50"),
          new Query(
              "q7 tumbling 10 min MAX(price) per region",
              doc ->
                  withNodes(
                      doc,
                      List.of(
                          node(
                              "max",
                              "aggregate",
                              "{\"window\": {\"timeProperty\": \"ordertime\", \"size\": {\"value\":"
                                  + " 10, \"unit\": \"MINUTE\"}}, \"aggregates\": [{\"function\":"
                                  + " \"MAX\", \"property\": \"price\", \"as\": \"maxPrice\"}],"
                                  + " \"groupBy\": [\"region\"]}"))),
              "CREATE TABLE `out` (`region` STRING, `maxPrice` DOUBLE, `aggregateStartTime`"
                  + " TIMESTAMP(3), `aggregateEndTime` TIMESTAMP(3), `aggregateResultTime`"
                  + " TIMESTAMP(3)) WITH (%SINK%);\n"
                  + "INSERT INTO `out` SELECT `region`, MAX(`price`), `window_start`,"
                  + " `window_end`, `window_time` FROM TABLE(TUMBLE(TABLE `orders`,"
                  + " DESCRIPTOR(`ordertime`), INTERVAL '10' MINUTE)) GROUP BY `window_start`,"
                  + " `window_end`, `window_time`, `region`"),
          new Query(
              "q1 transform: price in euros",
              doc ->
                  withNodes(
                      doc,
                      List.of(
                          node(
                              "euros",
                              "transform",
                              "{\"properties\": [{\"name\": \"priceEur\", \"expression\":"
                                  + " \"price * 0.908\"}]}"))),
              "CREATE TABLE `out` ("
                  + ORDER_COLUMNS
                  + ", `priceEur` DOUBLE) WITH (%SINK%);\n"
                  + "INSERT INTO `out` SELECT *, `price` * 0.908 FROM `orders`"),
          new Query(
              "q5 hopping 10 min every 2 min COUNT and AVG(price) per region",
              doc ->
                  withNodes(
                      doc,
                      List.of(
                          node(
                              "hop",
                              "aggregate",
                              "{\"window\": {\"timeProperty\": \"ordertime\", \"size\": {\"value\":"
                                  + " 10, \"unit\": \"MINUTE\"}, \"slide\": {\"value\": 2, \"unit\":"
                                  + " \"MINUTE\"}}, \"aggregates\": [{\"function\": \"COUNT\", \"as\":"
                                  + " \"orders\"}, {\"function\": \"AVG\", \"property\": \"price\","
                                  + " \"as\": \"averagePrice\"}], \"groupBy\": [\"region\"]}"))),
              "CREATE TABLE `out` (`region` STRING, `orders` BIGINT, `averagePrice` DOUBLE,"
                  + " `aggregateStartTime` TIMESTAMP(3), `aggregateEndTime` TIMESTAMP(3),"
                  + " `aggregateResultTime` TIMESTAMP(3)) WITH (%SINK%);\n"
                  + "INSERT INTO `out` SELECT `region`, COUNT(*), AVG(`price`), `window_start`,"
                  + " `window_end`, `window_time` FROM TABLE(HOP(TABLE `orders`,"
                  + " DESCRIPTOR(`ordertime`), INTERVAL '2' MINUTE, INTERVAL '10' MINUTE))"
                  + " GROUP BY `window_start`, `window_end`, `window_time`, `region`"),
          new Query(
              "q19 top 3 by price per region and 10 min window",
              doc ->
                  withNodes(
                      doc,
                      List.of(
                          node(
                              "top3",
                              "topN",
                              "{\"window\": {\"timeProperty\": \"ordertime\", \"size\": {\"value\":"
                                  + " 10, \"unit\": \"MINUTE\"}}, \"limit\": 3, \"orderBy\":"
                                  + " {\"property\": \"price\", \"direction\": \"DESC\"},"
                                  + " \"groupBy\": [\"region\"]}"))),
              "CREATE TABLE `out` ("
                  + ORDER_COLUMNS
                  + ", `windowStartTime` TIMESTAMP(3), `windowEndTime` TIMESTAMP(3),"
                  + " `windowResultTime` TIMESTAMP(3), `topN` BIGINT) WITH (%SINK%);\n"
                  + "INSERT INTO `out` SELECT `id`, `customer`, `customerid`, `description`,"
                  + " `price`, `quantity`, `region`, CAST(`ordertime` AS TIMESTAMP(3)),"
                  + " `window_start`, `window_end`,"
                  + " `window_time`, `rn` FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY"
                  + " `window_start`, `window_end`, `region` ORDER BY `price` DESC) AS `rn` FROM"
                  + " TABLE(TUMBLE(TABLE `orders`, DESCRIPTOR(`ordertime`), INTERVAL '10'"
                  + " MINUTE))) WHERE `rn` <= 3"));

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("eddy-export-bench");
    System.out.printf(
        "Export benchmark: %,d events, %d cores, %d pairs per query%n",
        events, Runtime.getRuntime().availableProcessors(), pairs);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
      FlinkEngine engine = FlinkEngine.embedded(dir.resolve("flink"), 2);
      try {
        suite(kafka, engine, events, pairs, false, System.out);
      } finally {
        engine.close();
      }
    }
    System.exit(0);
  }

  /**
   * One query's outcome: the records out of each side (equal, or the suite stops) and the ratio.
   */
  public record QueryResult(String query, long eddyOut, long otherOut, double ratio) {}

  /**
   * The suite on a given broker and cluster: generates {@code events} orders into a topic of its
   * own, then per query (q0, q1, q2, q5, q7, q19) {@code pairs} pairs of Eddy and hand-written runs
   * after an untimed warm-up of each, and the plain-Java loop beside q2. Prints a line per query to
   * {@code out}. A {@code smoke} run only checks that the suite works: no warm-up, and the two
   * sides of a pair run at the same time (two slots), so its times say nothing.
   *
   * @throws IllegalStateException when the two sides of a query write different numbers of records
   */
  public static List<QueryResult> suite(
      EmbeddedKafka kafka,
      FlinkEngine engine,
      int events,
      int pairs,
      boolean smoke,
      java.io.PrintStream out)
      throws Exception {
    String prefix = "bench" + System.currentTimeMillis() + "-";
    String topic = prefix + TOPIC;
    Bench bench =
        new Bench(
            engine,
            kafka,
            new SqlCompiler(new FlowAnalyzer(new FlinkExpressionChecker())),
            topic,
            prefix);
    kafka.createTopic(topic, 1);
    EngineBench.produceOrders(kafka.bootstrapServers(), topic, events, 42);
    List<Query> queries = new ArrayList<>(QUERIES);
    queries.sort(java.util.Comparator.comparingInt(ExportBench::number));
    // EXPORT_QUERIES=q0,q2 runs only those (while trying a change to one part of the SQL)
    String only = System.getenv("EXPORT_QUERIES");
    if (only != null && !only.isBlank()) {
      List<String> wanted = List.of(only.split(","));
      queries.removeIf(q -> !wanted.contains("q" + number(q)));
    }
    int run = 0;
    if (!smoke) {
      // Untimed: the planner, the code generator and the JIT warm up on both sides.
      for (Query q : queries) {
        bench.eddy(q, "warm-e" + run);
        bench.handWritten(q, "warm-h" + run++);
      }
      bench.plainJava("warm-java", events);
    }
    List<QueryResult> results = new ArrayList<>();
    FlameGraphs flames = smoke ? FlameGraphs.none() : FlameGraphs.fromEnvironment();
    for (Query q : queries) {
      List<Double> ratios = new ArrayList<>();
      List<Double> writingRatios = new ArrayList<>();
      List<Result> eddy = new ArrayList<>();
      List<Result> hand = new ArrayList<>();
      for (int pair = 0; pair < pairs; pair++) {
        Result e;
        Result h;
        // Which side goes first alternates, so neither always meets a warmer JVM.
        if (smoke) {
          String id = String.valueOf(run++);
          java.util.concurrent.CompletableFuture<Result> eddyRun =
              java.util.concurrent.CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      return bench.eddy(q, "e" + id);
                    } catch (Exception ex) {
                      throw new java.util.concurrent.CompletionException(ex);
                    }
                  });
          h = bench.handWritten(q, "h" + id);
          e = eddyRun.join();
        } else if (pair == 0) {
          // PROFILE=dir: flame graphs of each side's first timed run (FlameGraphs)
          String id = String.valueOf(run++);
          e = flames.record("q" + number(q) + "-eddy", () -> bench.eddy(q, "e" + id));
          h =
              flames.record(
                  "q" + number(q) + "-hand-written", () -> bench.handWritten(q, "h" + id));
        } else if (pair % 2 == 0) {
          e = bench.eddy(q, "e" + run);
          h = bench.handWritten(q, "h" + run++);
        } else {
          h = bench.handWritten(q, "h" + run);
          e = bench.eddy(q, "e" + run++);
        }
        if (e.out != h.out) {
          throw new IllegalStateException(
              q.name + ": Eddy wrote " + e.out + " records, hand-written " + h.out);
        }
        eddy.add(e);
        hand.add(h);
        ratios.add(h.running / e.running);
        writingRatios.add(h.writing / e.writing);
      }
      out.printf(
          "%s: Eddy %s events/s, hand-written %s events/s (job running time; submit →"
              + " finished %s s vs %s s); records out %,d = %,d; Eddy / hand-written ="
              + " %.2f (median of %s); first to last record written %s s vs %s s, Eddy /"
              + " hand-written = %.2f (median of %s)%n",
          q.name,
          rates(eddy, events),
          rates(hand, events),
          walls(eddy),
          walls(hand),
          eddy.get(0).out,
          hand.get(0).out,
          median(ratios),
          ratios.stream().map(r -> String.format("%.2f", r)).toList(),
          writings(eddy),
          writings(hand),
          median(writingRatios),
          writingRatios.stream().map(r -> String.format("%.2f", r)).toList());
      results.add(new QueryResult(q.name, eddy.get(0).out, hand.get(0).out, median(ratios)));
      if (number(q) == 2) {
        results.add(plainJava(bench, q, eddy, events, pairs, out));
      }
    }
    return results;
  }

  /**
   * The plain-Java loop beside q2, {@code pairs} times: consume, parse with Jackson, filter,
   * produce (wall time from subscribing to the last record acknowledged); Eddy's q2 against it.
   */
  private static QueryResult plainJava(
      Bench bench, Query q2, List<Result> eddy, int events, int pairs, java.io.PrintStream out) {
    List<Result> loop = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      loop.add(bench.plainJava("java" + i, events));
    }
    long expected = eddy.get(0).out;
    for (Result r : loop) {
      if (r.out != expected) {
        throw new IllegalStateException(
            q2.name + ": Eddy wrote " + expected + " records, the plain-Java loop " + r.out);
      }
    }
    double eddyTime = median(eddy.stream().map(Result::running).toList());
    double loopTime = median(loop.stream().map(Result::running).toList());
    double eddyWriting = median(eddy.stream().map(Result::writing).toList());
    double loopWriting = median(loop.stream().map(Result::writing).toList());
    out.printf(
        "q2 as a plain-Java loop (consume → Jackson → filter → produce): %s events/s; records out"
            + " %,d; Eddy q2 / plain Java = %.2f (medians); first to last record written %s s,"
            + " Eddy q2 / plain Java = %.2f%n",
        rates(loop, events),
        loop.get(0).out,
        loopTime / eddyTime,
        writings(loop),
        loopWriting / eddyWriting);
    return new QueryResult(
        "q2 against the plain-Java loop", expected, loop.get(0).out, loopTime / eddyTime);
  }

  /** The query's number: q0 → 0, q19 → 19. */
  static int number(Query q) {
    return Integer.parseInt(q.name.substring(1, q.name.indexOf(' ')));
  }

  /**
   * Query {@code q} as Eddy compiles it: the bench flow's source, {@code q}'s nodes, a destination.
   */
  static CompiledFlow eddySql(
      Query q, String id, SqlCompiler compiler, String topic, String prefix, String bootstrap)
      throws Exception {
    ObjectNode doc =
        (ObjectNode) JSON.readTree(Files.readString(Path.of("..", "examples", "emea-orders.json")));
    doc = q.flow.apply(doc);
    for (JsonNode n : doc.get("nodes")) {
      if (n.get("type").asText().equals("source")) {
        ((ObjectNode) n.get("config").get("kafka")).put("topic", topic);
      }
      if (n.get("type").asText().equals("destination")) {
        ((ObjectNode) n.get("config").get("kafka")).put("topic", prefix + "OUT." + id);
      }
    }
    return compiler.compile(
        FlowDocuments.read(doc.toString()),
        CompileOptions.export()
            .withStartupMode(StartupMode.EARLIEST)
            .withBounded(true)
            .withKafkaOverride(bootstrap)
            .withConsumerGroup("export-" + id)
            .withSecrets(n -> Optional.empty()));
  }

  /** Query {@code q} as written by hand: the same source and sink options, the same output. */
  static List<String> handWrittenSql(
      Query q, String id, String topic, String prefix, String bootstrap) {
    String source =
        "CREATE TABLE `orders` ("
            + ORDER_COLUMNS
            // only a query with a window waits for event time (DESCRIPTOR names its time column)
            + (q.handWritten.contains("DESCRIPTOR(")
                ? ", WATERMARK FOR `ordertime` AS `ordertime` - INTERVAL '5' SECOND"
                : "")
            + ") WITH ("
            + "'connector' = 'kafka', 'topic' = '"
            + topic
            + "', 'properties.bootstrap.servers' = '"
            + bootstrap
            + "', 'properties.group.id' = 'export-"
            + id
            + "', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' ="
            + " 'latest-offset', "
            + (q.handWritten.contains("DESCRIPTOR(")
                ? "'scan.watermark.emit.strategy' = 'on-event', "
                : "")
            + "'format' = 'json', 'json.ignore-parse-errors' = 'true')";
    String sink =
        "'connector' = 'kafka', 'topic' = '"
            + prefix
            + "OUT."
            + id
            + "', 'properties.bootstrap.servers' = '"
            + bootstrap
            + "', 'format' = 'json'";
    List<String> statements = new ArrayList<>();
    statements.add("SET 'table.local-time-zone' = 'UTC'");
    statements.add(source);
    for (String s : q.handWritten.replace("%SINK%", sink).split(";\n")) {
      statements.add(s);
    }
    return statements;
  }

  record Result(double running, double wall, long out, double writing) {}

  record Bench(
      FlinkEngine engine, EmbeddedKafka kafka, SqlCompiler compiler, String topic, String prefix) {
    Result eddy(Query q, String id) throws Exception {
      CompiledFlow compiled = eddySql(q, id, compiler, topic, prefix, kafka.bootstrapServers());
      return run(compiled.statements(), compiled.settings(), id);
    }

    Result handWritten(Query q, String id) throws Exception {
      return run(handWrittenSql(q, id, topic, prefix, kafka.bootstrapServers()), Map.of(), id);
    }

    Result run(List<String> statements, Map<String, String> settings, String id) throws Exception {
      long start = System.nanoTime();
      String job =
          engine.start(statements, RunOptions.of(settings).withConnectionCheck(false)).jobId();
      RunStatus end = engine.awaitEnd(job, Duration.ofMinutes(15));
      double wall = (System.nanoTime() - start) / 1e9;
      if (end.state() != RunState.FINISHED) {
        throw new IllegalStateException("The benchmark job " + end.state() + ": " + end.error());
      }
      String out = prefix + "OUT." + id;
      return new Result(runningSeconds(job), wall, outCount(out), writingSeconds(out));
    }

    /**
     * From the first record written to the last (their Kafka create times, stamped as the sink
     * sends them): the steady part of a run, without the job's start and end. Flink's running time
     * of these short jobs moves in steps of about 3.3 s (unexplained), which can hide a difference
     * smaller than a step or show one as a whole step.
     */
    private double writingSeconds(String topic) {
      var tp = new org.apache.kafka.common.TopicPartition(topic, 0);
      try (var in =
          new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(
              Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
              new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
              new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
        in.assign(List.of(tp));
        long end = in.endOffsets(List.of(tp)).get(tp);
        if (end == 0) {
          return 0;
        }
        in.seekToBeginning(List.of(tp));
        long first = firstTimestamp(in);
        in.seek(tp, end - 1);
        long last = firstTimestamp(in);
        return (last - first) / 1000.0;
      }
    }

    private static long firstTimestamp(
        org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> in) {
      for (int i = 0; i < 100; i++) {
        for (var r : in.poll(Duration.ofMillis(200))) {
          return r.timestamp();
        }
      }
      throw new IllegalStateException("no record to read");
    }

    /**
     * Consume → Jackson → filter {@code region = 'EMEA' AND price > 50} → produce, in one thread.
     */
    Result plainJava(String id, int events) {
      String outTopic = prefix + "OUT." + id;
      Map<String, Object> consumer =
          Map.of(
              "bootstrap.servers", kafka.bootstrapServers(),
              "enable.auto.commit", "false",
              "auto.offset.reset", "earliest");
      Map<String, Object> producer =
          Map.of("bootstrap.servers", kafka.bootstrapServers(), "linger.ms", "20");
      long start = System.nanoTime();
      long read = 0;
      try (var in =
              new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(
                  consumer,
                  new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                  new org.apache.kafka.common.serialization.ByteArrayDeserializer());
          var outProducer =
              new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(
                  producer,
                  new org.apache.kafka.common.serialization.ByteArraySerializer(),
                  new org.apache.kafka.common.serialization.ByteArraySerializer())) {
        var tp = new org.apache.kafka.common.TopicPartition(topic, 0);
        in.assign(List.of(tp));
        in.seekToBeginning(List.of(tp));
        while (read < events) {
          for (var r : in.poll(Duration.ofMillis(200))) {
            read++;
            JsonNode order;
            try {
              order = JSON.readTree(r.value());
            } catch (java.io.IOException e) {
              continue; // skipped, as the flow skips what is not JSON
            }
            if ("EMEA".equals(order.path("region").asText())
                && order.path("price").asDouble() > 50) {
              outProducer.send(
                  new org.apache.kafka.clients.producer.ProducerRecord<>(
                      outTopic, JSON.writeValueAsBytes(order)));
            }
          }
        }
        outProducer.flush();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      try {
        return new Result(seconds, seconds, outCount(outTopic), writingSeconds(outTopic));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    /** From the first task's start to the last task's end, as Flink's REST API reports them. */
    private double runningSeconds(String job) throws Exception {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(engine.restAddress() + "/jobs/" + job)).build(),
                  HttpResponse.BodyHandlers.ofString());
      ArrayNode vertices = (ArrayNode) JSON.readTree(response.body()).get("vertices");
      long first = Long.MAX_VALUE;
      long last = 0;
      for (JsonNode v : vertices) {
        first = Math.min(first, v.get("start-time").asLong());
        last = Math.max(last, v.get("end-time").asLong());
      }
      return (last - first) / 1000.0;
    }

    /** Records written to a destination topic (its end offset). */
    private long outCount(String topic) throws Exception {
      org.apache.kafka.common.TopicPartition tp =
          new org.apache.kafka.common.TopicPartition(topic, 0);
      return kafka
          .admin()
          .listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()))
          .partitionResult(tp)
          .get()
          .offset();
    }
  }

  /** The example's source and destination with {@code processors} chained between them. */
  private static ObjectNode withNodes(ObjectNode doc, List<ObjectNode> processors) {
    ArrayNode nodes = JSON.createArrayNode();
    ArrayNode edges = JSON.createArrayNode();
    JsonNode source = null;
    JsonNode destination = null;
    for (JsonNode n : doc.get("nodes")) {
      switch (n.get("type").asText()) {
        case "source" -> source = n;
        case "destination" -> destination = n;
        default -> {}
      }
    }
    nodes.add(source);
    String previous = source.get("id").asText();
    for (ObjectNode p : processors) {
      nodes.add(p);
      edges.add(JSON.createObjectNode().put("from", previous).put("to", p.get("id").asText()));
      previous = p.get("id").asText();
    }
    nodes.add(destination);
    edges.add(
        JSON.createObjectNode().put("from", previous).put("to", destination.get("id").asText()));
    doc.set("nodes", nodes);
    doc.set("edges", edges);
    return doc;
  }

  private static ObjectNode node(String id, String type, String config) {
    try {
      ObjectNode n = JSON.createObjectNode().put("id", id).put("type", type).put("name", id);
      n.set("config", JSON.readTree(config));
      return n;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(config, e);
    }
  }

  private static String rates(List<Result> results, int events) {
    return results.stream()
        .map(r -> String.format("%,.0f", events / r.running))
        .toList()
        .toString();
  }

  private static String walls(List<Result> results) {
    return results.stream().map(r -> String.format("%.1f", r.wall)).toList().toString();
  }

  private static String writings(List<Result> results) {
    return results.stream().map(r -> String.format("%.2f", r.writing)).toList().toString();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
