package io.eddy.engine.flowtest;

import static io.eddy.engine.flowtest.Flows.assertOutput;
import static io.eddy.engine.flowtest.Flows.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Deduplicate: one event per key and tumbling window of event time. */
class DeduplicateFlowTest {

  /**
   * examples/unique-stock-movements.json: stock movements keyed by movementid, the first of each
   * hour kept, published to a Kafka topic (the output is append-only). Delay 1 minute.
   *
   * <pre>
   * m1 W1 +5 10:05      → kept (first m1 of [10:00, 11:00))
   * m1 W1 +5 10:05      → dropped (a second delivery of the same movement)
   * m2 W2 -2 10:10      → dropped: the copy below has an earlier event time
   * m2 W2 -2 10:09:30   → kept: it arrives later but is first by event time (within the delay)
   * m3 W1 +3 10:30      → kept
   * m3 W1 +3 10:30      → dropped
   * m1 W1 +5 11:10      → kept again: the same id in the next window [11:00, 12:00)
   * </pre>
   */
  @Test
  void keepsTheFirstEventPerKeyAndWindowAndPublishesIt() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.example("unique-stock-movements.json"),
                Map.of(
                    "Stock movements",
                    List.of(
                        movement("m1", "W1", 5, "10:05:00"),
                        movement("m1", "W1", 5, "10:05:00"),
                        movement("m2", "W2", -2, "10:10:00"),
                        movement("m2", "W2", -2, "10:09:30"),
                        movement("m3", "W1", 3, "10:30:00"),
                        movement("m3", "W1", 3, "10:30:00"),
                        movement("m1", "W1", 5, "11:10:00"))),
                Optional.empty());
    assertOutput(
        result,
        events(
            movement("m1", "W1", 5, "10:05:00.000"),
            movement("m2", "W2", -2, "10:09:30.000"),
            movement("m3", "W1", 3, "10:30:00.000"),
            movement("m1", "W1", 5, "11:10:00.000")));
  }

  /**
   * {@code keep: last} for corrections: the last movement of each id per hour wins, and the event
   * time survives, so an hourly aggregate can follow (net quantity per warehouse).
   *
   * <pre>
   * m1 W1 +5 10:05, m1 W1 +6 10:20 (a correction)  → m1 +6 kept
   * m2 W1 +1 10:40                                 → kept
   * m3 W2 +2 10:50, m3 W2 +4 10:49:30 (earlier)   → m3 +2 (last by event time, not by arrival)
   * m1 W1 +9 11:05                                 → kept in [11:00, 12:00)
   * [10:00, 11:00): W1 6 + 1 = 7, W2 2; [11:00, 12:00): W1 9
   * </pre>
   */
  @Test
  void keepsTheLastEventAndItsEventTimeForAWindowThatFollows() throws Exception {
    ObjectNode doc = Flows.exampleTree("unique-stock-movements.json");
    Flows.config(doc, "unique").put("keep", "last");
    ObjectNode out = (ObjectNode) doc.get("nodes").get(2);
    out.put("type", "aggregate").put("name", "Net quantity per warehouse");
    out.set(
        "config",
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                "{\"window\": {\"timeProperty\": \"updatetime\", \"size\": {\"value\": 1,"
                    + " \"unit\": \"HOUR\"}}, \"groupBy\": [\"warehouse\"], \"aggregates\":"
                    + " [{\"function\": \"SUM\", \"property\": \"quantity\", \"as\":"
                    + " \"netQuantity\"}]}"));
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.read(doc.toString()),
                Map.of(
                    "Stock movements",
                    List.of(
                        movement("m1", "W1", 5, "10:05:00"),
                        movement("m1", "W1", 6, "10:20:00"),
                        movement("m2", "W1", 1, "10:40:00"),
                        movement("m3", "W2", 2, "10:50:00"),
                        movement("m3", "W2", 4, "10:49:30"),
                        movement("m1", "W1", 9, "11:05:00"))),
                Optional.empty());
    assertOutput(result, events(net("W1", 7, "10"), net("W2", 2, "10"), net("W1", 9, "11")));
  }

  private static String net(String warehouse, int quantity, String hour) {
    String next = String.format("%02d", Integer.parseInt(hour) + 1);
    return "{\"warehouse\": \""
        + warehouse
        + "\", \"netQuantity\": "
        + quantity
        + ", \"aggregateStartTime\": \"2024-01-01 "
        + hour
        + ":00:00.000\", \"aggregateEndTime\": \"2024-01-01 "
        + next
        + ":00:00.000\", \"aggregateResultTime\": \"2024-01-01 "
        + hour
        + ":59:59.999\"}";
  }

  private static String movement(String id, String warehouse, int quantity, String time) {
    return "{\"movementid\": \""
        + id
        + "\", \"warehouse\": \""
        + warehouse
        + "\", \"product\": \"jeans\", \"quantity\": "
        + quantity
        + ", \"updatetime\": \"2024-01-01 "
        + time
        + "\"}";
  }
}
