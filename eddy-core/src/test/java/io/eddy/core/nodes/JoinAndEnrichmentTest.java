package io.eddy.core.nodes;

import static io.eddy.core.FlowBuilder.outputOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.FlowBuilder;
import io.eddy.core.analysis.NodeReport;
import io.eddy.core.analysis.NodeStatus;
import org.junit.jupiter.api.Test;

class JoinAndEnrichmentTest {
  static final String CANCELLATIONS =
      """
      {'kafka': {'bootstrapServers': ['localhost:9092'], 'topic': 'CANCELLATIONS'},
       'properties': [{'name': 'id', 'type': 'STRING'}, {'name': 'orderid', 'type': 'STRING'},
                      {'name': 'canceltime', 'type': 'TIMESTAMP'}, {'name': 'reason', 'type': 'STRING'}],
       'eventTime': {'property': 'canceltime'}}""";

  static NodeReport join(String config) {
    return FlowBuilder.withOrders()
        .node("c", "source", "Cancellations", CANCELLATIONS)
        .node("j", "intervalJoin", "J", config)
        .edge("orders", "j", "left")
        .edge("c", "j", "right")
        .report("j");
  }

  static final String WINDOW =
      "'window': {'detect': {'input': 'Cancellations', 'property': 'canceltime'}, 'anchor': {'input': 'Orders', 'property': 'ordertime'},"
          + " 'start': {'value': 0, 'unit': 'MINUTE'}, 'end': {'value': 30, 'unit': 'MINUTE'}}";

  @Test
  void join_outputs_both_inputs_with_clashes_resolved() {
    NodeReport r =
        join(
            "{'condition': '`Orders`.`id` = `Cancellations`.`orderid`', "
                + WINDOW
                + ", 'output': {'remove': ['Cancellations.id'], 'rename': {'Cancellations.reason': 'cancelReason'}}}");
    assertThat(r.status()).as(String.join("\n", r.messages())).isEqualTo(NodeStatus.VALID);
    assertThat(outputOf(r))
        .containsExactly(
            "id:STRING",
            "customer:STRING",
            "price:DOUBLE",
            "quantity:INTEGER",
            "region:STRING",
            "ordertime:TIMESTAMP*",
            "orderid:STRING",
            "canceltime:TIMESTAMP*",
            "cancelReason:STRING");
  }

  @Test
  void a_name_in_both_inputs_must_be_renamed_or_removed() {
    NodeReport r =
        join("{'condition': '`Orders`.`id` = `Cancellations`.`orderid`', " + WINDOW + "}");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages())
        .containsExactly(
            "Output: more than one property is named `id` (`Orders.id`, `Cancellations.id`): rename or remove all but one in the output properties.");
  }

  @Test
  void join_reports_window_and_condition_problems() {
    NodeReport r =
        join(
            """
            {'condition': '`Orders`.`id` = `Shipments`.`orderid`',
             'window': {'detect': {'input': 'Cancellations', 'property': 'reason'}, 'anchor': {'input': 'Orders', 'property': 'ordertime'},
                        'start': {'value': 10, 'unit': 'MINUTE'}, 'end': {'value': -5, 'unit': 'MINUTE'}},
             'output': {'remove': ['Cancellations.id']}}""");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages())
        .containsExactly(
            "Join condition ``Orders`.`id` = `Shipments`.`orderid`` is not valid: Table 'Shipments' not found.",
            "The event to detect uses `reason`, which is not an event time of `Cancellations`.",
            "The window end (-5 minutes) must be later than its start (10 minutes).");
  }

  @Test
  void join_needs_both_ports() {
    NodeReport r =
        FlowBuilder.withOrders()
            .node("j", "intervalJoin", "J", "{'condition': 'true'}")
            .edge("orders", "j", "left")
            .report("j");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages()).containsExactly("Connect an input to port `right`.");
  }

  static final String CUSTOMERS =
      "'jdbc': {'url': 'jdbc:postgresql://localhost:5432/shop', 'username': 'u', 'password': 'p'}, 'table': 'customers',"
          + " 'columns': [{'name': 'id', 'type': 'STRING'}, {'name': 'country', 'type': 'STRING'}, {'name': 'vip', 'type': 'BOOLEAN'}]";

  static NodeReport enrich(String config) {
    return FlowBuilder.withOrders()
        .node("e", "databaseEnrichment", "E", config)
        .edge("orders", "e")
        .report("e");
  }

  @Test
  void enrichment_adds_the_chosen_columns() {
    NodeReport r =
        enrich(
            "{"
                + CUSTOMERS
                + ", 'match': [{'property': 'customer', 'column': 'id'}], 'enrich': ['country', 'vip']}");
    assertThat(r.status()).as(String.join("\n", r.messages())).isEqualTo(NodeStatus.VALID);
    assertThat(outputOf(r))
        .containsExactly(
            "id:STRING",
            "customer:STRING",
            "price:DOUBLE",
            "quantity:INTEGER",
            "region:STRING",
            "ordertime:TIMESTAMP*",
            "country:STRING",
            "vip:BOOLEAN");
  }

  @Test
  void enrichment_reports_wrong_matches_and_columns() {
    NodeReport r =
        enrich(
            "{"
                + CUSTOMERS
                + ", 'match': [{'property': 'price', 'column': 'id'}, {'property': 'nope', 'column': 'zip'}], 'enrich': ['city']}");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages())
        .containsExactly(
            "Match: property `price` is DOUBLE but column `id` is STRING: they cannot be compared.",
            "Match: `nope` is not a property of the input `Orders`.",
            "Match: `zip` is not a column of table `customers`.",
            "Column `city` to add is not a column of table `customers`.");
  }

  @Test
  void destination_outputs_what_it_receives() {
    NodeReport r =
        FlowBuilder.withOrders()
            .node(
                "d",
                "destination",
                "D",
                "{'kafka': {'bootstrapServers': ['localhost:9092'], 'topic': 'OUT'}}")
            .edge("orders", "d")
            .report("d");
    assertThat(r.status()).isEqualTo(NodeStatus.VALID);
    assertThat(outputOf(r)).contains("price:DOUBLE", "ordertime:TIMESTAMP");
  }
}
