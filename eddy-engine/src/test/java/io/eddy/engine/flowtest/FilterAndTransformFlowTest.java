package io.eddy.engine.flowtest;

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
}
