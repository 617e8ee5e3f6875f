package io.eddy.deploy;

/** Access to the shared fixtures for tests in other packages. */
public final class TestFixtures {
  private TestFixtures() {}

  public static String flinkUrl() {
    return TestCluster.flink().restUrl();
  }

  public static String kafkaBootstrap() {
    return TestCluster.kafka().bootstrapServers();
  }

  public static void createTopic(String topic) {
    TestCluster.kafka().createTopic(topic, 1);
  }
}
