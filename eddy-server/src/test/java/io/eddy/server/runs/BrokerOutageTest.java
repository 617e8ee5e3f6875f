package io.eddy.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.engine.EmbeddedKafka;
import io.eddy.engine.testing.TestTopics;
import io.eddy.server.EddyServer;
import io.eddy.server.Http;
import io.eddy.server.ServerConfig;
import io.eddy.server.SharedInfra;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: the Kafka broker stops and comes back (same directory, same port) under a running flow
 * — a real server, a real broker and a real Flink MiniCluster. The run says Kafka does not answer
 * while it is down, goes on when it is back, and writes every event once (what at-least-once allows
 * beyond that is in docs/engine.md).
 */
class BrokerOutageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  static String order(String id) {
    return JSON.createObjectNode()
        .put("id", id)
        .put("customer", "Ada")
        .put("customerid", "c1")
        .put("description", "Jeans")
        .put("price", 10.0)
        .put("quantity", 2)
        .put("region", "EMEA")
        .put("ordertime", "2024-01-01 10:00:00.000")
        .toString();
  }

  static List<String> orders(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> order(prefix + i)).toList();
  }

  static Map<String, Integer> countsById(List<JsonNode> received) {
    Map<String, Integer> out = new TreeMap<>();
    received.forEach(r -> out.merge(r.path("id").asText(), 1, Integer::sum));
    return out;
  }

  JsonNode status(Http http, String flowId) throws Exception {
    return JSON.readTree(http.get("/api/flows/" + flowId + "/run").body());
  }

  @Test
  void a_run_reports_a_broker_outage_and_goes_on_without_writing_an_event_twice() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path kafkaDir = dir.resolve("kafka");
    EmbeddedKafka broker = EmbeddedKafka.start(kafkaDir, port);
    TestTopics topics = new TestTopics(broker.bootstrapServers());
    topics.create("outage.in", "outage.out");
    try (EddyServer server =
        EddyServer.start(
            ServerConfig.defaults(dir.resolve("data"))
                .withPort(0)
                .withKafkaBootstrap(broker.bootstrapServers())
                .withFlinkUrl(SharedInfra.engine().restAddress())
                .withDemo(false))) {
      Http http = Http.signedIn(server);
      String flowId =
          ExampleFlows.importExample(
              http,
              "orders-without-personal-data",
              "Outage",
              broker.bootstrapServers(),
              Map.of("source", "outage.in", "destination", "outage.out"));

      topics.produce("outage.in", orders("a", 50));
      assertThat(
              http.post("/api/flows/" + flowId + "/run", "{\"mode\": \"historical\"}").statusCode())
          .isEqualTo(202);
      List<JsonNode> received = new ArrayList<>();
      try (KafkaConsumer<String, String> consumer = topics.consumer("outage.out")) {
        TestTopics.poll(consumer, received, r -> r.size() >= 50, Duration.ofSeconds(180));
        assertThat(countsById(received)).hasSize(50);
      }
      assertThat(status(http, flowId).get("status").asText()).isEqualTo("running");

      broker.close();
      long outageStart = System.nanoTime();
      JsonNode during = status(http, flowId);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!during.has("warning") && System.nanoTime() < deadline) {
        Thread.sleep(500);
        during = status(http, flowId);
      }
      System.out.println("status during the outage: " + during);
      assertThat(during.get("status").asText()).isEqualTo("running");
      assertThat(during.path("warning").asText())
          .isEqualTo(
              "Kafka at "
                  + "127.0.0.1:"
                  + port
                  + " does not answer: the run waits for it and goes on when it is back.");
      Thread.sleep(Math.max(0, 10_000 - (System.nanoTime() - outageStart) / 1_000_000));

      broker = EmbeddedKafka.start(kafkaDir, port);
      System.out.printf("broker back after %.1f s%n", (System.nanoTime() - outageStart) / 1e9);
      topics.produce("outage.in", orders("b", 50));
      try (KafkaConsumer<String, String> consumer = topics.consumer("outage.out")) {
        received.clear();
        TestTopics.poll(
            consumer, received, r -> countsById(r).size() >= 100, Duration.ofSeconds(180));
        // Anything written twice would arrive right behind: keep listening a little.
        TestTopics.poll(consumer, received, r -> false, Duration.ofSeconds(3));
      }
      JsonNode after = status(http, flowId);
      System.out.println("status after the outage: " + after);
      assertThat(after.get("status").asText()).isEqualTo("running");
      assertThat(after.has("warning")).isFalse();
      Map<String, Integer> counts = countsById(received);
      assertThat(counts).hasSize(100);
      assertThat(counts.values()).as("every event written once").containsOnly(1);
      http.delete("/api/flows/" + flowId + "/run");
    } finally {
      broker.close();
    }
  }
}
