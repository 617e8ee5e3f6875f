package io.eddy.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The expensive test fixtures, started once per test JVM and shared by every test class: one Kafka
 * broker and one MiniCluster (PostgreSQL lives in {@link io.eddy.engine.testing.TestPostgres}).
 */
final class Shared {
  private static EmbeddedKafka kafka;
  private static FlinkEngine engine;
  private static Path dir;

  private Shared() {}

  static synchronized Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("eddy-engine-test");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(Shared::closeAll, "eddy-test-shutdown"));
    }
    return dir;
  }

  static synchronized EmbeddedKafka kafka() {
    if (kafka == null) {
      kafka = EmbeddedKafka.start(dir().resolve("kafka"));
    }
    return kafka;
  }

  static synchronized FlinkEngine engine() {
    if (engine == null) {
      engine = FlinkEngine.embedded(dir().resolve("flink"), 4);
    }
    return engine;
  }

  private static synchronized void closeAll() {
    if (engine != null) {
      engine.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }
}
