package io.eddy.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.engine.EmbeddedKafka;
import io.eddy.engine.testing.TestPostgres;
import io.eddy.engine.testing.TestTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The expensive fixtures, started once per test JVM and shared by the test classes: one real
 * two-process Flink session cluster and one embedded Kafka broker (PostgreSQL: {@link
 * TestPostgres}).
 */
final class TestCluster {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path dir;
  private static LocalFlinkCluster cluster;
  private static EmbeddedKafka kafka;

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

  /** The shared cluster (started again if it was stopped). */
  static synchronized LocalFlinkCluster flink() {
    Path home = dir().resolve("cluster");
    if (cluster == null || LocalFlinkCluster.running(home).isEmpty()) {
      long t0 = System.nanoTime();
      cluster = LocalFlinkCluster.start(home);
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

  /**
   * Stops the shared broker, waits {@code down}, and starts it again on the same directory and port
   * (what a broker restart looks like to its clients).
   */
  static synchronized EmbeddedKafka restartKafka(java.time.Duration down)
      throws InterruptedException {
    EmbeddedKafka old = kafka();
    int port = old.port();
    old.close();
    Thread.sleep(down.toMillis());
    kafka = EmbeddedKafka.start(dir().resolve("kafka"), port);
    return kafka;
  }

  private static synchronized void closeAll() {
    if (cluster != null) {
      cluster.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  /** Topics on the shared broker. */
  static TestTopics topics() {
    return new TestTopics(kafka().bootstrapServers());
  }
}
