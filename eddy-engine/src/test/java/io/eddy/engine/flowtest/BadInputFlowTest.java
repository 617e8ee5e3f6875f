package io.eddy.engine.flowtest;

import static io.eddy.engine.flowtest.Flows.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Messages that are not JSON, or whose values do not fit their types, never stop a flow. */
class BadInputFlowTest {

  /**
   * examples/orders-without-personal-data.json (total = price * quantity) fed with:
   *
   * <pre>
   * x1 a good order                                  → out, total 2.0
   * "this is not JSON" (raw text)                    → skipped
   * a truncated JSON object (raw text)               → skipped
   * x3 with price "cheap" (not a DOUBLE)             → out with price null, so total null
   * x4 with quantity "many" (not an INTEGER)         → out with quantity null, so total null
   * x5 with ordertime "yesterday"                    → skipped: without an event time it cannot
   *                                                    be placed in time
   * x6 a good order, ISO-8601 time ...T10:00:06.250Z → out, 3.0 × 2 = 6.0, time in SQL form
   * </pre>
   */
  @Test
  void badMessagesAreSkippedOrNulledAndTheFlowKeepsRunning() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.example("orders-without-personal-data.json"),
                Map.of(
                    "Orders",
                    List.of(
                        order("x1", "EMEA", 2.0, 1, "2023-05-21 10:00:00.000"),
                        "{\"raw\": \"this is not JSON\"}",
                        "{\"raw\": \"{\\\"id\\\": \\\"x2\\\", \\\"region\\\": \\\"EMEA\\\"\"}",
                        order("x3", "EMEA", 2.0, 1, "2023-05-21 10:00:03.000")
                            .replace("\"price\": 2.0", "\"price\": \"cheap\""),
                        order("x4", "EMEA", 2.0, 1, "2023-05-21 10:00:04.000")
                            .replace("\"quantity\": 1", "\"quantity\": \"many\""),
                        order("x5", "EMEA", 2.0, 1, "yesterday"),
                        order("x6", "EMEA", 3.0, 2, "2023-05-21T10:00:06.250Z"))),
                Optional.empty());
    assertThat(result.jsonLines())
        .isEqualTo(
            "{\"id\":\"x1\",\"customerId\":\"c-x1\",\"description\":\"M Blue Jeans\",\"price\":2.0,"
                + "\"quantity\":1,\"region\":\"EMEA\",\"ordertime\":\"2023-05-21 10:00:00.000\","
                + "\"total\":2.0}\n"
                + "{\"id\":\"x3\",\"customerId\":\"c-x3\",\"description\":\"M Blue Jeans\","
                + "\"price\":null,\"quantity\":1,\"region\":\"EMEA\","
                + "\"ordertime\":\"2023-05-21 10:00:03.000\",\"total\":null}\n"
                + "{\"id\":\"x4\",\"customerId\":\"c-x4\",\"description\":\"M Blue Jeans\","
                + "\"price\":2.0,\"quantity\":null,\"region\":\"EMEA\","
                + "\"ordertime\":\"2023-05-21 10:00:04.000\",\"total\":null}\n"
                + "{\"id\":\"x6\",\"customerId\":\"c-x6\",\"description\":\"M Blue Jeans\","
                + "\"price\":3.0,\"quantity\":2,\"region\":\"EMEA\","
                + "\"ordertime\":\"2023-05-21 10:00:06.250\",\"total\":6.0}\n");
  }
}
