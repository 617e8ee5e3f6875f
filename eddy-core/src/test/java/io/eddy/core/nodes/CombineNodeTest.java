package io.eddy.core.nodes;

import static io.eddy.core.FlowBuilder.outputOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.FlowBuilder;
import io.eddy.core.TestFlows;
import io.eddy.core.analysis.NodeReport;
import io.eddy.core.analysis.NodeStatus;
import io.eddy.core.compile.CompileOptions;
import org.junit.jupiter.api.Test;

/** Combine (SPEC §2c): several inputs, checks, output properties and SQL. */
class CombineNodeTest {
  /** Web shop orders: other names, a whole-number price, its own event time. */
  static final String WEB =
      """
      {'kafka': {'bootstrapServers': ['localhost:9092'], 'topic': 'WEBSHOP.ORDERS'},
       'properties': [{'name': 'orderId', 'type': 'STRING'}, {'name': 'customer', 'type': 'STRING'},
                      {'name': 'price', 'type': 'INTEGER'}, {'name': 'quantity', 'type': 'INTEGER'},
                      {'name': 'region', 'type': 'STRING'}, {'name': 'placedat', 'type': 'TIMESTAMP'},
                      {'name': 'note', 'type': 'STRING'}],
       'eventTime': {'property': 'placedat'}}
      """;

  static final String MAPPED =
      "{'inputs': [{'input': 'Orders'}, {'input': 'Web', 'map': {'id': 'orderId', 'ordertime':"
          + " 'placedat'}}]}";

  static FlowBuilder flow(String config) {
    return FlowBuilder.withOrders()
        .node("web", "source", "Web", WEB)
        .node("c", "combine", "C", config)
        .edge("orders", "c")
        .edge("web", "c");
  }

  @Test
  void outputs_the_first_inputs_properties_with_the_event_time_every_input_feeds() {
    NodeReport r = flow(MAPPED).report("c");
    assertThat(r.status()).as(String.join("\n", r.messages())).isEqualTo(NodeStatus.VALID);
    assertThat(outputOf(r)).containsExactly(FlowBuilder.ORDERS_OUTPUT);
  }

  @Test
  void the_event_time_is_a_plain_timestamp_when_one_input_feeds_it_something_else()
      throws Exception {
    // The web shop's event time is its Kafka message time: placedat is a plain timestamp.
    FlowBuilder flow =
        FlowBuilder.withOrders()
            .node(
                "web",
                "source",
                "Web",
                WEB.replace(
                    "'eventTime': {'property': 'placedat'}",
                    "'eventTime': {'kafkaTimestamp': 'kafkatime'}"))
            .node("c", "combine", "C", MAPPED)
            .edge("orders", "c")
            .edge("web", "c");
    NodeReport r = flow.report("c");
    assertThat(r.status()).as(String.join("\n", r.messages())).isEqualTo(NodeStatus.VALID);
    assertThat(outputOf(r)).contains("ordertime:TIMESTAMP").doesNotContain("ordertime:TIMESTAMP*");
    // The shop's event time becomes a plain timestamp, like the web shop's placedat.
    assertThat(TestFlows.COMPILER.compile(flow.build(), CompileOptions.export()).script())
        .contains("CAST(`ordertime` AS TIMESTAMP(3)) AS `ordertime`\nFROM `Orders`");
  }

  @Test
  void one_input_is_not_enough() {
    NodeReport r =
        FlowBuilder.withOrders()
            .node("c", "combine", "C", "{'inputs': [{'input': 'Orders'}]}")
            .edge("orders", "c")
            .report("c");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages()).containsExactly("Connect at least 2 inputs (1 is connected).");
  }

  /** Each of several inputs is checked: the one in error is named, the valid one is not. */
  @Test
  void an_input_in_error_is_named() {
    // The web shop's price has a type that does not exist: that source is in error.
    String broken =
        WEB.replace("{'name': 'price', 'type': 'INTEGER'}", "{'name': 'price', 'type': 'NUMBER'}");
    NodeReport r =
        FlowBuilder.withOrders()
            .node("web", "source", "Web", broken)
            .node("c", "combine", "C", MAPPED)
            .edge("orders", "c")
            .edge("web", "c")
            .report("c");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages())
        .containsExactly(
            "The input `Web` is in error: fix it first, then this node can be checked.");
  }

  @Test
  void without_inputs_listed_it_is_unconfigured() {
    NodeReport r = flow("{'inputs': []}").report("c");
    assertThat(r.status()).isEqualTo(NodeStatus.UNCONFIGURED);
    assertThat(r.messages())
        .containsExactly("List the inputs to combine: the output has the first one's properties.");
  }

  @Test
  void reports_inputs_not_connected_or_not_listed() {
    NodeReport r = flow("{'inputs': [{'input': 'Orders'}, {'input': 'Returns'}]}").report("c");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages())
        .containsExactly(
            "`Returns` is not connected to this combine: connect it or take it out of the inputs.",
            "The input `Web` is connected but not among the inputs to combine: add it.");
  }

  @Test
  void reports_every_missing_or_mismatched_property() {
    NodeReport r =
        flow("{'inputs': [{'input': 'Web'}, {'input': 'Orders', 'map': {'orderId': 'id',"
                + " 'placedat': 'ordertime', 'notes': 'customer'}}]}")
            .report("c");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages())
        .containsExactly(
            "`Orders`.`price` is DOUBLE, but `price` is INT: the types must match (an INTEGER"
                + " widens to BIGINT or DOUBLE).",
            "`Orders` has no property `note`: map one of its properties to it.",
            "The mapping of `Orders` names `notes`, which is not a property of the first input"
                + " `Web`.");
  }

  @Test
  void the_sql_is_a_union_all_of_one_select_per_input() throws Exception {
    String sql = TestFlows.COMPILER.compile(flow(MAPPED).build(), CompileOptions.export()).script();
    assertThat(sql)
        .contains(
            """
            CREATE TEMPORARY VIEW `C` AS
            SELECT
              `id`,
              `customer`,
              `price`,
              `quantity`,
              `region`,
              `ordertime`
            FROM `Orders`
            UNION ALL
            SELECT
              `orderId` AS `id`,
              `customer`,
              CAST(`price` AS DOUBLE) AS `price`,
              `quantity`,
              `region`,
              `placedat` AS `ordertime`
            FROM `Web`;""");
  }
}
