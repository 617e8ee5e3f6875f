package io.eddy.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.engine.testing.TestTopics;
import io.eddy.server.EddyServer;
import io.eddy.server.Http;
import io.eddy.server.SharedInfra;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: a run's counts per node in {@code GET /api/flows/{id}/run} — a real server, broker and
 * MiniCluster; a topic with 3 messages that are not JSON, 2 values of the wrong type and 4 late
 * events.
 */
class RunCountsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  static String order(String id, String region, String price, String quantity, String time) {
    return "{\"id\": \""
        + id
        + "\", \"customer\": \"Ada\", \"customerid\": \"c1\", \"description\": \"Jeans\","
        + " \"price\": "
        + price
        + ", \"quantity\": "
        + quantity
        + ", \"region\": \""
        + region
        + "\", \"ordertime\": \"2023-05-21 "
        + time
        + "\"}";
  }

  @Test
  void the_run_status_counts_read_skipped_nulled_late_and_out_per_node() throws Exception {
    String bootstrap = SharedInfra.kafka().bootstrapServers();
    TestTopics topics = new TestTopics(bootstrap);
    topics.create("counts.in");
    try (EddyServer server = EddyServer.start(SharedInfra.serverConfig(dir.resolve("data")))) {
      Http http = Http.signedIn(server);
      // Hourly sales by region: tumbling 1 h per region, event time delay 5 s.
      String flowId =
          ExampleFlows.importExample(
              http, "hourly-sales-by-region", "Counts", bootstrap, Map.of("source", "counts.in"));
      topics.produce(
          "counts.in",
          List.of(
              order("a1", "EMEA", "10.0", "1", "10:05:00.000"),
              "this is not JSON",
              order("a2", "NA", "\"cheap\"", "1", "10:10:00.000"),
              order("a3", "EMEA", "20.0", "2", "11:30:00.000"), // closes [10:00, 11:00)
              order("l1", "EMEA", "1.0", "1", "10:20:00.000"), // late
              "{not JSON",
              order("l2", "NA", "1.0", "1", "10:59:59.999"), // late
              order("a6", "EMEA", "3.0", "1", "11:01:00.000"), // [11:00, 12:00) still open
              order("a4", "NA", "6.0", "\"many\"", "11:40:00.000"),
              order("l3", "EMEA", "1.0", "1", "10:00:00.000"), // late
              order("l4", "NA", "1.0", "1", "10:30:00.000"), // late
              "<xml/>",
              order("a5", "EMEA", "7.0", "1", "12:10:00.000"))); // closes [11:00, 12:00)

      // A live run: [12:00, 13:00) stays open, so 4 windows are out.
      JsonNode expected =
          JSON.readTree(
              "{\"orders\": {\"in\": 13, \"out\": 10, \"skipped\": 3,"
                  + " \"nulled\": {\"price\": 1, \"quantity\": 1}},"
                  + " \"hourly\": {\"out\": 4, \"late\": 4}}");
      // The second run of the unchanged flow executes the plan the first one kept (with its own
      // results topics in it, docs/engine.md "Plans kept"): the same counts and events.
      for (int run = 1; run <= 2; run++) {
        runAndExpect(http, flowId, expected);
      }
    }
  }

  private static void runAndExpect(Http http, String flowId, JsonNode expected) throws Exception {
    assertThat(
            http.post("/api/flows/" + flowId + "/run", "{\"mode\": \"historical\"}").statusCode())
        .isEqualTo(202);
    JsonNode status = JSON.readTree(http.get("/api/flows/" + flowId + "/run").body());
    long deadline = System.nanoTime() + 180_000_000_000L;
    // Skipped is counted from the messages themselves: never more than the 3 unreadable ones,
    // even while the flow's job is starting and its source has emitted nothing yet.
    long mostSkipped = 0;
    // The counts can be complete a moment before Flink reports every task running.
    while (!(expected.equals(status.path("counts"))
            && status.path("status").asText().equals("running")
            && status.path("eventsOut").asLong() >= 4)
        && System.nanoTime() < deadline) {
      mostSkipped =
          Math.max(mostSkipped, status.path("counts").path("orders").path("skipped").asLong());
      Thread.sleep(200);
      status = JSON.readTree(http.get("/api/flows/" + flowId + "/run").body());
    }
    assertThat(mostSkipped).isLessThanOrEqualTo(3);
    System.out.println("run status: " + status);
    assertThat(status.path("counts")).isEqualTo(expected);
    assertThat(status.path("status").asText()).isEqualTo("running");
    // the 4 windows out are this run's own events, in its own results topic
    assertThat(status.path("eventsOut").asLong()).isEqualTo(4);
    http.delete("/api/flows/" + flowId + "/run");
  }

  static String cancellation(String id, String orderId, String time) {
    return "{\"id\": \""
        + id
        + "\", \"orderid\": \""
        + orderId
        + "\", \"canceltime\": \"2023-05-21 "
        + time
        + "\", \"reason\": \"changed mind\"}";
  }

  /**
   * Orders cancelled within 30 minutes (interval join, both sources 5 s delay). The orders come
   * first and the run reads them before the cancellations arrive, so that the join's watermark (the
   * smaller of its inputs') is the orders' 11:59:55 when the late cancellation comes:
   *
   * <pre>
   * orders         o1 10:00, o2 10:05, o9 12:00
   * c1 o1 10:20    joins o1
   * c9 o9 12:10    joins o9; the join's watermark becomes 11:59:55
   * cl o1 10:25    late: 10:25 + 30 min is behind 11:59:55, o1 is no longer kept — dropped
   * </pre>
   */
  @Test
  void the_run_status_counts_the_late_events_an_interval_join_drops() throws Exception {
    String bootstrap = SharedInfra.kafka().bootstrapServers();
    TestTopics topics = new TestTopics(bootstrap);
    topics.create("join-counts.orders");
    topics.create("join-counts.cancellations");
    try (EddyServer server = EddyServer.start(SharedInfra.serverConfig(dir.resolve("data")))) {
      Http http = Http.signedIn(server);
      String flowId =
          ExampleFlows.importExample(
              http,
              "orders-cancelled-within-30-minutes",
              "Join counts",
              bootstrap,
              Map.of("orders", "join-counts.orders", "cancellations", "join-counts.cancellations"));
      topics.produce(
          "join-counts.orders",
          List.of(
              order("o1", "EMEA", "10.0", "1", "10:00:00.000"),
              order("o2", "NA", "20.0", "1", "10:05:00.000"),
              order("o9", "EMEA", "30.0", "1", "12:00:00.000")));
      assertThat(
              http.post("/api/flows/" + flowId + "/run", "{\"mode\": \"historical\"}").statusCode())
          .isEqualTo(202);
      JsonNode ordersRead =
          awaitCounts(http, flowId, c -> c.path("orders").path("out").asLong() == 3);
      assertThat(ordersRead.path("orders").path("out").asLong())
          .as("the run reads the orders before the cancellations are written")
          .isEqualTo(3);
      // The orders reach the join well before the cancellations are written.
      Thread.sleep(2_000);
      topics.produce(
          "join-counts.cancellations",
          List.of(
              cancellation("c1", "o1", "10:20:00.000"),
              cancellation("c9", "o9", "12:10:00.000"),
              cancellation("cl", "o1", "10:25:00.000")));
      JsonNode counts =
          awaitCounts(
              http,
              flowId,
              c ->
                  c.path("cancellations").path("out").asLong() == 3
                      && c.path("join").path("out").asLong() == 2
                      && c.path("join").path("late").asLong() == 1);
      System.out.println("join counts: " + counts);
      assertThat(counts.path("join")).isEqualTo(JSON.readTree("{\"out\": 2, \"late\": 1}"));
      assertThat(counts.path("cancellations").path("out").asLong()).isEqualTo(3);
      http.delete("/api/flows/" + flowId + "/run");
    }
  }

  /** Polls the run's counts until {@code done} holds (or 4 minutes pass), then answers them. */
  private static JsonNode awaitCounts(
      Http http, String flowId, java.util.function.Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + 240_000_000_000L;
    JsonNode counts =
        JSON.readTree(http.get("/api/flows/" + flowId + "/run").body()).path("counts");
    while (!done.test(counts) && System.nanoTime() < deadline) {
      Thread.sleep(300);
      counts = JSON.readTree(http.get("/api/flows/" + flowId + "/run").body()).path("counts");
    }
    return counts;
  }
}
