package io.eddy.core.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.core.FlowBuilder;
import io.eddy.core.TestFlows;
import io.eddy.core.analysis.NodeReport;
import io.eddy.core.analysis.NodeStatus;
import io.eddy.core.compile.CompileOptions;
import org.junit.jupiter.api.Test;

/**
 * Nested property types (SPEC §2b): ROW, ARRAY, MAP, DECIMAL and BYTES declared in a source,
 * carried through analysis as nested output, reached into by expressions that Flink's planner
 * checks, and written as Flink SQL types.
 */
class NestedPropertiesTest {
  static final String ORDERS =
      """
      {'kafka': {'bootstrapServers': ['localhost:9092'], 'topic': 'ONLINE.ORDERS'},
       'properties': [
         {'name': 'id', 'type': 'STRING'},
         {'name': 'customer', 'type': 'ROW', 'properties': [
            {'name': 'name', 'type': 'STRING'}, {'name': 'country', 'type': 'STRING'}]},
         {'name': 'items', 'type': 'ARRAY', 'items': {'type': 'ROW', 'properties': [
            {'name': 'sku', 'type': 'STRING'}, {'name': 'qty', 'type': 'INTEGER'},
            {'name': 'price', 'type': 'DECIMAL', 'precision': 10, 'scale': 2}]}},
         {'name': 'tags', 'type': 'ARRAY', 'items': {'type': 'STRING'}},
         {'name': 'attributes', 'type': 'MAP', 'values': {'type': 'STRING'}},
         {'name': 'payload', 'type': 'BYTES'},
         {'name': 'amount', 'type': 'DECIMAL', 'precision': 10, 'scale': 2},
         {'name': 'ordertime', 'type': 'TIMESTAMP', 'format': 'auto'}],
       'eventTime': {'property': 'ordertime'}}
      """;

  static FlowBuilder orders() {
    return FlowBuilder.flow().node("orders", "source", "Orders", ORDERS);
  }

  static NodeReport after(String type, String config) {
    return orders().node("n", type, "N", config).edge("orders", "n").report("n");
  }

  @Test
  void a_source_outputs_the_nested_structure_as_the_contract_writes_it() throws Exception {
    NodeReport r = orders().report("orders");
    assertThat(r.status()).as(String.join("\n", r.messages())).isEqualTo(NodeStatus.VALID);
    // Absent keys are left out; format (how a message writes a timestamp) is not part of the
    // events, so the output does not carry it.
    assertThat(new ObjectMapper().writeValueAsString(r.output()))
        .isEqualTo(
            "[{\"name\":\"id\",\"type\":\"STRING\"},"
                + "{\"name\":\"customer\",\"type\":\"ROW\",\"properties\":["
                + "{\"name\":\"name\",\"type\":\"STRING\"},{\"name\":\"country\",\"type\":\"STRING\"}]},"
                + "{\"name\":\"items\",\"type\":\"ARRAY\",\"items\":{\"type\":\"ROW\",\"properties\":["
                + "{\"name\":\"sku\",\"type\":\"STRING\"},{\"name\":\"qty\",\"type\":\"INTEGER\"},"
                + "{\"name\":\"price\",\"type\":\"DECIMAL\",\"precision\":10,\"scale\":2}]}},"
                + "{\"name\":\"tags\",\"type\":\"ARRAY\",\"items\":{\"type\":\"STRING\"}},"
                + "{\"name\":\"attributes\",\"type\":\"MAP\",\"values\":{\"type\":\"STRING\"}},"
                + "{\"name\":\"payload\",\"type\":\"BYTES\"},"
                + "{\"name\":\"amount\",\"type\":\"DECIMAL\",\"precision\":10,\"scale\":2},"
                + "{\"name\":\"ordertime\",\"type\":\"TIMESTAMP\",\"eventTime\":true}]");
  }

  @Test
  void a_filter_reaches_into_a_row_an_array_and_a_map() {
    NodeReport r =
        after(
            "filter",
            "{'expression': 'customer.country = \\u0027DE\\u0027 AND CARDINALITY(items) > 1"
                + " AND items[1].price > 10 AND attributes[\\u0027colour\\u0027] = \\u0027blue\\u0027'}");
    assertThat(r.status()).as(String.join("\n", r.messages())).isEqualTo(NodeStatus.VALID);
  }

  @Test
  void flinks_planner_refuses_a_field_that_does_not_exist() {
    NodeReport r = after("filter", "{'expression': 'customer.city = \\u0027Berlin\\u0027'}");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(String.join("\n", r.messages())).contains("city");
  }

  @Test
  void a_transform_gets_nested_types_from_flink() throws Exception {
    NodeReport r =
        after(
            "transform",
            """
            {'properties': [{'name': 'country', 'expression': 'customer.country'},
                            {'name': 'firstSku', 'expression': 'items[1].sku'},
                            {'name': 'firstPrice', 'expression': 'items[1].price'},
                            {'name': 'lines', 'expression': 'CARDINALITY(items)'},
                            {'name': 'colour', 'expression': 'attributes[\\u0027colour\\u0027]'},
                            {'name': 'firstItem', 'expression': 'items[1]'},
                            {'name': 'total', 'expression': 'amount * 2'}],
             'output': {'remove': ['customer', 'payload']}}""");
    assertThat(r.status()).as(String.join("\n", r.messages())).isEqualTo(NodeStatus.VALID);
    String json = new ObjectMapper().writeValueAsString(r.output());
    assertThat(json)
        .doesNotContain("\"customer\"")
        .doesNotContain("payload")
        .contains("{\"name\":\"country\",\"type\":\"STRING\"}")
        .contains("{\"name\":\"firstSku\",\"type\":\"STRING\"}")
        .contains("{\"name\":\"firstPrice\",\"type\":\"DECIMAL\",\"precision\":10,\"scale\":2}")
        .contains("{\"name\":\"lines\",\"type\":\"INTEGER\"}")
        .contains("{\"name\":\"colour\",\"type\":\"STRING\"}")
        .contains(
            "{\"name\":\"firstItem\",\"type\":\"ROW\",\"properties\":[{\"name\":\"sku\",\"type\":\"STRING\"},")
        // DECIMAL(10, 2) × 2 is Flink's DECIMAL(21, 2): kept exact.
        .contains("{\"name\":\"total\",\"type\":\"DECIMAL\",\"precision\":21,\"scale\":2}");
  }

  @Test
  void the_sql_declares_nested_flink_types() throws Exception {
    var flow =
        orders()
            .node(
                "out",
                "destination",
                "Out",
                "{'kafka': {'bootstrapServers': ['localhost:9092'], 'topic': 'OUT'}}")
            .edge("orders", "out")
            .build();
    String sql = TestFlows.COMPILER.compile(flow, CompileOptions.export()).script();
    assertThat(sql)
        .contains("`customer` ROW<`name` STRING, `country` STRING>,")
        .contains("`items` ARRAY<ROW<`sku` STRING, `qty` INT, `price` DECIMAL(10, 2)>>,")
        .contains("`tags` ARRAY<STRING>,")
        .contains("`attributes` MAP<STRING, STRING>,")
        .contains("`payload` BYTES,")
        .contains("`amount` DECIMAL(10, 2),")
        .contains("'json.encode.decimal-as-plain-number' = 'true'");
  }

  @Test
  void wrong_nested_declarations_are_reported_at_their_path() {
    NodeReport r =
        FlowBuilder.flow()
            .node(
                "s",
                "source",
                "S",
                """
                {'kafka': {'bootstrapServers': ['localhost:9092'], 'topic': 'T'},
                 'properties': [
                   {'name': 'c', 'type': 'ROW'},
                   {'name': 'l', 'type': 'ARRAY'},
                   {'name': 'm', 'type': 'MAP', 'values': {'type': 'NOPE'}},
                   {'name': 'r', 'type': 'ROW', 'properties': [{'name': 'x', 'type': 'STRING'}, {'name': 'X', 'type': 'INTEGER'}]},
                   {'name': 'd', 'type': 'DECIMAL'},
                   {'name': 'e', 'type': 'DECIMAL', 'precision': 4, 'scale': 5},
                   {'name': 'f', 'type': 'STRING', 'format': 'epochMillis'},
                   {'name': 'g', 'type': 'TIMESTAMP', 'format': 'pattern'},
                   {'name': 't', 'type': 'TIMESTAMP'}],
                 'eventTime': {'property': 't'}}""")
            .report("s");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.problems())
        .extracting(p -> p.field() + ": " + p.message())
        .containsExactly(
            "properties[0].properties: Property `c` is a ROW without properties: give it at least one.",
            "properties[1].items: Property `l` is an ARRAY: say the type of its elements (`items`).",
            "properties[2].values.type: Property `m{}` has type `NOPE`, which is not one of STRING,"
                + " BOOLEAN, INTEGER, BIGINT, FLOAT, DOUBLE, DECIMAL, DATE, TIME, TIMESTAMP,"
                + " TIMESTAMP_LTZ, BYTES, ROW, ARRAY, MAP.",
            "properties[3].properties[1].name: Property `X` is defined twice.",
            "properties[4].precision: Property `d` is a DECIMAL: its precision (the number of"
                + " digits) must be 1 to 38.",
            "properties[5].scale: Property `e` is a DECIMAL(4): its scale (digits after the point)"
                + " must be 0 to 4.",
            "properties[6].format: Property `f` is STRING: only timestamps have a format.",
            "properties[7].pattern: Property `g` is read with a pattern: give the pattern.");
  }

  @Test
  void unpack_array_outputs_the_element_and_its_position_and_keeps_the_event_time()
      throws Exception {
    NodeReport r = after("unpackArray", "{'array': 'items', 'as': 'item', 'index': 'itemNumber'}");
    assertThat(r.status()).as(String.join("\n", r.messages())).isEqualTo(NodeStatus.VALID);
    assertThat(FlowBuilder.outputOf(r))
        .containsExactly(
            "id:STRING",
            "customer:ROW",
            "tags:ARRAY",
            "attributes:MAP",
            "payload:BYTES",
            "amount:DECIMAL",
            "ordertime:TIMESTAMP*",
            "item:ROW",
            "itemNumber:INTEGER");
    assertThat(new ObjectMapper().writeValueAsString(r.output().get(7)))
        .isEqualTo(
            "{\"name\":\"item\",\"type\":\"ROW\",\"properties\":[{\"name\":\"sku\",\"type\":\"STRING\"},"
                + "{\"name\":\"qty\",\"type\":\"INTEGER\"},"
                + "{\"name\":\"price\",\"type\":\"DECIMAL\",\"precision\":10,\"scale\":2}]}");
    // The element's fields are there for the next node's expressions.
    NodeReport next =
        orders()
            .node("u", "unpackArray", "U", "{'array': 'tags', 'as': 'tag'}")
            .node(
                "f",
                "filter",
                "F",
                "{'expression': 'tag <> \\u0027sale\\u0027 AND customer.country = \\u0027DE\\u0027'}")
            .edge("orders", "u")
            .edge("u", "f")
            .report("f");
    assertThat(next.status()).as(String.join("\n", next.messages())).isEqualTo(NodeStatus.VALID);
  }

  @Test
  void unpack_array_refuses_what_is_not_an_array_and_clashing_names() {
    assertThat(after("unpackArray", "{'array': 'customer', 'as': 'c'}").messages())
        .containsExactly("`customer` is ROW, not an ARRAY: only an array can be unpacked.");
    assertThat(after("unpackArray", "{'array': 'items', 'as': 'id'}").messages())
        .containsExactly("The input already has a property `id`: choose another name.");
    assertThat(
            after("unpackArray", "{'array': 'items', 'as': 'items', 'index': 'ITEMS'}").messages())
        .containsExactly("The position and the element are both named `items`: rename one.");
    assertThat(after("unpackArray", "{'array': 'items'}").status())
        .isEqualTo(NodeStatus.UNCONFIGURED);
  }
}
