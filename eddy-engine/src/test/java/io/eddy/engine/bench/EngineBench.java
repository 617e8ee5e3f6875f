package io.eddy.engine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.compile.SqlCompiler;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import io.eddy.engine.EmbeddedKafka;
import io.eddy.engine.FlinkEngine;
import io.eddy.engine.LatestEvents;
import io.eddy.engine.RunState;
import io.eddy.engine.RunStatus;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Engine benchmark (a main class, not a test): time to the first output event on a cold and a warm
 * MiniCluster, events per second of the EMEA filter flow on the embedded broker against plain Kafka
 * baselines measured in the same run, and the memory of a run streaming 1,000,000 output events to
 * a slow consumer. Run with eddy-engine/bench.sh (see docs/engine.md).
 */
public final class EngineBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] REGIONS = {"NA", "SA", "EMEA", "APAC"};

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = Files.createTempDirectory("eddy-bench");
    long t0 = System.nanoTime();
    System.out.printf(
        "Eddy engine benchmark: %,d events, %d cores, max heap %d MB%n",
        events,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
      System.out.printf("embedded Kafka broker started in %.2f s%n", secondsSince(t0));
      String bootstrap = kafka.bootstrapServers();
      SqlCompiler compiler = new SqlCompiler(new FlowAnalyzer(new FlinkExpressionChecker()));

      // A few orders for the latency runs.
      kafka.createTopic("LATENCY", 1);
      produceOrders(bootstrap, "LATENCY", 100, 7);

      // Cold: MiniCluster start + planner + first job, to the first output event.
      long cold = System.nanoTime();
      FlinkEngine engine = FlinkEngine.embedded(dir.resolve("flink"), 4);
      double miniCluster = secondsSince(cold);
      try {
        Runs runs = new Runs(engine, compiler, kafka);
        double coldFirst = firstEvent(runs, "cold", flow("LATENCY"));
        System.out.printf(
            "cold: MiniCluster started in %.2f s; start to first output event %.2f s in all%n",
            miniCluster, coldFirst + miniCluster);
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          warm.add(firstEvent(runs, "warm" + i, flow("LATENCY")));
        }
        Collections.sort(warm);
        System.out.printf(
            "warm: start to first output event, median of 5: %.2f s (min %.2f, max %.2f)%n",
            warm.get(2), warm.get(0), warm.get(4));

        // Throughput: the EMEA filter flow over `events` orders, bounded.
        kafka.createTopic("ORDERS.BENCH", 1);
        long p = System.nanoTime();
        produceOrders(bootstrap, "ORDERS.BENCH", events, 42);
        double produce = secondsSince(p);
        System.out.printf(
            "produced %,d orders in %.2f s (%,.0f events/s)%n", events, produce, events / produce);

        double plain = consumeAll(bootstrap, "ORDERS.BENCH", events, false);
        double parsed = consumeAll(bootstrap, "ORDERS.BENCH", events, true);
        System.out.printf("baseline: plain Kafka consume %,.0f events/s%n", events / plain);
        System.out.printf(
            "baseline: hand-written consume + JSON parse + filter + produce %,.0f events/s%n",
            events / parsed);

        ThroughputResult flink =
            flinkThroughput(engine, compiler, bootstrap, "ORDERS.BENCH", events);
        System.out.printf(
            "Eddy EMEA filter flow (Flink, parallelism 1): %,d events in %.2f s from submit to"
                + " finished = %,.0f events/s; %.2f s after the first output event = %,.0f events/s;"
                + " %,d EMEA events out%n",
            events,
            flink.total,
            events / flink.total,
            flink.afterFirst,
            events / flink.afterFirst,
            flink.out);
        System.out.printf(
            "ratios: Eddy / plain consume = %.2f; Eddy / hand-written filter = %.2f%n",
            plain / flink.total, parsed / flink.total);

        // Memory: a run streaming every order (1M output events) to a slow consumer.
        memoryBound(runs, events);
      } finally {
        engine.close();
      }
    }
    System.out.printf("total benchmark time %.1f s%n", secondsSince(t0));
    System.exit(0);
  }

  static Flow flow(String topic) throws Exception {
    ObjectNode doc =
        (ObjectNode) JSON.readTree(Files.readString(Path.of("..", "examples", "emea-orders.json")));
    for (JsonNode n : doc.get("nodes")) {
      if (n.get("config").has("kafka")) {
        ((ObjectNode) n.get("config").get("kafka"))
            .put("topic", n.get("type").asText().equals("source") ? topic : topic + ".OUT");
      }
    }
    return FlowDocuments.read(doc.toString());
  }

  /** What every measured run needs: the engine, the compiler and the broker. */
  private record Runs(FlinkEngine engine, SqlCompiler compiler, EmbeddedKafka kafka) {
    TappedRun start(String id, Flow flow, Consumer<ObjectNode> listener) throws Exception {
      return TappedRun.start(engine, compiler, kafka, id, flow, listener);
    }
  }

  private static double firstEvent(Runs runs, String id, Flow flow) throws Exception {
    long start = System.nanoTime();
    CountDownLatch first = new CountDownLatch(1);
    try (TappedRun run = runs.start(id, flow, e -> first.countDown())) {
      while (!first.await(10, TimeUnit.MILLISECONDS)) {
        if (secondsSince(start) > 120) {
          throw new IllegalStateException("no output within 120 s: " + run.status());
        }
      }
      return secondsSince(start);
    }
  }

  static void produceOrders(String bootstrap, String topic, int count, long seed) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    Random r = new Random(seed);
    long base = 1_684_670_840_742L;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < count; i++) {
        String time =
            java.time.LocalDateTime.ofInstant(
                    java.time.Instant.ofEpochMilli(base + i * 10L), java.time.ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS"));
        String value =
            "{\"id\": \"o"
                + i
                + "\", \"customer\": \"Customer "
                + (i % 977)
                + "\", \"customerid\": \"c"
                + (i % 977)
                + "\", \"description\": \"XL Stonewashed Bootcut Jeans\", \"price\": "
                + (10 + r.nextInt(9000) / 100.0)
                + ", \"quantity\": "
                + (1 + r.nextInt(5))
                + ", \"region\": \""
                + REGIONS[r.nextInt(4)]
                + "\", \"ordertime\": \""
                + time
                + "\"}";
        producer.send(new ProducerRecord<>(topic, 0, null, value.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  /** Seconds to read every record; with {@code work}, parse, filter and produce like the flow. */
  private static double consumeAll(String bootstrap, String topic, int count, boolean work) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    long start = System.nanoTime();
    long read = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      while (read < count) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          read++;
          if (work) {
            try {
              JsonNode n = JSON.readTree(r.value());
              if ("EMEA".equals(n.path("region").asText())) {
                producer.send(
                    new ProducerRecord<>(topic + ".HANDWRITTEN", JSON.writeValueAsBytes(n)));
              }
            } catch (java.io.IOException e) {
              // skipped like the flow would
            }
          }
        }
      }
      producer.flush();
    }
    return secondsSince(start);
  }

  private record ThroughputResult(double total, double afterFirst, long out) {}

  private static ThroughputResult flinkThroughput(
      FlinkEngine engine, SqlCompiler compiler, String bootstrap, String topic, int count)
      throws Exception {
    // The EMEA filter with its destination, read bounded so the job ends after the last event.
    io.eddy.core.compile.CompiledFlow compiled =
        compiler.compile(
            flow(topic),
            io.eddy.core.compile.CompileOptions.export()
                .withStartupMode(io.eddy.core.compile.StartupMode.EARLIEST)
                .withBounded(true)
                .withKafkaOverride(bootstrap)
                .withSecrets(n -> Optional.empty()));
    long start = System.nanoTime();
    String job =
        engine
            .start(compiled.statements(), io.eddy.engine.RunOptions.of(compiled.settings()))
            .jobId();
    // The first output event on the destination topic.
    long firstAt = 0;
    long out = 0;
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      while (consumer.partitionsFor(topic + ".OUT", Duration.ofSeconds(5)).isEmpty()) {
        Thread.sleep(20);
      }
      TopicPartition tp = new TopicPartition(topic + ".OUT", 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      while (firstAt == 0) {
        if (!consumer.poll(Duration.ofMillis(20)).isEmpty()) {
          firstAt = System.nanoTime();
        }
      }
      RunStatus end = engine.awaitEnd(job, Duration.ofMinutes(10));
      if (end.state() != RunState.FINISHED) {
        throw new IllegalStateException("The benchmark job " + end.state() + ": " + end.error());
      }
      long finished = System.nanoTime();
      out = consumer.endOffsets(List.of(tp)).get(tp);
      return new ThroughputResult((finished - start) / 1e9, (finished - firstAt) / 1e9, out);
    }
  }

  /** A run whose output is every order, read by a deliberately slow consumer. */
  private static void memoryBound(Runs runs, int count) throws Exception {
    ObjectNode doc =
        (ObjectNode) JSON.readTree(Files.readString(Path.of("..", "examples", "emea-orders.json")));
    for (JsonNode n : doc.get("nodes")) {
      if (n.get("config").has("kafka")) {
        ((ObjectNode) n.get("config").get("kafka"))
            .put("topic", n.get("type").asText().equals("source") ? "ORDERS.BENCH" : "ALL.OUT");
      }
      if (n.get("type").asText().equals("filter")) {
        ((ObjectNode) n.get("config")).put("expression", "region <> 'nowhere'");
      }
    }
    Flow flow = FlowDocuments.read(doc.toString());
    System.gc();
    long baseline = heapUsed();
    AtomicLong consumed = new AtomicLong();
    // Like the server, keep the latest 1,000 events for the results view.
    LatestEvents kept = new LatestEvents(1_000);
    TappedRun run =
        runs.start(
            "memory",
            flow,
            e -> {
              kept.add(e);
              // A slow consumer: about 20 µs per event.
              if (consumed.incrementAndGet() % 50 == 0) {
                try {
                  Thread.sleep(1);
                } catch (InterruptedException ex) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    long start = System.nanoTime();
    long maxHeap = 0;
    long samples = 0;
    while (run.eventsOut() < count) {
      Thread.sleep(1000);
      // Live heap: measured right after a full collection.
      System.gc();
      samples++;
      maxHeap = Math.max(maxHeap, heapUsed());
      if (secondsSince(start) > 900) {
        throw new IllegalStateException("memory run too slow: " + run.eventsOut() + " events");
      }
    }
    double took = secondsSince(start);
    System.gc();
    System.out.printf(
        "memory: %,d output events streamed to a slow consumer in %.1f s (%,.0f events/s);"
            + " live heap (after a full GC) %d MB before the run, at most %d MB while streaming"
            + " (%d samples, one a second), max heap %d MB; events kept: %d%n",
        run.eventsOut(),
        took,
        run.eventsOut() / took,
        baseline / (1024 * 1024),
        maxHeap / (1024 * 1024),
        samples,
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        kept.newestFirst().size());
    run.close();
  }

  private static long heapUsed() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        used += pool.getUsage().getUsed();
      }
    }
    return used;
  }

  private static double secondsSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }
}
