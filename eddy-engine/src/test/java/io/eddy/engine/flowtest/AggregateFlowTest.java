package io.eddy.engine.flowtest;

import static io.eddy.engine.flowtest.Flows.assertOutput;
import static io.eddy.engine.flowtest.Flows.events;
import static io.eddy.engine.flowtest.Flows.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tumbling and hopping aggregates, lateness and the Kafka timestamp as event time. */
class AggregateFlowTest {

  /**
   * examples/hourly-sales-by-region.json (tumbling 1 h, group by region; SUM quantity, COUNT, AVG
   * price, MIN price, MAX price) plus AVG of the INTEGER quantity, which must be a DOUBLE (2.5, not
   * Flink's integer 2).
   *
   * <pre>
   * a1 EMEA 10.0 q1 10:05        [10:00, 11:00) EMEA: a1 a3 a5 → units 1+2+3 = 6, 3 orders,
   * a2 NA    5.0 q1 10:10                              avg price (10+20+30)/3 = 20.0, min 10.0,
   * a3 EMEA 20.0 q2 10:20                              max 30.0, avg quantity 6/3 = 2.0
   * a4 NA    6.0 q4 10:30        [10:00, 11:00) NA: a2 a4 → units 5, 2 orders, avg 5.5, min 5.0,
   * a5 EMEA 30.0 q3 10:59:59.999                       max 6.0, avg quantity (1+4)/2 = 2.5
   * a6 NA    7.0 q1 11:00        [11:00, 12:00) NA: a6 → 1, 1, 7.0, 7.0, 7.0, 1.0
   * a7 EMEA  1.5 q2 11:10        [11:00, 12:00) EMEA: a7 → 2, 1, 1.5, 1.5, 1.5, 2.0
   * </pre>
   *
   * a5 at 10:59:59.999 is the last millisecond of the first window; a6 at 11:00:00.000 is the first
   * of the next. The result time is the window end minus 1 ms.
   */
  @Test
  void tumblingWindowWithEveryFunctionAndGroupBy() throws Exception {
    ObjectNode doc = Flows.exampleTree("hourly-sales-by-region.json");
    ObjectNode agg = Flows.config(doc, "hourly");
    ((com.fasterxml.jackson.databind.node.ArrayNode) agg.get("aggregates"))
        .addObject()
        .put("function", "AVG")
        .put("property", "quantity")
        .put("as", "averageQuantity");
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.read(doc.toString()),
                Map.of(
                    "Orders",
                    List.of(
                        order("a1", "EMEA", 10.0, 1, "2023-05-21 10:05:00.000"),
                        order("a2", "NA", 5.0, 1, "2023-05-21 10:10:00.000"),
                        order("a3", "EMEA", 20.0, 2, "2023-05-21 10:20:00.000"),
                        order("a4", "NA", 6.0, 4, "2023-05-21 10:30:00.000"),
                        order("a5", "EMEA", 30.0, 3, "2023-05-21 10:59:59.999"),
                        order("a6", "NA", 7.0, 1, "2023-05-21 11:00:00.000"),
                        order("a7", "EMEA", 1.5, 2, "2023-05-21 11:10:00.000"))),
                Optional.empty());
    assertThat(result.nodeName()).isEqualTo("Hourly sales");
    String first =
        "\"aggregateStartTime\": \"2023-05-21 10:00:00.000\", \"aggregateEndTime\": \"2023-05-21"
            + " 11:00:00.000\", \"aggregateResultTime\": \"2023-05-21 10:59:59.999\"}";
    String second =
        "\"aggregateStartTime\": \"2023-05-21 11:00:00.000\", \"aggregateEndTime\": \"2023-05-21"
            + " 12:00:00.000\", \"aggregateResultTime\": \"2023-05-21 11:59:59.999\"}";
    assertOutput(
        result,
        events(
            "{\"region\": \"EMEA\", \"unitsSold\": 6, \"orders\": 3, \"averagePrice\": 20.0,"
                + " \"MIN_price\": 10.0, \"MAX_price\": 30.0, \"averageQuantity\": 2.0, "
                + first,
            "{\"region\": \"NA\", \"unitsSold\": 5, \"orders\": 2, \"averagePrice\": 5.5,"
                + " \"MIN_price\": 5.0, \"MAX_price\": 6.0, \"averageQuantity\": 2.5, "
                + first,
            "{\"region\": \"NA\", \"unitsSold\": 1, \"orders\": 1, \"averagePrice\": 7.0,"
                + " \"MIN_price\": 7.0, \"MAX_price\": 7.0, \"averageQuantity\": 1.0, "
                + second,
            "{\"region\": \"EMEA\", \"unitsSold\": 2, \"orders\": 1, \"averagePrice\": 1.5,"
                + " \"MIN_price\": 1.5, \"MAX_price\": 1.5, \"averageQuantity\": 2.0, "
                + second));
    // The property order is the node's output order.
    assertThat(result.events().get(0).toString())
        .startsWith("{\"region\":")
        .contains("\"aggregateResultTime\":");
  }

  /**
   * examples/rolling-order-count.json: hopping windows of 1 hour starting every 10 minutes, COUNT
   * and SUM of quantity over all orders. An event at time t is in the six windows whose start s is
   * a multiple of 10 minutes with t - 60 min &lt; s &lt;= t.
   *
   * <pre>
   * b1 10:05 q1 → windows starting 09:10 09:20 09:30 09:40 09:50 10:00
   * b2 10:25 q2 → windows starting 09:30 09:40 09:50 10:00 10:10 10:20
   * b3 11:02 q3 → windows starting 10:10 10:20 10:30 10:40 10:50 11:00
   * window start: 09:10 09:20 | 09:30 09:40 09:50 10:00 | 10:10 10:20 | 10:30 10:40 10:50 11:00
   * orders:         b1    b1  |       b1 b2 (each)      |  b2 b3 each |      b3 (each)
   * count / sum:   1/1   1/1  |          2/3            |     2/5     |       1/3
   * </pre>
   */
  @Test
  void hoppingWindow() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.example("rolling-order-count.json"),
                Map.of(
                    "Orders",
                    List.of(
                        order("b1", "EMEA", 1.0, 1, "2023-05-21 10:05:00.000"),
                        order("b2", "NA", 1.0, 2, "2023-05-21 10:25:00.000"),
                        order("b3", "APAC", 1.0, 3, "2023-05-21 11:02:00.000"))),
                Optional.empty());
    assertThat(result.nodeName()).isEqualTo("Publish rolling counts");
    // start, end, end minus 1 ms (hh:mm then :59.999), count, sum
    String[][] windows = {
      {"09:10", "10:10", "10:09", "1", "1"},
      {"09:20", "10:20", "10:19", "1", "1"},
      {"09:30", "10:30", "10:29", "2", "3"},
      {"09:40", "10:40", "10:39", "2", "3"},
      {"09:50", "10:50", "10:49", "2", "3"},
      {"10:00", "11:00", "10:59", "2", "3"},
      {"10:10", "11:10", "11:09", "2", "5"},
      {"10:20", "11:20", "11:19", "2", "5"},
      {"10:30", "11:30", "11:29", "1", "3"},
      {"10:40", "11:40", "11:39", "1", "3"},
      {"10:50", "11:50", "11:49", "1", "3"},
      {"11:00", "12:00", "11:59", "1", "3"},
    };
    String[] expected = new String[windows.length];
    for (int i = 0; i < windows.length; i++) {
      String[] w = windows[i];
      expected[i] =
          "{\"orderCount\": "
              + w[3]
              + ", \"SUM_quantity\": "
              + w[4]
              + ", \"aggregateStartTime\": \"2023-05-21 "
              + w[0]
              + ":00.000\", \"aggregateEndTime\": \"2023-05-21 "
              + w[1]
              + ":00.000\", \"aggregateResultTime\": \"2023-05-21 "
              + w[2]
              + ":59.999\"}";
    }
    assertOutput(result, events(expected));
  }

  /**
   * examples/door-badge-ins-per-building.json: 5-minute windows of badge-ins per building (the part
   * of the door before the first '-'), events up to 3 minutes late. With the watermark at the
   * latest badge time minus 3 minutes (advanced on every event):
   *
   * <pre>
   * r1 A 09:01:00                 watermark 08:58:00
   * r2 B 09:03:00                 watermark 09:00:00
   * r3 A 09:06:00                 watermark 09:03:00
   * r4 A 09:04:30  out of order, window [09:00, 09:05) still open → counted
   * r5 B 09:09:00                 watermark 09:06:00 → window [09:00, 09:05) closes
   * r6 A 09:02:00  later than the delay: its window has closed → dropped
   * r7 B 09:07:00  out of order, window [09:05, 09:10) still open → counted
   * [09:00, 09:05): A = r1 r4 = 2, B = r2 = 1;   [09:05, 09:10): A = r3 = 1, B = r5 r7 = 2
   * </pre>
   */
  @Test
  void outOfOrderEventsWithinTheDelayCountAndLaterOnesAreDropped() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.example("door-badge-ins-per-building.json"),
                Map.of(
                    "Door badge-ins",
                    List.of(
                        badge("r1", "A-0-1", "2023-05-21 09:01:00.000"),
                        badge("r2", "B-1-2", "2023-05-21 09:03:00.000"),
                        badge("r3", "A-2-7", "2023-05-21 09:06:00.000"),
                        badge("r4", "A-0-3", "2023-05-21T09:04:30.000Z"),
                        badge("r5", "B-0-1", "2023-05-21 09:09:00.000"),
                        badge("r6", "A-1-1", "2023-05-21 09:02:00.000"),
                        badge("r7", "B-3-3", "2023-05-21 09:07:00.000"))),
                Optional.empty());
    String w1 =
        "\"aggregateStartTime\": \"2023-05-21 09:00:00.000\", \"aggregateEndTime\": \"2023-05-21"
            + " 09:05:00.000\", \"aggregateResultTime\": \"2023-05-21 09:04:59.999\"}";
    String w2 =
        "\"aggregateStartTime\": \"2023-05-21 09:05:00.000\", \"aggregateEndTime\": \"2023-05-21"
            + " 09:10:00.000\", \"aggregateResultTime\": \"2023-05-21 09:09:59.999\"}";
    assertOutput(
        result,
        events(
            "{\"building\": \"A\", \"badgeIns\": 2, " + w1,
            "{\"building\": \"B\", \"badgeIns\": 1, " + w1,
            "{\"building\": \"A\", \"badgeIns\": 1, " + w2,
            "{\"building\": \"B\", \"badgeIns\": 2, " + w2));
  }

  /**
   * examples/stock-movements-kafka-time.json: the Kafka message timestamp is the event time
   * (property messagetime), 1-minute windows of net quantity per warehouse. The updatetime inside
   * the messages (a day earlier) plays no part.
   *
   * <pre>
   * s1 W1 +5 Kafka time 10:00:10      [10:00, 10:01): W1 = 5 - 2 = 3, W2 = 3
   * s2 W2 +3 Kafka time 10:00:20      [10:01, 10:02): W1 = 7
   * s3 W1 -2 Kafka time 10:00:59.999
   * s4 W1 +7 Kafka time 10:01:00 (given as epoch milliseconds 1704103260000)
   * </pre>
   */
  @Test
  void kafkaTimestampAsEventTime() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.example("stock-movements-kafka-time.json"),
                Map.of(
                    "Stock movements",
                    List.of(
                        movement("s1", "W1", 5, "\"2024-01-01 10:00:10.000\""),
                        movement("s2", "W2", 3, "\"2024-01-01T10:00:20Z\""),
                        movement("s3", "W1", -2, "\"2024-01-01 10:00:59.999\""),
                        movement("s4", "W1", 7, "1704103260000"))),
                Optional.empty());
    String w1 =
        "\"aggregateStartTime\": \"2024-01-01 10:00:00.000\", \"aggregateEndTime\": \"2024-01-01"
            + " 10:01:00.000\", \"aggregateResultTime\": \"2024-01-01 10:00:59.999\"}";
    String w2 =
        "\"aggregateStartTime\": \"2024-01-01 10:01:00.000\", \"aggregateEndTime\": \"2024-01-01"
            + " 10:02:00.000\", \"aggregateResultTime\": \"2024-01-01 10:01:59.999\"}";
    assertOutput(
        result,
        events(
            "{\"warehouse\": \"W1\", \"netQuantity\": 3, " + w1,
            "{\"warehouse\": \"W2\", \"netQuantity\": 3, " + w1,
            "{\"warehouse\": \"W1\", \"netQuantity\": 7, " + w2));
  }

  private static String badge(String id, String door, String time) {
    return "{\"recordid\": \""
        + id
        + "\", \"door\": \""
        + door
        + "\", \"employee\": \"e-"
        + id
        + "\", \"badgetime\": \""
        + time
        + "\"}";
  }

  private static String movement(String id, String warehouse, int quantity, String timestamp) {
    return "{\"value\": {\"movementid\": \""
        + id
        + "\", \"warehouse\": \""
        + warehouse
        + "\", \"product\": \"jeans\", \"quantity\": "
        + quantity
        + ", \"updatetime\": \"2023-12-31 09:00:00.000\"}, \"timestamp\": "
        + timestamp
        + ", \"key\": \""
        + warehouse
        + "\"}";
  }
}
