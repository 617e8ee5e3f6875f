package io.eddy.server;

import io.eddy.engine.EmbeddedKafka;
import io.eddy.engine.FlinkEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One embedded Kafka broker and one Flink MiniCluster per test JVM, shared by the API suites. */
public final class SharedInfra {
  private static EmbeddedKafka kafka;
  private static FlinkEngine engine;

  private SharedInfra() {}

  public static synchronized EmbeddedKafka kafka() {
    if (kafka == null) {
      kafka = EmbeddedKafka.start(tempDir("eddy-test-kafka"));
      Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
    }
    return kafka;
  }

  public static synchronized FlinkEngine engine() {
    if (engine == null) {
      engine = FlinkEngine.embedded(tempDir("eddy-test-flink"));
      Runtime.getRuntime().addShutdownHook(new Thread(engine::close));
    }
    return engine;
  }

  /**
   * A server on a free port over the shared broker and MiniCluster, without the demo: the set-up of
   * the API suites.
   */
  public static ServerConfig serverConfig(Path dataDir) {
    return ServerConfig.defaults(dataDir)
        .withPort(0)
        .withKafkaBootstrap(kafka().bootstrapServers())
        .withFlinkUrl(engine().restAddress())
        .withDemo(false);
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
