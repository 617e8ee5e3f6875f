package io.eddy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.engine.EmbeddedKafka;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The expensive fixtures, started once per test JVM and shared by the test classes: one real
 * two-process Flink session cluster, one embedded Kafka broker, one PostgreSQL.
 */
final class TestCluster {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path dir;
  private static LocalFlinkCluster cluster;
  private static EmbeddedKafka kafka;
  private static EmbeddedPostgres postgres;

  private TestCluster() {}

  static synchronized Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("eddy-deploy-test");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(TestCluster::closeAll, "eddy-deploy-test"));
    }
    return dir;
  }

  /** What `eddy cluster start` printed when it started the shared cluster: exit, out, err. */
  static String[] startOutput;

  /** The shared cluster, started through `eddy cluster start --dir` (again if it was stopped). */
  static synchronized LocalFlinkCluster flink() {
    Path home = dir().resolve("cluster");
    if (cluster == null || LocalFlinkCluster.running(home).isEmpty()) {
      long t0 = System.nanoTime();
      java.io.StringWriter out = new java.io.StringWriter();
      java.io.StringWriter err = new java.io.StringWriter();
      picocli.CommandLine cli =
          new picocli.CommandLine(new io.eddy.deploy.cli.ClusterStartCommand());
      cli.setOut(new java.io.PrintWriter(out, true));
      cli.setErr(new java.io.PrintWriter(err, true));
      int exit = cli.execute("--dir", home.toString());
      if (exit != 0) {
        throw new IllegalStateException("eddy cluster start failed: " + err);
      }
      startOutput = new String[] {String.valueOf(exit), out.toString(), err.toString()};
      cluster = LocalFlinkCluster.attach(home).orElseThrow();
      System.out.printf("session cluster ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
    return cluster;
  }

  static synchronized EmbeddedKafka kafka() {
    if (kafka == null) {
      kafka = EmbeddedKafka.start(dir().resolve("kafka"));
    }
    return kafka;
  }

  static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().setDataDirectory(dir().resolve("pg")).start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return postgres;
  }

  private static synchronized void closeAll() {
    if (cluster != null) {
      cluster.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException ignored) {
        // the JVM is ending
      }
    }
  }

  static void produce(String topic, List<String> values) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka().bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (String v : values) {
        producer.send(new ProducerRecord<>(topic, v));
      }
      producer.flush();
    }
  }

  /** A consumer of {@code topic} from its beginning. */
  static KafkaConsumer<String, String> consumer(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka().bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  /** Polls until {@code until} holds for what arrived (all of it, parsed) or the time is up. */
  static List<JsonNode> poll(
      KafkaConsumer<String, String> consumer,
      List<JsonNode> received,
      java.util.function.Predicate<List<JsonNode>> until,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!until.test(received) && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
        try {
          received.add(JSON.readTree(r.value()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return received;
  }

  static Map<String, String> noSecrets() {
    return Map.of();
  }

  static List<String> lines(String... values) {
    return new ArrayList<>(List.of(values));
  }
}
