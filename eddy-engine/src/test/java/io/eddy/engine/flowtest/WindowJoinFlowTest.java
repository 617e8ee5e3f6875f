package io.eddy.engine.flowtest;

import static io.eddy.engine.flowtest.Flows.assertOutput;
import static io.eddy.engine.flowtest.Flows.events;
import static io.eddy.engine.flowtest.Flows.order;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The window join of examples/orders-with-payments-per-10-minutes.json: an order and a payment join
 * when the payment's orderid is the order's id and both fall in the same 10-minute window.
 *
 * <pre>
 * orders:   o1 10:01, o2 10:05, o3 10:08, o4 10:12
 * payments: p1 for o1 10:04   same window [10:00, 10:10) → joins o1
 *           p4 for zz 10:06   no such order
 *           p2 for o2 10:11   the neighbouring window [10:10, 10:20) → does not join o2
 *           p3 for o4 10:15   same window [10:10, 10:20) → joins o4
 * </pre>
 *
 * Each topic is in event-time order, so that no event is late.
 */
class WindowJoinFlowTest {
  private static final Map<String, List<String>> EVENTS =
      Map.of(
          "Orders",
          List.of(
              order("o1", "EMEA", 10.0, 1, "2023-05-21 10:01:00.000"),
              order("o2", "NA", 20.0, 2, "2023-05-21 10:05:00.000"),
              order("o3", "APAC", 30.0, 3, "2023-05-21 10:08:00.000"),
              order("o4", "EMEA", 40.0, 4, "2023-05-21 10:12:00.000")),
          "Payments",
          List.of(
              payment("p1", "o1", 10.0, "10:04"),
              payment("p4", "zz", 99.0, "10:06"),
              payment("p2", "o2", 40.0, "10:11"),
              payment("p3", "o4", 160.0, "10:15")));

  /** INNER (the example): only the order and payment pairs of the same window. */
  @Test
  void innerJoinPerTenMinuteWindow() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.example("orders-with-payments-per-10-minutes.json"),
                EVENTS,
                Optional.empty());
    assertOutput(
        result,
        events(
            joined("o1", "EMEA", 10.0, 1, "10:01", "10.0", "\"2023-05-21 10:04:00.000\"", "10"),
            joined("o4", "EMEA", 40.0, 4, "10:12", "160.0", "\"2023-05-21 10:15:00.000\"", "20")));
  }

  /**
   * FULL: also every order without a payment in its window and every payment without an order in
   * its window, with nulls for the other side, when the window closes.
   */
  @Test
  void fullJoinKeepsUnmatchedPaymentsToo() throws Exception {
    ObjectNode doc = Flows.exampleTree("orders-with-payments-per-10-minutes.json");
    Flows.config(doc, "join").put("join", "FULL");
    FlowTestResult result =
        Flows.runner().runLines(Flows.read(doc.toString()), EVENTS, Optional.empty());
    assertOutput(
        result,
        events(
            joined("o1", "EMEA", 10.0, 1, "10:01", "10.0", "\"2023-05-21 10:04:00.000\"", "10"),
            joined("o2", "NA", 20.0, 2, "10:05", "null", "null", "10"),
            joined("o3", "APAC", 30.0, 3, "10:08", "null", "null", "10"),
            joined("o4", "EMEA", 40.0, 4, "10:12", "160.0", "\"2023-05-21 10:15:00.000\"", "20"),
            paymentOnly("99.0", "10:06", "10"),
            paymentOnly("40.0", "10:11", "20")));
  }

  private static String payment(String id, String orderId, double amount, String time) {
    return "{\"id\": \""
        + id
        + "\", \"orderid\": \""
        + orderId
        + "\", \"amount\": "
        + amount
        + ", \"paytime\": \"2023-05-21 "
        + time
        + ":00.000\"}";
  }

  /** An output event: the order's kept properties, the payment's, the window (ending at end:00). */
  private static String joined(
      String id,
      String region,
      double price,
      int quantity,
      String orderTime,
      String paidAmount,
      String payTime,
      String windowEndMinute) {
    return "{\"id\": \""
        + id
        + "\", \"price\": "
        + price
        + ", \"quantity\": "
        + quantity
        + ", \"region\": \""
        + region
        + "\", \"ordertime\": \"2023-05-21 "
        + orderTime
        + ":00.000\", \"paidAmount\": "
        + paidAmount
        + ", \"paytime\": "
        + payTime
        + window(windowEndMinute)
        + "}";
  }

  private static String paymentOnly(String amount, String payTime, String windowEndMinute) {
    return "{\"id\": null, \"price\": null, \"quantity\": null, \"region\": null, \"ordertime\":"
        + " null, \"paidAmount\": "
        + amount
        + ", \"paytime\": \"2023-05-21 "
        + payTime
        + ":00.000\""
        + window(windowEndMinute)
        + "}";
  }

  private static String window(String endMinute) {
    int start = Integer.parseInt(endMinute) - 10;
    return ", \"windowStartTime\": \"2023-05-21 10:"
        + (start == 0 ? "00" : start)
        + ":00.000\", \"windowEndTime\": \"2023-05-21 10:"
        + endMinute
        + ":00.000\"";
  }
}
