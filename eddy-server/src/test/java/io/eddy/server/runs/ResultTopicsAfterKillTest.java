package io.eddy.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.EddyServer;
import io.eddy.server.ServerConfig;
import io.eddy.server.SharedInfra;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 (9): a server killed (SIGKILL) while a run is alive leaves its results topic on the
 * embedded broker; the next start on the same data directory deletes it.
 */
class ResultTopicsAfterKillTest {
  @TempDir Path dataDir;

  @Test
  void the_results_topic_of_a_run_alive_at_a_kill_is_deleted_at_the_next_start() throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx400m",
                "-cp",
                System.getProperty("java.class.path"),
                RunThenWait.class.getName(),
                dataDir.toString(),
                SharedInfra.engine().restAddress())
            .redirectErrorStream(true)
            .start();
    String topic;
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> announced =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  String line;
                  while ((line = out.readLine()) != null) {
                    if (line.startsWith("topic ")) {
                      return line.substring(6).strip();
                    }
                  }
                  return null;
                } catch (java.io.IOException e) {
                  return null;
                }
              });
      topic = announced.get(240, TimeUnit.SECONDS);
      assertThat(topic).as("the child started a run").startsWith("eddy-results-");
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean close
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    // The kill left the topic on the broker's disk (so the test below can fail).
    try (io.eddy.engine.EmbeddedKafka broker =
        io.eddy.engine.EmbeddedKafka.start(dataDir.resolve("kafka"))) {
      assertThat(broker.topics()).contains(topic);
    }

    try (EddyServer server =
            EddyServer.start(
                ServerConfig.defaults(dataDir)
                    .withPort(0)
                    .withKafkaPort(0)
                    .withFlinkUrl(SharedInfra.engine().restAddress())
                    .withDemo(false));
        Admin admin =
            Admin.create(
                Map.<String, Object>of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, server.kafkaBootstrap()))) {
      Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (topics.contains(topic) && System.nanoTime() < deadline) {
        Thread.sleep(500);
        topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      }
      assertThat(topics).doesNotContain(topic);
    }
  }
}
