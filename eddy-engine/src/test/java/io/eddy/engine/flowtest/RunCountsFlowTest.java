package io.eddy.engine.flowtest;

import static io.eddy.engine.flowtest.Flows.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The counts of a run per node: read, skipped, nulled, late and out (issue 16). */
class RunCountsFlowTest {

  /**
   * examples/hourly-sales-by-region.json (tumbling 1 h per region, event time delay 5 s) fed with:
   *
   * <pre>
   * a1 EMEA 10:05                                  [10:00, 11:00) EMEA
   * "this is not JSON"                             skipped
   * a2 NA 10:10, price "cheap"                     nulled price, [10:00, 11:00) NA
   * a3 EMEA 11:30                                  watermark 11:29:55: [10:00, 11:00) closes
   * l1 EMEA 10:20                                  late
   * "{not JSON"                                    skipped
   * l2 NA 10:59:59.999                             late (the last millisecond of the closed window)
   * a6 EMEA 11:01                                  not late: [11:00, 12:00) is still open
   * a4 NA 11:40, quantity "many"                   nulled quantity, [11:00, 12:00) NA
   * l3 EMEA 10:00                                  late
   * l4 NA 10:30                                    late
   * "&lt;xml/&gt;"                                 skipped
   * a5 EMEA 12:10                                  [11:00, 12:00) closes; the end closes [12:00, 13:00)
   * </pre>
   *
   * 13 messages read, 3 skipped, 10 out of the source; 2 values nulled; 4 late; 5 windows out.
   */
  @Test
  void countsWhatWasReadSkippedNulledLateAndOut() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .withStats()
            .runLines(
                Flows.example("hourly-sales-by-region.json"),
                Map.of(
                    "Orders",
                    List.of(
                        order("a1", "EMEA", 10.0, 1, "2023-05-21 10:05:00.000"),
                        "{\"raw\": \"this is not JSON\"}",
                        order("a2", "NA", 5.0, 1, "2023-05-21 10:10:00.000")
                            .replace("\"price\": 5.0", "\"price\": \"cheap\""),
                        order("a3", "EMEA", 20.0, 2, "2023-05-21 11:30:00.000"),
                        order("l1", "EMEA", 1.0, 1, "2023-05-21 10:20:00.000"),
                        "{\"raw\": \"{not JSON\"}",
                        order("l2", "NA", 1.0, 1, "2023-05-21 10:59:59.999"),
                        order("a6", "EMEA", 3.0, 1, "2023-05-21 11:01:00.000"),
                        order("a4", "NA", 6.0, 4, "2023-05-21 11:40:00.000")
                            .replace("\"quantity\": 4", "\"quantity\": \"many\""),
                        order("l3", "EMEA", 1.0, 1, "2023-05-21 10:00:00.000"),
                        order("l4", "NA", 1.0, 1, "2023-05-21 10:30:00.000"),
                        "{\"raw\": \"<xml/>\"}",
                        order("a5", "EMEA", 7.0, 1, "2023-05-21 12:10:00.000"))),
                Optional.empty());

    assertThat(result.events()).hasSize(5);
    assertThat(result.counts())
        .containsEntry(
            "orders",
            Map.of(
                "in",
                13L,
                "out",
                10L,
                "skipped",
                3L,
                "nulled",
                Map.of("price", 1L, "quantity", 1L)))
        .containsEntry("hourly", Map.of("out", 5L, "late", 4L));
  }

  /**
   * A source with a ROW property and a text event time, straight to a destination:
   *
   * <pre>
   * o1 Ada 36, 09:00                        out
   * o2 Bob age "old", 09:01                 out, nulled customer.age
   * o3 Cy, event time "yesterday"           skipped: the event time cannot be read
   * o4 Di, no event time                    skipped
   * "not JSON"                              skipped
   * o6 customer "Eve" (no object), 09:02Z   out, nulled customer
   * </pre>
   */
  @Test
  void skippedCountsUnreadableMessagesAndEventTimesAndNulledNamesNestedPaths() throws Exception {
    String flow =
        """
        {"format": "eddy-flow", "version": 2, "name": "Nested counts", "nodes": [
          {"id": "orders", "type": "source", "name": "Orders", "config": {
            "kafka": {"bootstrapServers": ["localhost:9092"], "topic": "ORDERS"},
            "properties": [
              {"name": "id", "type": "STRING"},
              {"name": "customer", "type": "ROW", "properties": [
                {"name": "name", "type": "STRING"}, {"name": "age", "type": "INTEGER"}]},
              {"name": "ordertime", "type": "TIMESTAMP"}],
            "eventTime": {"property": "ordertime"}}},
          {"id": "out", "type": "destination", "name": "Out", "config": {
            "kafka": {"bootstrapServers": ["localhost:9092"], "topic": "OUT"}}}],
         "edges": [{"from": "orders", "to": "out"}]}
        """;
    FlowTestResult result =
        Flows.runner()
            .withStats()
            .runLines(
                Flows.read(flow),
                Map.of(
                    "Orders",
                    List.of(
                        "{\"id\": \"o1\", \"customer\": {\"name\": \"Ada\", \"age\": 36},"
                            + " \"ordertime\": \"2024-03-04 09:00:00\"}",
                        "{\"id\": \"o2\", \"customer\": {\"name\": \"Bob\", \"age\": \"old\"},"
                            + " \"ordertime\": \"2024-03-04 09:01:00\"}",
                        "{\"id\": \"o3\", \"customer\": {\"name\": \"Cy\", \"age\": 40},"
                            + " \"ordertime\": \"yesterday\"}",
                        "{\"id\": \"o4\", \"customer\": {\"name\": \"Di\", \"age\": 41}}",
                        "{\"raw\": \"not JSON\"}",
                        "{\"id\": \"o6\", \"customer\": \"Eve\","
                            + " \"ordertime\": \"2024-03-04T09:02:00Z\"}")),
                Optional.empty());

    assertThat(result.events())
        .extracting(e -> e.path("id").asText())
        .containsExactly("o1", "o2", "o6");
    assertThat(result.counts())
        .containsEntry(
            "orders",
            Map.of(
                "in",
                6L,
                "out",
                3L,
                "skipped",
                3L,
                "nulled",
                Map.of("customer", 1L, "customer.age", 1L)))
        .containsEntry("out", Map.of("out", 3L));
  }
}
