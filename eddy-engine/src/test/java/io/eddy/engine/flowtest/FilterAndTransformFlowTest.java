package io.eddy.engine.flowtest;

import static io.eddy.engine.flowtest.Flows.assertOutput;
import static io.eddy.engine.flowtest.Flows.events;
import static io.eddy.engine.flowtest.Flows.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FilterAndTransformFlowTest {
  private static final Path FIXTURES = Path.of("src", "test", "resources", "flowtests");

  /**
   * examples/emea-orders.json: Orders → filter {@code region = 'EMEA'} → destination. Of the five
   * orders in flowtests/emea/orders.jsonl only o1 and o3 are in region EMEA (o5's "emea" is not:
   * the comparison is case-sensitive). o3's ISO time 14:47:22.5Z comes out as 14:47:22.500 and its
   * price 30 as the DOUBLE 30.0. A blank line in the fixture is ignored.
   */
  @Test
  void emeaFilterFromFixtureFiles() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .run(
                Flows.example("emea-orders.json"),
                Map.of("Orders", FIXTURES.resolve("emea/orders.jsonl")),
                Optional.empty());
    assertThat(result.nodeName()).isEqualTo("Publish EMEA orders");
    List<ObjectNode> expected =
        ExpectedEventsComparator.readExpected(FIXTURES.resolve("emea/expected.jsonl"));
    ExpectedEventsComparator.Comparison c =
        ExpectedEventsComparator.compare(result.events(), expected);
    assertThat(c.matches()).as(c.difference()).isTrue();
    // Exact text of the output, in production order.
    assertThat(result.jsonLines())
        .isEqualTo(
            "{\"id\":\"o1\",\"customer\":\"Ada Lovelace\",\"customerid\":\"c1\","
                + "\"description\":\"XL Stonewashed Bootcut Jeans\",\"price\":39.99,\"quantity\":2,"
                + "\"region\":\"EMEA\",\"ordertime\":\"2023-05-21 14:47:20.742\"}\n"
                + "{\"id\":\"o3\",\"customer\":\"Alan Turing\",\"customerid\":\"c3\","
                + "\"description\":\"S Blue Slim Jeans\",\"price\":30.0,\"quantity\":3,"
                + "\"region\":\"EMEA\",\"ordertime\":\"2023-05-21 14:47:22.500\"}\n");
  }

  /**
   * examples/orders-without-personal-data.json: a transform adding total = price * quantity,
   * removing customer and renaming customerid to customerId. 12.5 × 2 = 25.0; 2.25 × 4 = 9.0.
   */
  @Test
  void transformAddsRemovesAndRenames() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.example("orders-without-personal-data.json"),
                Map.of(
                    "Orders",
                    List.of(
                        order("t1", "EMEA", 12.5, 2, "2023-05-21 10:00:00.000"),
                        order("t2", "NA", 2.25, 4, "2023-05-21 10:00:01.000"))),
                Optional.empty());
    assertOutput(
        result,
        events(
            "{\"id\": \"t1\", \"customerId\": \"c-t1\", \"description\": \"M Blue Jeans\","
                + " \"price\": 12.5, \"quantity\": 2, \"region\": \"EMEA\","
                + " \"ordertime\": \"2023-05-21 10:00:00.000\", \"total\": 25.0}",
            "{\"id\": \"t2\", \"customerId\": \"c-t2\", \"description\": \"M Blue Jeans\","
                + " \"price\": 2.25, \"quantity\": 4, \"region\": \"NA\","
                + " \"ordertime\": \"2023-05-21 10:00:01.000\", \"total\": 9.0}"));
    assertThat(result.events()).allSatisfy(e -> assertThat(e.has("customer")).isFalse());
  }

  /**
   * examples/high-value-emea-orders.json: total = ROUND(price * quantity, 2), then region = 'EMEA'
   * AND total &gt; 100.
   *
   * <pre>
   * h1 EMEA 60.0   × 2 = 120.0              → kept
   * h2 EMEA 50.0   × 2 = 100.0              → not above 100
   * h3 NA   200.0  × 1 = 200.0              → not EMEA
   * h4 EMEA 33.333 × 3 = 99.999 → 100.0     → not above 100 once rounded
   * h5 EMEA 25.125 × 5 = 125.625 → 125.63   → kept (half up)
   * </pre>
   */
  @Test
  void transformThenFilter() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.example("high-value-emea-orders.json"),
                Map.of(
                    "Orders",
                    List.of(
                        order("h1", "EMEA", 60.0, 2, "2023-05-21 10:00:00.000"),
                        order("h2", "EMEA", 50.0, 2, "2023-05-21 10:00:01.000"),
                        order("h3", "NA", 200.0, 1, "2023-05-21 10:00:02.000"),
                        order("h4", "EMEA", 33.333, 3, "2023-05-21 10:00:03.000"),
                        order("h5", "EMEA", 25.125, 5, "2023-05-21 10:00:04.000"))),
                Optional.empty());
    assertThat(result.events())
        .extracting(e -> e.get("id").asText() + "=" + e.get("total").asText())
        .containsExactlyInAnyOrder("h1=120.0", "h5=125.63");
  }

  /** --node: the output of a node before the last one (here the transform before the filter). */
  @Test
  void outputOfAChosenNode() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.example("high-value-emea-orders.json"),
                Map.of(
                    "Orders",
                    List.of(
                        order("n1", "EMEA", 60.0, 2, "2023-05-21 10:00:00.000"),
                        order("n2", "NA", 1.0, 1, "2023-05-21 10:00:01.000"))),
                Optional.of("Order total"));
    assertThat(result.nodeName()).isEqualTo("Order total");
    assertThat(result.events())
        .extracting(e -> e.get("id").asText() + "=" + e.get("total").asText())
        .containsExactly("n1=120.0", "n2=1.0");
  }
}
