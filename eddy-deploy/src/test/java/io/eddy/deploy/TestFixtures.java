package io.eddy.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;

/**
 * Access to the shared fixtures (one session cluster and one broker per test JVM) for tests in
 * other packages and modules (the deployment commands' tests in eddy-cli).
 */
public final class TestFixtures {
  private TestFixtures() {}

  public static String flinkUrl() {
    return TestCluster.flink().restUrl();
  }

  public static Path clusterDir() {
    return TestCluster.flink().dir();
  }

  public static String kafkaBootstrap() {
    return TestCluster.kafka().bootstrapServers();
  }

  /** A fresh directory under the shared test directory. */
  public static Path newDir(String prefix) throws IOException {
    return Files.createTempDirectory(TestCluster.dir(), prefix);
  }

  /** Restarts the shared broker on its port after {@code down}; returns how long it took. */
  public static Duration restartKafka(Duration down) throws Exception {
    long t0 = System.nanoTime();
    TestCluster.restartKafka(down);
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  public static void createTopic(String topic) {
    TestCluster.kafka().createTopic(topic, 1);
  }

  /** The transactional ids the broker knows that start with {@code prefix}, once there is one. */
  public static List<String> transactionalIds(String bootstrap, String prefix, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      while (true) {
        List<String> ids =
            admin.listTransactions().all().get().stream()
                .map(TransactionListing::transactionalId)
                .filter(id -> id.startsWith(prefix))
                .toList();
        if (!ids.isEmpty() || System.nanoTime() > deadline) {
          return ids;
        }
        Thread.sleep(500);
      }
    }
  }
}
