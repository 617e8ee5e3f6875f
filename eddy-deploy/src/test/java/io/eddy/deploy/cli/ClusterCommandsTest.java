package io.eddy.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eddy.deploy.FlinkRest;
import io.eddy.deploy.LocalFlinkCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eddy cluster start|stop}: two real JVM processes that form one Flink cluster. */
class ClusterCommandsTest {
  @TempDir Path dir;

  @Test
  void startsAJobManagerAndATaskManagerProcessAndStopsThem() throws Exception {
    long t0 = System.nanoTime();
    DeployCommandsTest.Result start =
        DeployCommandsTest.eddy("cluster", "start", "--dir", dir.toString(), "--slots", "2");
    try {
      assertThat(start.exit()).as(start.err()).isZero();
      System.out.printf("eddy cluster start took %.1f s%n", (System.nanoTime() - t0) / 1e9);
      String url = start.out().strip();
      assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+");
      assertThat(start.err()).startsWith("Starting a Flink session cluster in ");

      JsonNode overview = new FlinkRest(url).get("/overview");
      assertThat(overview.path("taskmanagers").asInt()).isEqualTo(1);
      assertThat(overview.path("slots-total").asInt()).isEqualTo(2);
      assertThat(overview.path("flink-version").asText()).isEqualTo("2.2.1");
      // The web frontend (REST job submission, dashboard) is there.
      assertThat(new FlinkRest(url).get("/config").path("features").path("web-submit").asBoolean())
          .isTrue();

      long jm = Long.parseLong(Files.readString(dir.resolve("jobmanager.pid")).strip());
      long tm = Long.parseLong(Files.readString(dir.resolve("taskmanager.pid")).strip());
      assertThat(jm).isNotEqualTo(tm).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(ProcessHandle.of(jm).map(ProcessHandle::isAlive)).contains(true);
      assertThat(ProcessHandle.of(tm).map(ProcessHandle::isAlive)).contains(true);
      assertThat(Files.readString(dir.resolve("log/taskmanager.log")))
          .contains("Successful registration at resource manager");
      assertThat(LocalFlinkCluster.running(dir)).contains(url);

      DeployCommandsTest.Result twice =
          DeployCommandsTest.eddy("cluster", "start", "--dir", dir.toString());
      assertThat(twice.exit()).isEqualTo(1);
      assertThat(twice.err()).contains("A Flink cluster is already running from").contains(url);

      DeployCommandsTest.Result stop =
          DeployCommandsTest.eddy("cluster", "stop", "--dir", dir.toString());
      assertThat(stop.exit()).isZero();
      assertThat(stop.out()).startsWith("Stopped the Flink cluster in ");
      assertThat(ProcessHandle.of(jm).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(ProcessHandle.of(tm).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(LocalFlinkCluster.running(dir)).isEmpty();
    } finally {
      LocalFlinkCluster.stop(dir);
    }
  }
}
