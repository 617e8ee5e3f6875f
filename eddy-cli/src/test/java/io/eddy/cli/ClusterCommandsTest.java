package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eddy.deploy.FlinkRest;
import io.eddy.deploy.LocalFlinkCluster;
import io.eddy.deploy.TestFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code eddy cluster start|stop}: two real JVM processes that form one Flink cluster, started in a
 * directory of its own (the other tests' shared cluster stays untouched).
 */
class ClusterCommandsTest {
  @Test
  void startsAJobManagerAndATaskManagerProcessAndStopsThem() throws Exception {
    Path dir = TestFixtures.newDir("cluster-command").toAbsolutePath();
    try {
      DeployCommandsTest.Result start =
          DeployCommandsTest.eddy("cluster", "start", "--dir", dir.toString());
      assertThat(start.exit()).as(start.err()).isZero();
      String url = start.out().strip();
      assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+");
      assertThat(start.err()).startsWith("Starting a Flink session cluster in " + dir);

      JsonNode overview = new FlinkRest(url).get("/overview");
      assertThat(overview.path("taskmanagers").asInt()).isEqualTo(1);
      assertThat(overview.path("slots-total").asInt()).isEqualTo(4);
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

      // A TaskManager killed: `start` brings back only what is missing; its log keeps its
      // predecessor's lines.
      String registered = "Successful registration at resource manager";
      int registrations =
          Files.readString(dir.resolve("log/taskmanager.log")).split(registered, -1).length;
      ProcessHandle killed = ProcessHandle.of(tm).orElseThrow();
      killed.destroyForcibly();
      killed.onExit().get();
      DeployCommandsTest.Result restart =
          DeployCommandsTest.eddy("cluster", "start", "--dir", dir.toString());
      assertThat(restart.exit()).as(restart.err()).isZero();
      assertThat(restart.out().strip()).isEqualTo(url);
      assertThat(restart.err())
          .contains("The cluster was partly running: started its TaskManager again.");
      long tm2 = Long.parseLong(Files.readString(dir.resolve("taskmanager.pid")).strip());
      assertThat(tm2).isNotEqualTo(tm);
      assertThat(ProcessHandle.of(jm).map(ProcessHandle::isAlive)).contains(true);
      assertThat(Files.readString(dir.resolve("log/taskmanager.log")).split(registered, -1))
          .hasSize(registrations + 1);
      tm = tm2;

      // Stale pid files (processes replaced by hand, files overwritten): stop still finds them.
      Files.writeString(dir.resolve("jobmanager.pid"), "1\n");
      Files.delete(dir.resolve("taskmanager.pid"));
      DeployCommandsTest.Result stop =
          DeployCommandsTest.eddy("cluster", "stop", "--dir", dir.toString());
      assertThat(stop.exit()).as(stop.err()).isZero();
      assertThat(stop.out().strip())
          .isEqualTo(
              "Stopped the Flink cluster in "
                  + dir
                  + " (JobManager pid "
                  + jm
                  + ", TaskManager pid "
                  + tm
                  + ").");
      assertThat(ProcessHandle.of(jm).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(ProcessHandle.of(tm).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(LocalFlinkCluster.running(dir)).isEmpty();
      assertThat(dir.resolve("jobmanager.pid")).doesNotExist();
    } finally {
      // Never leave the two processes behind when an assertion failed on the way.
      if (LocalFlinkCluster.running(dir).isPresent()) {
        LocalFlinkCluster.stop(dir);
      }
    }
  }
}
