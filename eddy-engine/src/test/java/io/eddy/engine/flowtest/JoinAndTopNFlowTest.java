package io.eddy.engine.flowtest;

import static io.eddy.engine.flowtest.Flows.assertOutput;
import static io.eddy.engine.flowtest.Flows.events;
import static io.eddy.engine.flowtest.Flows.order;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Top-n per window (and group) and the interval join. */
class JoinAndTopNFlowTest {

  /** Orders of two hours for the top-n tests: five in [10:00, 11:00), two in [11:00, 12:00). */
  private static final List<String> PRICED_ORDERS =
      List.of(
          order("p1", "EMEA", 10.0, 1, "2023-05-21 10:01:00.000"),
          order("p2", "NA", 50.0, 1, "2023-05-21 10:02:00.000"),
          order("p3", "EMEA", 30.0, 1, "2023-05-21 10:03:00.000"),
          order("p4", "NA", 40.0, 1, "2023-05-21 10:04:00.000"),
          order("p5", "APAC", 20.0, 1, "2023-05-21 10:05:00.000"),
          order("q1", "EMEA", 5.0, 1, "2023-05-21 11:01:00.000"),
          order("q2", "EMEA", 7.0, 1, "2023-05-21 11:02:00.000"));

  /**
   * examples/priciest-orders-per-hour.json: the 3 most expensive orders per 1-hour window (customer
   * and customerid removed), ranked 1..3 in topN.
   *
   * <pre>
   * [10:00, 11:00): p1 10.0, p2 50.0, p3 30.0, p4 40.0, p5 20.0 → p2 #1, p4 #2, p3 #3
   * [11:00, 12:00): q1 5.0, q2 7.0                              → q2 #1, q1 #2
   * </pre>
   */
  @Test
  void topNPerWindow() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.example("priciest-orders-per-hour.json"),
                Map.of("Orders", PRICED_ORDERS),
                Optional.empty());
    assertOutput(
        result,
        events(
            top("p2", "NA", 50.0, "10:02", "10", 1),
            top("p4", "NA", 40.0, "10:04", "10", 2),
            top("p3", "EMEA", 30.0, "10:03", "10", 3),
            top("q2", "EMEA", 7.0, "11:02", "11", 1),
            top("q1", "EMEA", 5.0, "11:01", "11", 2)));
  }

  /**
   * The same flow with groupBy region and limit 1: the most expensive order per window and region.
   *
   * <pre>
   * [10:00, 11:00): EMEA p1 10.0, p3 30.0 → p3; NA p2 50.0, p4 40.0 → p2; APAC p5 → p5
   * [11:00, 12:00): EMEA q1 5.0, q2 7.0   → q2
   * </pre>
   */
  @Test
  void topNPerWindowAndGroup() throws Exception {
    ObjectNode doc = Flows.exampleTree("priciest-orders-per-hour.json");
    ObjectNode top = Flows.config(doc, "top3");
    top.put("limit", 1);
    top.putArray("groupBy").add("region");
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.read(doc.toString()), Map.of("Orders", PRICED_ORDERS), Optional.empty());
    assertOutput(
        result,
        events(
            top("p3", "EMEA", 30.0, "10:03", "10", 1),
            top("p2", "NA", 50.0, "10:02", "10", 1),
            top("p5", "APAC", 20.0, "10:05", "10", 1),
            top("q2", "EMEA", 7.0, "11:02", "11", 1)));
  }

  private static String top(
      String id, String region, double price, String time, String hour, int rank) {
    int end = Integer.parseInt(hour) + 1;
    return "{\"id\": \""
        + id
        + "\", \"description\": \"M Blue Jeans\", \"price\": "
        + price
        + ", \"quantity\": 1, \"region\": \""
        + region
        + "\", \"ordertime\": \"2023-05-21 "
        + time
        + ":00.000\", \"windowStartTime\": \"2023-05-21 "
        + hour
        + ":00:00.000\", \"windowEndTime\": \"2023-05-21 "
        + end
        + ":00:00.000\", \"windowResultTime\": \"2023-05-21 "
        + hour
        + ":59:59.999\", \"topN\": "
        + rank
        + "}";
  }

  /**
   * examples/orders-cancelled-within-30-minutes.json: a cancellation joins its order when its
   * canceltime lies between the ordertime and the ordertime + 30 minutes (both ends included).
   *
   * <pre>
   * orders:        o1 10:00, o2 10:05, o3 10:10
   * c1 o1 10:20    20 min after o1 → joins o1
   * c2 o2 10:40    35 min after o2 → outside the window, no output
   * c3 zz 10:25    no order zz     → no output
   * c4 o3 10:10    at o3's time (start of the window) → joins o3
   * c5 o1 10:30    exactly 30 min after o1 (end of the window) → joins o1
   * </pre>
   *
   * Each topic is in event-time order (the cancellations are produced c4 c1 c3 c5 c2): an event
   * more than the 5-second delay behind its own topic's latest may be dropped as late once the
   * other source has been read to its end, which would make the outcome depend on timing.
   */
  @Test
  void intervalJoin() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.example("orders-cancelled-within-30-minutes.json"),
                Map.of(
                    "Orders",
                    List.of(
                        order("o1", "EMEA", 10.0, 1, "2023-05-21 10:00:00.000"),
                        order("o2", "NA", 20.0, 2, "2023-05-21 10:05:00.000"),
                        order("o3", "APAC", 30.0, 3, "2023-05-21 10:10:00.000")),
                    "Cancellations",
                    List.of(
                        cancel("c4", "o3", "2023-05-21 10:10:00.000", "wrong size"),
                        cancel("c1", "o1", "2023-05-21 10:20:00.000", "too late"),
                        cancel("c3", "zz", "2023-05-21 10:25:00.000", "unknown"),
                        cancel("c5", "o1", "2023-05-21 10:30:00.000", "duplicate"),
                        cancel("c2", "o2", "2023-05-21 10:40:00.000", "changed mind"))),
                Optional.empty());
    assertOutput(
        result,
        events(
            joined("o1", "EMEA", 10.0, 1, "10:00", "10:20", "too late"),
            joined("o1", "EMEA", 10.0, 1, "10:00", "10:30", "duplicate"),
            joined("o3", "APAC", 30.0, 3, "10:10", "10:10", "wrong size")));
  }

  private static String cancel(String id, String orderId, String time, String reason) {
    return "{\"id\": \""
        + id
        + "\", \"orderid\": \""
        + orderId
        + "\", \"canceltime\": \""
        + time
        + "\", \"reason\": \""
        + reason
        + "\"}";
  }

  private static String joined(
      String id,
      String region,
      double price,
      int quantity,
      String orderTime,
      String cancelTime,
      String reason) {
    return Flows.withFields(
        Flows.order(id, region, price, quantity, "2023-05-21 " + orderTime + ":00.000"),
        "\"canceltime\": \"2023-05-21 "
            + cancelTime
            + ":00.000\", \"cancelReason\": \""
            + reason
            + "\"");
  }
}
