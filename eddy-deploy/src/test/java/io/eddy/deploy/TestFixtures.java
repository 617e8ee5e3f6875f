package io.eddy.deploy;

/** Access to the shared fixtures for tests in other packages. */
public final class TestFixtures {
  private TestFixtures() {}

  public static String flinkUrl() {
    return TestCluster.flink().restUrl();
  }

  public static java.nio.file.Path clusterDir() {
    return TestCluster.flink().dir();
  }

  /** exit status, stdout and stderr of the `eddy cluster start` that started the cluster. */
  public static String[] clusterStartOutput() {
    TestCluster.flink();
    return TestCluster.startOutput.clone();
  }

  public static String kafkaBootstrap() {
    return TestCluster.kafka().bootstrapServers();
  }

  /** A fresh directory under the shared test directory. */
  public static java.nio.file.Path newDir(String prefix) throws java.io.IOException {
    return java.nio.file.Files.createTempDirectory(TestCluster.dir(), prefix);
  }

  /** Restarts the shared broker on its port after {@code down}; returns how long it took. */
  public static java.time.Duration restartKafka(java.time.Duration down) throws Exception {
    long t0 = System.nanoTime();
    TestCluster.restartKafka(down);
    return java.time.Duration.ofNanos(System.nanoTime() - t0);
  }

  public static void createTopic(String topic) {
    TestCluster.kafka().createTopic(topic, 1);
  }
}
