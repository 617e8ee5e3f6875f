package io.eddy.engine.flowtest;

import static io.eddy.engine.flowtest.Flows.assertOutput;
import static io.eddy.engine.flowtest.Flows.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Detect pattern: MATCH_RECOGNIZE per partition, in event-time order, within a time limit. */
class DetectPatternFlowTest {

  /**
   * examples/transactions-processed-twice.json: per txid, STARTED then exactly two PROCESSING in a
   * row, within 7 minutes of the start; published to Kafka. Delay 30 s. In arrival order:
   *
   * <pre>
   * t1 STARTED 10:00:00, PROCESSING 10:02:00, PROCESSING 10:05:00 (110)  → match, amount 110
   * t2 STARTED 10:00:30, PROCESSING 10:03:00, PROCESSING 10:08:00        → none: 7.5 minutes
   * t3 STARTED 10:01:00, PROCESSING 10:02:00, COMPLETED 10:03:00,
   *    PROCESSING 10:04:00                                              → none: not consecutive
   * t4 STARTED 10:10:00, PROCESSING 10:11:00, (t5 ...), PROCESSING 10:14:00 (45)
   *                                                      → match: t5's events do not break it
   * t5 STARTED 10:11:30, PROCESSING 10:12:00, PROCESSING 10:13:00 (55)  → match
   * t6 STARTED 10:20:00, PROCESSING 10:21:10 (61) arriving before PROCESSING 10:21:00 (60)
   *                                 → match in event-time order: the last processing is 10:21:10
   * t7 STARTED 10:30:00, PROCESSING 10:33:00, PROCESSING 10:37:00        → none: exactly 7 minutes
   *                                          (the last event must be less than 7 minutes after)
   * </pre>
   *
   * MATCH_ROWTIME() is the time of the match's last event.
   */
  @Test
  void findsTheSequencePerTransactionWithinTheTimeLimit() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.example("transactions-processed-twice.json"),
                Map.of(
                    "Transactions",
                    List.of(
                        tx("t1", "STARTED", 100, "10:00:00"),
                        tx("t2", "STARTED", 200, "10:00:30"),
                        tx("t3", "STARTED", 300, "10:01:00"),
                        tx("t1", "PROCESSING", 100, "10:02:00"),
                        tx("t3", "PROCESSING", 300, "10:02:00"),
                        tx("t2", "PROCESSING", 200, "10:03:00"),
                        tx("t3", "COMPLETED", 300, "10:03:00"),
                        tx("t3", "PROCESSING", 300, "10:04:00"),
                        tx("t1", "PROCESSING", 110, "10:05:00"),
                        tx("t2", "PROCESSING", 210, "10:08:00"),
                        tx("t4", "STARTED", 40, "10:10:00"),
                        tx("t4", "PROCESSING", 40, "10:11:00"),
                        tx("t5", "STARTED", 50, "10:11:30"),
                        tx("t5", "PROCESSING", 50, "10:12:00"),
                        tx("t5", "PROCESSING", 55, "10:13:00"),
                        tx("t4", "PROCESSING", 45, "10:14:00"),
                        tx("t6", "STARTED", 60, "10:20:00"),
                        tx("t6", "PROCESSING", 61, "10:21:10"),
                        tx("t6", "PROCESSING", 60, "10:21:00"),
                        tx("t7", "STARTED", 70, "10:30:00"),
                        tx("t7", "PROCESSING", 70, "10:33:00"),
                        tx("t7", "PROCESSING", 70, "10:37:00"))),
                Optional.empty());
    assertOutput(
        result,
        events(
            match("t1", "10:00:00", "10:05:00", 110),
            match("t4", "10:10:00", "10:14:00", 45),
            match("t5", "10:11:30", "10:13:00", 55),
            match("t6", "10:20:00", "10:21:10", 61)));
  }

  /**
   * A step of one or more events in the middle (greedy), counted: STARTED, then PROCESSING one or
   * more times, then COMPLETED, within 7 minutes.
   *
   * <pre>
   * u1 STARTED 10:00, PROCESSING 10:01, 10:02, 10:03, COMPLETED 10:04  → match, 3 processings
   * u2 STARTED 10:00, COMPLETED 10:01                                  → none: no processing
   * u3 STARTED 10:00, PROCESSING 10:05, COMPLETED 10:08                → none: 8 minutes
   * </pre>
   */
  @Test
  void countsAStepOfOneOrMoreEvents() throws Exception {
    ObjectNode doc = Flows.exampleTree("transactions-processed-twice.json");
    ObjectNode config = Flows.config(doc, "pattern");
    ObjectMapper json = new ObjectMapper();
    config.set(
        "steps",
        json.readTree(
            """
            [{"name": "started", "condition": "state = 'STARTED'"},
             {"name": "processing", "condition": "state = 'PROCESSING'", "times": {"min": 1}},
             {"name": "completed", "condition": "state = 'COMPLETED'"}]"""));
    config.set(
        "measures",
        json.readTree(
            """
            [{"name": "processings", "expression": "COUNT(processing.ts)"},
             {"name": "completedAt", "expression": "completed.ts"}]"""));
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.read(doc.toString()),
                Map.of(
                    "Transactions",
                    List.of(
                        tx("u1", "STARTED", 1, "10:00:00"),
                        tx("u2", "STARTED", 2, "10:00:00"),
                        tx("u3", "STARTED", 3, "10:00:00"),
                        tx("u1", "PROCESSING", 1, "10:01:00"),
                        tx("u2", "COMPLETED", 2, "10:01:00"),
                        tx("u1", "PROCESSING", 1, "10:02:00"),
                        tx("u1", "PROCESSING", 1, "10:03:00"),
                        tx("u1", "COMPLETED", 1, "10:04:00"),
                        tx("u3", "PROCESSING", 3, "10:05:00"),
                        tx("u3", "COMPLETED", 3, "10:08:00"))),
                Optional.empty());
    assertOutput(
        result,
        events(
            "{\"txid\": \"u1\", \"processings\": 3, \"completedAt\": \"2024-01-01"
                + " 10:04:00.000\"}"));
  }

  /**
   * examples/transactions-not-completed.json: per txid, STARTED then exactly two PROCESSING in a
   * row, then no COMPLETED before 7 minutes after the start (strictly: a COMPLETED at exactly 7
   * minutes is too late). Delay 30 s. In arrival order:
   *
   * <pre>
   * n1 STARTED 10:00:00, PROCESSING 10:01:00, 10:02:00 (11), then nothing      → reported
   * n2 STARTED 10:00:30, PROCESSING 10:01:30, 10:03:00, COMPLETED 10:06:00     → none: in time
   * n3 STARTED 10:01:00, PROCESSING 10:02:00, 10:04:00 (31), COMPLETED 10:09:00 → reported: late
   * n4 STARTED 10:02:00, PROCESSING 10:03:00, 10:04:00 (41), COMPLETED 10:09:00
   *                                                → reported: exactly 7 minutes is not within
   * n5 STARTED 10:03:00, PROCESSING 10:04:00, COMPLETED 10:05:00, PROCESSING 10:06:00
   *                                                → none: not a match (steps not consecutive)
   * n6 STARTED 10:30:00                             → moves the watermark to 10:29:30, past every
   *                                                  time limit above, before the input ends
   * </pre>
   *
   * n2's COMPLETED at 10:06 falls in n1's time limit but is another transaction's. The output's
   * matchedAt is the match's last event.
   */
  @Test
  void reportsATransactionNotCompletedWithinTheTimeLimit() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.example("transactions-not-completed.json"),
                Map.of(
                    "Transactions",
                    List.of(
                        tx("n1", "STARTED", 10, "10:00:00"),
                        tx("n2", "STARTED", 20, "10:00:30"),
                        tx("n1", "PROCESSING", 10, "10:01:00"),
                        tx("n3", "STARTED", 30, "10:01:00"),
                        tx("n2", "PROCESSING", 20, "10:01:30"),
                        tx("n1", "PROCESSING", 11, "10:02:00"),
                        tx("n3", "PROCESSING", 30, "10:02:00"),
                        tx("n4", "STARTED", 40, "10:02:00"),
                        tx("n2", "PROCESSING", 21, "10:03:00"),
                        tx("n4", "PROCESSING", 40, "10:03:00"),
                        tx("n5", "STARTED", 50, "10:03:00"),
                        tx("n3", "PROCESSING", 31, "10:04:00"),
                        tx("n4", "PROCESSING", 41, "10:04:00"),
                        tx("n5", "PROCESSING", 50, "10:04:00"),
                        tx("n5", "COMPLETED", 50, "10:05:00"),
                        tx("n2", "COMPLETED", 21, "10:06:00"),
                        tx("n5", "PROCESSING", 50, "10:06:00"),
                        tx("n3", "COMPLETED", 31, "10:09:00"),
                        tx("n4", "COMPLETED", 41, "10:09:00"),
                        tx("n6", "STARTED", 60, "10:30:00"))),
                Optional.empty());
    assertOutput(
        result,
        events(
            notCompleted("n1", "10:00:00", 11, "10:02:00"),
            notCompleted("n3", "10:01:00", 31, "10:04:00"),
            notCompleted("n4", "10:02:00", 41, "10:04:00")));
  }

  /**
   * The reported matches keep their match time as an event time that a window can use: the matches
   * of the test above per 10 minutes of matchedAt, plus n7 (STARTED 10:12, PROCESSING 10:13, 10:14,
   * then nothing). n1, n3 and n4 are emitted when the watermark passes 10:09 and 10:11, while the
   * window 10:00–10:10 is still open (the join holds its output watermark back by the 7 minutes);
   * n6 at 10:30 closes both windows before the input ends. A match emitted late for the window
   * would be dropped and the count would be less.
   */
  @Test
  void theMatchTimeOfAReportedMatchStaysAnEventTimeForAWindow() throws Exception {
    ObjectNode doc = Flows.exampleTree("transactions-not-completed.json");
    ObjectMapper json = new ObjectMapper();
    ((com.fasterxml.jackson.databind.node.ArrayNode) doc.get("nodes"))
        .add(
            json.readTree(
                """
                {"id": "perTen", "type": "aggregate", "name": "Per 10 minutes",
                 "config": {"window": {"timeProperty": "matchedAt",
                                       "size": {"value": 10, "unit": "MINUTE"}},
                            "aggregates": [{"function": "COUNT", "as": "reported"}]}}"""));
    for (com.fasterxml.jackson.databind.JsonNode edge : doc.get("edges")) {
      if (edge.get("to").asText().equals("out")) {
        ((ObjectNode) edge).put("to", "perTen");
      }
    }
    ((com.fasterxml.jackson.databind.node.ArrayNode) doc.get("edges"))
        .add(json.readTree("{\"from\": \"perTen\", \"to\": \"out\"}"));
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.read(doc.toString()),
                Map.of(
                    "Transactions",
                    List.of(
                        tx("n1", "STARTED", 10, "10:00:00"),
                        tx("n2", "STARTED", 20, "10:00:30"),
                        tx("n1", "PROCESSING", 10, "10:01:00"),
                        tx("n3", "STARTED", 30, "10:01:00"),
                        tx("n2", "PROCESSING", 20, "10:01:30"),
                        tx("n1", "PROCESSING", 11, "10:02:00"),
                        tx("n3", "PROCESSING", 30, "10:02:00"),
                        tx("n4", "STARTED", 40, "10:02:00"),
                        tx("n2", "PROCESSING", 21, "10:03:00"),
                        tx("n4", "PROCESSING", 40, "10:03:00"),
                        tx("n3", "PROCESSING", 31, "10:04:00"),
                        tx("n4", "PROCESSING", 41, "10:04:00"),
                        tx("n2", "COMPLETED", 21, "10:06:00"),
                        tx("n3", "COMPLETED", 31, "10:09:00"),
                        tx("n4", "COMPLETED", 41, "10:09:00"),
                        tx("n7", "STARTED", 70, "10:12:00"),
                        tx("n7", "PROCESSING", 70, "10:13:00"),
                        tx("n7", "PROCESSING", 71, "10:14:00"),
                        tx("n6", "STARTED", 60, "10:30:00"))),
                Optional.empty());
    assertOutput(
        result,
        events(
            "{\"reported\": 3, \"aggregateStartTime\": \"2024-01-01 10:00:00.000\","
                + " \"aggregateEndTime\": \"2024-01-01 10:10:00.000\", \"aggregateResultTime\":"
                + " \"2024-01-01 10:09:59.999\"}",
            "{\"reported\": 1, \"aggregateStartTime\": \"2024-01-01 10:10:00.000\","
                + " \"aggregateEndTime\": \"2024-01-01 10:20:00.000\", \"aggregateResultTime\":"
                + " \"2024-01-01 10:19:59.999\"}"));
  }

  private static String notCompleted(String txid, String started, double amount, String last) {
    return "{\"txid\": \""
        + txid
        + "\", \"startedAt\": \"2024-01-01 "
        + started
        + ".000\", \"amount\": "
        + amount
        + ", \"matchedAt\": \"2024-01-01 "
        + last
        + ".000\"}";
  }

  private static String match(String txid, String started, String last, double amount) {
    return "{\"txid\": \""
        + txid
        + "\", \"startedAt\": \"2024-01-01 "
        + started
        + ".000\", \"lastProcessedAt\": \"2024-01-01 "
        + last
        + ".000\", \"amount\": "
        + amount
        + ", \"matchedAt\": \"2024-01-01 "
        + last
        + ".000\"}";
  }

  private static String tx(String txid, String state, double amount, String time) {
    return "{\"txid\": \""
        + txid
        + "\", \"state\": \""
        + state
        + "\", \"amount\": "
        + amount
        + ", \"ts\": \"2024-01-01 "
        + time
        + "\"}";
  }
}
