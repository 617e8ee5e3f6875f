package io.eddy.core.nodes;

import static io.eddy.core.FlowBuilder.outputOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.eddy.core.FlowBuilder;
import io.eddy.core.TestFlows;
import io.eddy.core.analysis.NodeReport;
import io.eddy.core.analysis.NodeStatus;
import io.eddy.core.analysis.Problem;
import io.eddy.core.compile.CompileOptions;
import org.junit.jupiter.api.Test;

class WindowJoinNodeTest {
  static final String PAYMENTS =
      """
      {'kafka': {'bootstrapServers': ['localhost:9092'], 'topic': 'PAYMENTS'},
       'properties': [{'name': 'id', 'type': 'STRING'}, {'name': 'orderid', 'type': 'STRING'},
                      {'name': 'amount', 'type': 'DOUBLE'}, {'name': 'paytime', 'type': 'TIMESTAMP'},
                      {'name': 'note', 'type': 'TIMESTAMP'}],
       'eventTime': {'property': 'paytime'}}""";

  static final String SIDES =
      "'left': {'input': 'Orders', 'timeProperty': 'ordertime'},"
          + " 'right': {'input': 'Payments', 'timeProperty': 'paytime'}";

  static FlowBuilder flow(String config) {
    return FlowBuilder.withOrders()
        .node("p", "source", "Payments", PAYMENTS)
        .node("j", "windowJoin", "J", config)
        .edge("orders", "j", "left")
        .edge("p", "j", "right");
  }

  static NodeReport join(String config) {
    return flow(config).report("j");
  }

  @Test
  void outputs_both_inputs_and_the_window_bounds() {
    NodeReport r =
        join(
            "{'join': 'LEFT', 'condition': '`Orders`.`id` = `Payments`.`orderid`',"
                + " 'window': {'size': {'value': 10, 'unit': 'MINUTE'}}, "
                + SIDES
                + ", 'output': {'remove': ['Payments.id', 'Payments.note'], 'rename': {'Payments.amount': 'paid'}}}");
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
            "paid:DOUBLE",
            "paytime:TIMESTAMP*",
            "windowStartTime:TIMESTAMP",
            "windowEndTime:TIMESTAMP");
  }

  @Test
  void one_node_on_both_ports_is_refused() {
    NodeReport r =
        FlowBuilder.withOrders()
            .node(
                "j",
                "windowJoin",
                "J",
                "{'condition': '`Orders`.`id` = `Orders`.`id`',"
                    + " 'window': {'size': {'value': 10, 'unit': 'MINUTE'}},"
                    + " 'left': {'input': 'Orders', 'timeProperty': 'ordertime'},"
                    + " 'right': {'input': 'Orders', 'timeProperty': 'ordertime'}}")
            .edge("orders", "j", "left")
            .edge("orders", "j", "right")
            .report("j");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages())
        .contains(
            "The left and the right input are the same node `Orders`: join two different inputs (a"
                + " transform in between gives one of them a new name).");
  }

  @Test
  void an_unconfigured_join_says_what_to_set() {
    NodeReport r = join("{'join': 'INNER', 'output': {'remove': ['Payments.id']}}");
    assertThat(r.status()).isEqualTo(NodeStatus.UNCONFIGURED);
    assertThat(r.problems().stream().map(Problem::field))
        .contains("condition", "window", "left.input", "right.input");
  }

  @Test
  void reports_each_wrong_setting_at_its_field() {
    NodeReport r =
        join(
            """
            {'join': 'OUTER', 'condition': '`Orders`.`price` + 1',
             'window': {'size': {'value': 10, 'unit': 'MINUTE'}, 'slide': {'value': 3, 'unit': 'MINUTE'}},
             'left': {'input': 'Payments', 'timeProperty': 'paytime'},
             'right': {'input': 'Payments', 'timeProperty': 'note'},
             'output': {'remove': ['Payments.id']}}""");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.problems())
        .extracting(Problem::field, Problem::message)
        .containsExactly(
            tuple("join", "Join type `OUTER` is not one of INNER, LEFT, RIGHT, FULL."),
            tuple(
                "condition",
                "Join condition ``Orders`.`price` + 1` is DOUBLE, not a condition: it must be true"
                    + " or false."),
            tuple(
                "window.size",
                "The window duration (10 minutes) must be a whole multiple of the rolling interval"
                    + " (3 minutes)."),
            tuple(
                "left.input",
                "The left input is `Orders` (connected to the left port), not `Payments`."),
            tuple(
                "right.timeProperty",
                "The right input's time property `note` is not the event time of `Payments` (use"
                    + " `paytime`)."));
  }

  @Test
  void compiles_to_a_flink_window_join_on_both_window_bounds() throws Exception {
    String sql =
        TestFlows.COMPILER
            .compile(
                flow("{'join': 'RIGHT', 'condition': '`Orders`.`id` = `Payments`.`orderid`',"
                        + " 'window': {'size': {'value': 1, 'unit': 'HOUR'}, 'slide': {'value': 30, 'unit': 'MINUTE'}}, "
                        + SIDES
                        + ", 'output': {'remove': ['Payments.id']}}")
                    .publish("j")
                    .build(),
                CompileOptions.export())
            .script();
    assertThat(sql)
        .contains(
            "FROM (SELECT * FROM TABLE(HOP(TABLE `Orders`, DESCRIPTOR(`ordertime`), INTERVAL '30'"
                + " MINUTE(2), INTERVAL '1' HOUR(2)))) AS `Orders`\n"
                + "RIGHT JOIN (SELECT * FROM TABLE(HOP(TABLE `Payments`, DESCRIPTOR(`paytime`),"
                + " INTERVAL '30' MINUTE(2), INTERVAL '1' HOUR(2)))) AS `Payments`\n"
                + "ON `Orders`.`window_start` = `Payments`.`window_start` AND `Orders`.`window_end` ="
                + " `Payments`.`window_end`\n"
                + "AND (\n  `Orders`.`id` = `Payments`.`orderid`\n)");
  }
}
