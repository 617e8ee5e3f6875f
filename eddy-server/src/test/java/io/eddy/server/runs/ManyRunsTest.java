package io.eddy.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.engine.FlinkEngine;
import io.eddy.engine.testing.TestTopics;
import io.eddy.server.EddyServer;
import io.eddy.server.Http;
import io.eddy.server.ServerConfig;
import io.eddy.server.SharedInfra;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: as many runs of the demo flow at once as the embedded cluster has slots (ten by
 * default), through the real server with its own embedded MiniCluster as {@code ./eddy} starts it;
 * one more is refused up front with a sentence saying what to do, and starts once a run stops.
 */
class ManyRunsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void ten_runs_at_once_and_the_eleventh_is_told_to_stop_one() throws Exception {
    String bootstrap = SharedInfra.kafka().bootstrapServers();
    TestTopics topics = new TestTopics(bootstrap);
    topics.create("many.orders");
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      orders.add(
          RunCountsApiTest.order(
              "o" + i,
              i % 2 == 0 ? "EMEA" : "NA",
              "10.0",
              "1",
              String.format("10:%02d:00.000", i)));
    }
    topics.produce("many.orders", orders);
    // No Flink address: the server starts its own MiniCluster with the default slots.
    ServerConfig config =
        ServerConfig.defaults(dir.resolve("data"))
            .withPort(0)
            .withKafkaBootstrap(bootstrap)
            .withDemo(false);
    try (EddyServer server = EddyServer.start(config)) {
      Http http = Http.signedIn(server);
      int slots = FlinkEngine.DEFAULT_SLOTS;
      List<String> flows = new ArrayList<>();
      for (int i = 0; i <= slots; i++) {
        flows.add(
            ExampleFlows.importExample(
                http, "emea-orders", "EMEA " + i, bootstrap, Map.of("source", "many.orders")));
      }
      for (int i = 0; i < slots; i++) {
        // every other one a preview of the filter: previews take a slot just as runs do
        String body =
            i % 2 == 0
                ? "{\"mode\": \"historical\"}"
                : "{\"mode\": \"historical\", \"node\": \"emea\"}";
        assertThat(http.post("/api/flows/" + flows.get(i) + "/run", body).statusCode())
            .isEqualTo(202);
      }
      HttpResponse<String> refused =
          http.post("/api/flows/" + flows.get(slots) + "/run", "{\"mode\": \"historical\"}");
      assertThat(refused.statusCode()).isEqualTo(409);
      assertThat(JSON.readTree(refused.body()).path("error").asText())
          .isEqualTo(
              "All "
                  + slots
                  + " run slots of the embedded Flink cluster are taken (runs, previews and"
                  + " deployments): stop a run to start this one.");

      // generous: a cold planner under a load average of 40 took over 3 minutes per job
      long deadline = System.nanoTime() + 600_000_000_000L;
      for (int i = 0; i < slots; i++) {
        JsonNode status = awaitEvents(http, flows.get(i), 10, deadline);
        assertThat(status.path("status").asText()).as("run %d: %s", i, status).isEqualTo("running");
        assertThat(status.path("eventsOut").asLong()).as("run %d", i).isEqualTo(10);
      }

      http.delete("/api/flows/" + flows.get(0) + "/run");
      // Flink hands the stopped run's slot back a moment after the job ends
      int started = 0;
      for (long until = System.nanoTime() + 10_000_000_000L;
          started != 202 && System.nanoTime() < until; ) {
        started =
            http.post("/api/flows/" + flows.get(slots) + "/run", "{\"mode\": \"historical\"}")
                .statusCode();
        if (started != 202) {
          Thread.sleep(200);
        }
      }
      assertThat(started).isEqualTo(202);
      JsonNode last = awaitEvents(http, flows.get(slots), 10, deadline);
      assertThat(last.path("status").asText()).as("%s", last).isEqualTo("running");
      for (int i = 1; i <= slots; i++) {
        http.delete("/api/flows/" + flows.get(i) + "/run");
      }
    }
  }

  /** The run's status once it has put out {@code events} events, or at the deadline. */
  private static JsonNode awaitEvents(Http http, String flowId, int events, long deadline)
      throws Exception {
    JsonNode status = JSON.readTree(http.get("/api/flows/" + flowId + "/run").body());
    while (!(status.path("eventsOut").asLong() >= events
            && status.path("status").asText().equals("running"))
        && !status.path("status").asText().equals("failed")
        && System.nanoTime() < deadline) {
      Thread.sleep(250);
      status = JSON.readTree(http.get("/api/flows/" + flowId + "/run").body());
    }
    return status;
  }
}
