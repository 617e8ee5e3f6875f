package io.eddy.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFlinkClusterTest {
  @TempDir Path dir;

  @Test
  void startsTwoProcessesThatFormOneClusterAndStopsThem() throws Exception {
    long t0 = System.nanoTime();
    LocalFlinkCluster cluster =
        LocalFlinkCluster.start(dir, LocalFlinkCluster.Options.defaults().withSlots(2));
    try {
      System.out.printf("cluster ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      JsonNode overview = new FlinkRest(cluster.restUrl()).get("/overview");
      assertThat(overview.path("taskmanagers").asInt()).isEqualTo(1);
      assertThat(overview.path("slots-total").asInt()).isEqualTo(2);
      assertThat(overview.path("flink-version").asText()).isEqualTo("2.2.1");
      long jm = Long.parseLong(Files.readString(dir.resolve("jobmanager.pid")).strip());
      long tm = Long.parseLong(Files.readString(dir.resolve("taskmanager.pid")).strip());
      assertThat(jm).isNotEqualTo(tm).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(ProcessHandle.of(jm)).isPresent();
      assertThat(ProcessHandle.of(tm)).isPresent();
      assertThat(LocalFlinkCluster.running(dir)).contains(cluster.restUrl());
      assertThat(dir.resolve("log/jobmanager.log")).exists();
      // The dashboard is served (flink-runtime-web).
      assertThat(new FlinkRest(cluster.restUrl()).get("/config").path("flink-version").asText())
          .isEqualTo("2.2.1");
      assertThatThrownBy(() -> LocalFlinkCluster.start(dir))
          .isInstanceOf(DeployException.class)
          .hasMessageContaining("already running");

      assertThat(LocalFlinkCluster.stop(dir)).isTrue();
      assertThat(ProcessHandle.of(jm).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(ProcessHandle.of(tm).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(LocalFlinkCluster.running(dir)).isEmpty();
      assertThat(LocalFlinkCluster.stop(dir)).isFalse();
    } finally {
      cluster.close();
    }
  }
}
