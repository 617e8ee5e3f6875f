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

  public static void createTopic(String topic) {
    TestCluster.kafka().createTopic(topic, 1);
  }
}
