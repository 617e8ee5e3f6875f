package io.eddy.engine.flowtest;

import static io.eddy.engine.flowtest.Flows.assertOutput;
import static io.eddy.engine.flowtest.Flows.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.model.Flow;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Combine: the events of two inputs merged into one stream. */
class CombineFlowTest {

  /**
   * examples/all-orders.json: the shop's orders and the web shop's (orderId, customerName and
   * placedat where the shop has id, customer and ordertime) merged and published to one topic.
   * Every event of both inputs comes out once, under the shop's property names; the web shop's
   * region and its other properties are taken by name.
   */
  @Test
  void mergesTwoTopicsWithRenamedPropertiesIntoOne() throws Exception {
    FlowTestResult result =
        run(
            Flows.example("all-orders.json"),
            List.of(
                shop("o1", "Ada", 20.5, 2, "EMEA", "10:00:00"),
                shop("o2", "Grace", 99.99, 1, "NA", "10:20:00")),
            List.of(
                web("w1", "Alan", "EMEA", "12.0", 3, "10:10:00"),
                web("w2", "Edsger", "EMEA", "5.25", 4, "11:05:00")));
    assertOutput(
        result,
        events(
            shop("o1", "Ada", 20.5, 2, "EMEA", "10:00:00.000"),
            shop("o2", "Grace", 99.99, 1, "NA", "10:20:00.000"),
            shop("w1", "Alan", 12.0, 3, "EMEA", "10:10:00.000"),
            shop("w2", "Edsger", 5.25, 4, "EMEA", "11:05:00.000")));
  }

  /**
   * The event time survives the merge when both inputs' event times feed it: an hourly count and
   * sum of price per region follows the combine. The web shop's price is here a whole number
   * (INTEGER), widened to the shop's DOUBLE.
   *
   * <pre>
   * [10:00, 11:00): EMEA o1 20.5 + w1 12 = 32.5, 2 orders; NA o2 99.99, 1 order
   * [11:00, 12:00): EMEA w2 5, 1 order
   * </pre>
   */
  @Test
  void keepsTheEventTimeSoAWindowCanFollow() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode doc = Flows.exampleTree("all-orders.json");
    for (var p : (ArrayNode) Flows.config(doc, "web").get("properties")) {
      if (p.get("name").asText().equals("price")) {
        ((ObjectNode) p).put("type", "INTEGER");
      }
    }
    ObjectNode out = (ObjectNode) doc.get("nodes").get(3);
    out.put("type", "aggregate").put("name", "Sales per region");
    out.set(
        "config",
        json.readTree(
            "{\"window\": {\"timeProperty\": \"ordertime\", \"size\": {\"value\": 1, \"unit\":"
                + " \"HOUR\"}}, \"groupBy\": [\"region\"], \"aggregates\": [{\"function\":"
                + " \"COUNT\", \"as\": \"orders\"}, {\"function\": \"SUM\", \"property\":"
                + " \"price\", \"as\": \"sales\"}]}"));
    FlowTestResult result =
        run(
            Flows.read(doc.toString()),
            List.of(
                shop("o1", "Ada", 20.5, 2, "EMEA", "10:00:00"),
                shop("o2", "Grace", 99.99, 1, "NA", "10:20:00")),
            List.of(
                web("w1", "Alan", "EMEA", "12", 3, "10:10:00"),
                web("w2", "Edsger", "EMEA", "5", 4, "11:05:00")));
    assertOutput(
        result,
        events(
            sales("EMEA", 2, 32.5, "10"),
            sales("NA", 1, 99.99, "10"),
            sales("EMEA", 1, 5.0, "11")));
  }

  /** Runs {@code flow} on these lines of the shop's and the web shop's orders topics. */
  static FlowTestResult run(Flow flow, List<String> shop, List<String> web) throws Exception {
    return Flows.runner()
        .runLines(flow, Map.of("Orders", shop, "Web shop orders", web), Optional.empty());
  }

  private static String sales(String region, int orders, double sales, String hour) {
    String next = String.format("%02d", Integer.parseInt(hour) + 1);
    return "{\"region\": \""
        + region
        + "\", \"orders\": "
        + orders
        + ", \"sales\": "
        + sales
        + ", \"aggregateStartTime\": \"2024-03-04 "
        + hour
        + ":00:00.000\", \"aggregateEndTime\": \"2024-03-04 "
        + next
        + ":00:00.000\", \"aggregateResultTime\": \"2024-03-04 "
        + hour
        + ":59:59.999\"}";
  }

  static String shop(
      String id, String customer, double price, int quantity, String region, String time) {
    return "{\"id\": \""
        + id
        + "\", \"customer\": \""
        + customer
        + "\", \"price\": "
        + price
        + ", \"quantity\": "
        + quantity
        + ", \"region\": \""
        + region
        + "\", \"ordertime\": \"2024-03-04 "
        + time
        + "\"}";
  }

  static String web(
      String id, String customer, String region, String price, int quantity, String time) {
    return "{\"orderId\": \""
        + id
        + "\", \"customerName\": \""
        + customer
        + "\", \"region\": \""
        + region
        + "\", \"price\": "
        + price
        + ", \"quantity\": "
        + quantity
        + ", \"placedat\": \"2024-03-04 "
        + time
        + "\"}";
  }
}
