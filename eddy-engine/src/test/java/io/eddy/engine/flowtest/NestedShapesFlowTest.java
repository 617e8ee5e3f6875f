package io.eddy.engine.flowtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Nested events end to end (issue 11): a source declaring ROW, ARRAY, MAP and DECIMAL properties,
 * expressions reaching inside them, and the output written as nested JSON with exact decimals.
 */
class NestedShapesFlowTest {

  /** An online order: a customer object, item lines with exact prices, free attributes. */
  static final String SOURCE =
      """
      {"id": "orders", "type": "source", "name": "Orders", "config": {
        "kafka": {"bootstrapServers": ["localhost:9092"], "topic": "ONLINE.ORDERS"},
        "properties": [
          {"name": "id", "type": "STRING"},
          {"name": "customer", "type": "ROW", "properties": [
            {"name": "name", "type": "STRING"}, {"name": "country", "type": "STRING"}]},
          {"name": "items", "type": "ARRAY", "items": {"type": "ROW", "properties": [
            {"name": "sku", "type": "STRING"}, {"name": "qty", "type": "INTEGER"},
            {"name": "price", "type": "DECIMAL", "precision": 10, "scale": 2}]}},
          {"name": "attributes", "type": "MAP", "values": {"type": "STRING"}},
          {"name": "amount", "type": "DECIMAL", "precision": 10, "scale": 2},
          {"name": "ordertime", "type": "TIMESTAMP"}],
        "eventTime": {"property": "ordertime"}}}
      """;

  static final String DESTINATION =
      """
      {"id": "out", "type": "destination", "name": "Out", "config": {
        "kafka": {"bootstrapServers": ["localhost:9092"], "topic": "OUT"}}}
      """;

  /**
   * Runs the source, then the {@code middle} nodes in a chain (in the order of {@code middleIds}),
   * then the destination, on the {@code orders} written to the source's topic.
   */
  static FlowTestResult run(String middle, List<String> middleIds, String... orders)
      throws Exception {
    List<String> ids = new java.util.ArrayList<>();
    ids.add("orders");
    ids.addAll(middleIds);
    ids.add("out");
    List<String> edges = new java.util.ArrayList<>();
    for (int i = 1; i < ids.size(); i++) {
      edges.add("{\"from\": \"" + ids.get(i - 1) + "\", \"to\": \"" + ids.get(i) + "\"}");
    }
    String flow =
        "{\"format\": \"eddy-flow\", \"version\": 2, \"name\": \"Nested\", \"nodes\": ["
            + SOURCE
            + ", "
            + middle
            + ", "
            + DESTINATION
            + "], \"edges\": ["
            + String.join(", ", edges)
            + "]}";
    return Flows.runner()
        .runLines(Flows.read(flow), Map.of("Orders", List.of(orders)), Optional.empty());
  }

  static String order(String id, String country, String items, String amount, String time) {
    return "{\"id\": \""
        + id
        + "\", \"customer\": {\"name\": \"Customer "
        + id
        + "\", \"country\": \""
        + country
        + "\"}, \"items\": ["
        + items
        + "], \"attributes\": {\"colour\": \"blue\"}, \"amount\": "
        + amount
        + ", \"ordertime\": \""
        + time
        + "\"}";
  }

  static String item(String sku, int qty, String price) {
    return "{\"sku\": \"" + sku + "\", \"qty\": " + qty + ", \"price\": " + price + "}";
  }

  /**
   * Filter {@code customer.country = 'DE' AND CARDINALITY(items) >= 2}, then a transform adding
   * {@code country} (from the ROW), {@code firstSku} ({@code items[1].sku}: arrays count from 1)
   * and {@code colour} (from the MAP), and removing the ROW {@code customer}.
   *
   * <pre>
   * n1 DE, 2 items → kept: country DE, firstSku JE-01
   * n2 DE, 1 item  → dropped (array size 1)
   * n3 FR, 3 items → dropped (country)
   * n4 DE, 3 items → kept: firstSku SH-07
   * </pre>
   *
   * The array passes through as nested JSON with its DECIMAL prices exactly as written (19.99,
   * 24.50 keeps its scale of 2).
   */
  @Test
  void filterAndTransformReachInsideRowsArraysAndMaps() throws Exception {
    String middle =
        """
        {"id": "de", "type": "filter", "name": "German multi-item orders", "config": {
          "expression": "customer.country = 'DE' AND CARDINALITY(items) >= 2"}},
        {"id": "t", "type": "transform", "name": "Flatten", "config": {
          "properties": [{"name": "country", "expression": "customer.country"},
                         {"name": "firstSku", "expression": "items[1].sku"},
                         {"name": "colour", "expression": "attributes['colour']"}],
          "output": {"remove": ["customer", "attributes"]}}}
        """;
    FlowTestResult result =
        run(
            middle,
            List.of("de", "t"),
            order(
                "n1",
                "DE",
                item("JE-01", 2, "19.99") + ", " + item("SH-07", 1, "24.50"),
                "64.48",
                "2024-03-04 09:00:00.000"),
            order("n2", "DE", item("JE-01", 1, "19.99"), "19.99", "2024-03-04 09:01:00"),
            order(
                "n3",
                "FR",
                item("A", 1, "1.00") + ", " + item("B", 1, "1.00") + ", " + item("C", 1, "1.00"),
                "3.00",
                "2024-03-04 09:02:00"),
            order(
                "n4",
                "DE",
                item("SH-07", 1, "24.50")
                    + ", "
                    + item("JE-01", 1, "19.99")
                    + ", "
                    + item("CA-02", 3, "5.00"),
                "59.49",
                "2024-03-04 09:03:00"));
    assertThat(result.jsonLines())
        .isEqualTo(
            "{\"id\":\"n1\",\"items\":[{\"sku\":\"JE-01\",\"qty\":2,\"price\":19.99},"
                + "{\"sku\":\"SH-07\",\"qty\":1,\"price\":24.50}],\"amount\":64.48,"
                + "\"ordertime\":\"2024-03-04 09:00:00.000\",\"country\":\"DE\","
                + "\"firstSku\":\"JE-01\",\"colour\":\"blue\"}\n"
                + "{\"id\":\"n4\",\"items\":[{\"sku\":\"SH-07\",\"qty\":1,\"price\":24.50},"
                + "{\"sku\":\"JE-01\",\"qty\":1,\"price\":19.99},{\"sku\":\"CA-02\",\"qty\":3,"
                + "\"price\":5.00}],\"amount\":59.49,\"ordertime\":\"2024-03-04 09:03:00.000\","
                + "\"country\":\"DE\",\"firstSku\":\"SH-07\",\"colour\":\"blue\"}\n");
  }

  /**
   * SUM of a DECIMAL(10, 2) per hour is exact to the cent: 0.10 + 0.20 + 19.99 = 20.29 in the 09:00
   * window (as DOUBLEs 0.1 + 0.2 alone is already 0.30000000000000004), 0.01 + 0.02 = 0.03 in the
   * 10:00 window, and 1.00 in the 11:00 window (closed when the bounded test run ends). The sum is
   * a DECIMAL(38, 2), so it keeps two digits after the point.
   */
  @Test
  void decimalSumsAreExactToTheCent() throws Exception {
    String middle =
        """
        {"id": "a", "type": "aggregate", "name": "Hourly revenue", "config": {
          "window": {"timeProperty": "ordertime", "size": {"value": 1, "unit": "HOUR"}},
          "aggregates": [{"function": "SUM", "property": "amount", "as": "revenue"}]}}
        """;
    FlowTestResult result =
        run(
            middle,
            List.of("a"),
            order("d1", "DE", item("A", 1, "0.10"), "0.10", "2024-03-04 09:00:00"),
            order("d2", "DE", item("A", 1, "0.20"), "0.20", "2024-03-04 09:10:00"),
            order("d3", "DE", item("A", 1, "19.99"), "19.99", "2024-03-04 09:20:00"),
            order("d4", "DE", item("A", 1, "0.01"), "0.01", "2024-03-04 10:00:00"),
            order("d5", "DE", item("A", 1, "0.02"), "0.02", "2024-03-04 10:30:00"),
            order("d6", "DE", item("A", 1, "1.00"), "1.00", "2024-03-04 11:00:00"));
    assertThat(result.jsonLines())
        .isEqualTo(
            "{\"revenue\":20.29,\"aggregateStartTime\":\"2024-03-04 09:00:00.000\","
                + "\"aggregateEndTime\":\"2024-03-04 10:00:00.000\","
                + "\"aggregateResultTime\":\"2024-03-04 09:59:59.999\"}\n"
                + "{\"revenue\":0.03,\"aggregateStartTime\":\"2024-03-04 10:00:00.000\","
                + "\"aggregateEndTime\":\"2024-03-04 11:00:00.000\","
                + "\"aggregateResultTime\":\"2024-03-04 10:59:59.999\"}\n"
                + "{\"revenue\":1.00,\"aggregateStartTime\":\"2024-03-04 11:00:00.000\","
                + "\"aggregateEndTime\":\"2024-03-04 12:00:00.000\","
                + "\"aggregateResultTime\":\"2024-03-04 11:59:59.999\"}\n");
  }

  /**
   * Unpack array, then a tumbling hourly aggregate per item field: unpack {@code items} as {@code
   * item} with its position, a transform taking {@code item.sku} and {@code item.price * item.qty},
   * then per sku SUM of the line totals, COUNT of lines and MAX of the position.
   *
   * <pre>
   * u1 09:00 [JE-01 2 × 19.99, SH-07 1 × 24.50] → JE-01 39.98 (position 1), SH-07 24.50 (position 2)
   * u2 09:20 [JE-01 1 × 19.99]                  → JE-01 19.99 (position 1)
   * u3 09:40 []                                 → nothing (an empty array produces no event)
   * u4 10:10 [SH-07 3 × 24.50]                  → SH-07 73.50 (position 1); its event time passes
   *                                               10:00 and closes the 09:00 window
   * 09:00–10:00: JE-01 39.98 + 19.99 = 59.97, 2 lines, max position 1; SH-07 24.50, 1 line, 2
   * 10:00–11:00: SH-07 73.50, 1 line, 1 (closed by the end of the bounded run)
   * </pre>
   *
   * The event time survives the unpacking (the window follows it), and the sums are exact DECIMALs.
   */
  @Test
  void unpackArrayThenATumblingAggregatePerItemField() throws Exception {
    String middle =
        """
        {"id": "u", "type": "unpackArray", "name": "Item lines", "config": {
          "array": "items", "as": "item", "index": "position"}},
        {"id": "t", "type": "transform", "name": "Line totals", "config": {
          "properties": [{"name": "sku", "expression": "item.sku"},
                         {"name": "lineTotal", "expression": "item.price * item.qty"}]}},
        {"id": "a", "type": "aggregate", "name": "Revenue per sku", "config": {
          "window": {"timeProperty": "ordertime", "size": {"value": 1, "unit": "HOUR"}},
          "groupBy": ["sku"],
          "aggregates": [{"function": "SUM", "property": "lineTotal", "as": "revenue"},
                         {"function": "COUNT", "as": "lines"},
                         {"function": "MAX", "property": "position", "as": "maxPosition"}]}}
        """;
    FlowTestResult result =
        run(
            middle,
            List.of("u", "t", "a"),
            order(
                "u1",
                "DE",
                item("JE-01", 2, "19.99") + ", " + item("SH-07", 1, "24.50"),
                "64.48",
                "2024-03-04 09:00:00"),
            order("u2", "DE", item("JE-01", 1, "19.99"), "19.99", "2024-03-04 09:20:00"),
            order("u3", "DE", "", "0.00", "2024-03-04 09:40:00"),
            order("u4", "FR", item("SH-07", 3, "24.50"), "73.50", "2024-03-04 10:10:00"));
    String w9 =
        ", \"aggregateStartTime\": \"2024-03-04 09:00:00.000\","
            + " \"aggregateEndTime\": \"2024-03-04 10:00:00.000\","
            + " \"aggregateResultTime\": \"2024-03-04 09:59:59.999\"}";
    String w10 =
        ", \"aggregateStartTime\": \"2024-03-04 10:00:00.000\","
            + " \"aggregateEndTime\": \"2024-03-04 11:00:00.000\","
            + " \"aggregateResultTime\": \"2024-03-04 10:59:59.999\"}";
    Flows.assertOutput(
        result,
        Flows.events(
            "{\"sku\": \"JE-01\", \"revenue\": 59.97, \"lines\": 2, \"maxPosition\": 1" + w9,
            "{\"sku\": \"SH-07\", \"revenue\": 24.50, \"lines\": 1, \"maxPosition\": 2" + w9,
            "{\"sku\": \"SH-07\", \"revenue\": 73.50, \"lines\": 1, \"maxPosition\": 1" + w10));
    assertThat(result.jsonLines()).contains("\"revenue\":59.97").contains("\"revenue\":24.50");
  }
}
