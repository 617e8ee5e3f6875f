package io.eddy.engine.flowtest;

import static io.eddy.engine.flowtest.Flows.assertOutput;
import static io.eddy.engine.flowtest.Flows.events;
import static io.eddy.engine.flowtest.Flows.order;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The custom SQL node of examples/hourly-revenue-per-region-in-sql.json, run by eddy test. */
class CustomSqlFlowTest {

  /**
   * Orders and revenue (price × quantity) per region and hour, by the node's TUMBLE query.
   *
   * <pre>
   * [10:00, 11:00): EMEA o1 10.0×1, o2 20.0×2 → 2 orders, 50.0;  NA o3 5.0×3 → 1, 15.0
   * [11:00, 12:00): EMEA o4 7.5×2 → 1, 15.0;                     NA o5 1.0×1 → 1, 1.0
   * </pre>
   */
  @Test
  void aQueryWithAWindowedAggregation() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.example("hourly-revenue-per-region-in-sql.json"),
                Map.of(
                    "Orders",
                    List.of(
                        order("o1", "EMEA", 10.0, 1, "2023-05-21 10:01:00.000"),
                        order("o2", "EMEA", 20.0, 2, "2023-05-21 10:20:00.000"),
                        order("o3", "NA", 5.0, 3, "2023-05-21 10:40:00.000"),
                        order("o4", "EMEA", 7.5, 2, "2023-05-21 11:05:00.000"),
                        order("o5", "NA", 1.0, 1, "2023-05-21 11:30:00.000"))),
                Optional.empty());
    assertOutput(
        result,
        events(
            revenue("10", "EMEA", 2, 50.0),
            revenue("10", "NA", 1, 15.0),
            revenue("11", "EMEA", 1, 15.0),
            revenue("11", "NA", 1, 1.0)));
  }

  /**
   * Several inputs (SPEC §2c): examples/all-orders.json with its combine replaced by a query that
   * reads both topics by node name and merges them with UNION ALL; every event of both comes out
   * once under the shop's property names.
   */
  @Test
  void aQueryOverTwoInputs() throws Exception {
    ObjectNode doc = Flows.exampleTree("all-orders.json");
    for (var node : doc.get("nodes")) {
      if (node.get("id").asText().equals("all")) {
        ((ObjectNode) node).put("type", "sql").putObject("config").put("statement", UNION);
      }
    }
    FlowTestResult result =
        CombineFlowTest.run(
            Flows.read(doc.toString()),
            List.of(CombineFlowTest.shop("o1", "Ada", 20.5, 2, "EMEA", "10:00:00")),
            List.of(CombineFlowTest.web("w1", "Alan", "EMEA", "12.0", 3, "10:10:00")));
    assertOutput(
        result,
        events(
            CombineFlowTest.shop("o1", "Ada", 20.5, 2, "EMEA", "10:00:00.000"),
            CombineFlowTest.shop("w1", "Alan", 12.0, 3, "EMEA", "10:10:00.000")));
  }

  private static final String UNION =
      """
      SELECT id, customer, price, quantity, region, ordertime FROM `Orders`
      UNION ALL
      SELECT orderId AS id, customerName AS customer, price, quantity, region,
        placedat AS ordertime
      FROM `Web shop orders`""";

  /** A query Flink cannot parse: the run is refused with Flink's message, naming the node. */
  @Test
  void aQueryWithASyntaxErrorIsRefusedWithFlinksMessage() throws Exception {
    ObjectNode doc = Flows.exampleTree("hourly-revenue-per-region-in-sql.json");
    Flows.config(doc, "revenue").put("statement", "SELECT region COUNT(*) AS n\nFROM `Orders`");
    assertThatThrownBy(
            () ->
                Flows.runner()
                    .runLines(
                        Flows.read(doc.toString()),
                        Map.of(
                            "Orders",
                            List.of(order("o1", "EMEA", 1.0, 1, "2023-05-21 10:00:00.000"))),
                        Optional.empty()))
        .isInstanceOf(FlowTestException.class)
        .hasMessageContaining(
            "`Revenue per region`: The query is not valid: Incorrect syntax near the keyword"
                + " 'COUNT' at line 1, column 15.");
  }

  private static String revenue(String hour, String region, int orders, double revenue) {
    int end = Integer.parseInt(hour) + 1;
    return "{\"hourStart\": \"2023-05-21 "
        + hour
        + ":00:00.000\", \"hourEnd\": \"2023-05-21 "
        + end
        + ":00:00.000\", \"resultTime\": \"2023-05-21 "
        + hour
        + ":59:59.999\", \"region\": \""
        + region
        + "\", \"orders\": "
        + orders
        + ", \"revenue\": "
        + revenue
        + "}";
  }
}
