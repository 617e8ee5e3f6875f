package io.eddy.core.nodes;

import static io.eddy.core.FlowBuilder.outputOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.FlowBuilder;
import io.eddy.core.analysis.NodeReport;
import io.eddy.core.analysis.NodeStatus;
import org.junit.jupiter.api.Test;

/** Aggregate and top-n: windows over the input's event time. */
class WindowedNodesTest {

  static NodeReport aggregate(String config) {
    return FlowBuilder.withOrders()
        .node("a", "aggregate", "A", config)
        .edge("orders", "a")
        .report("a");
  }

  static NodeReport topN(String config) {
    return FlowBuilder.withOrders().node("t", "topN", "T", config).edge("orders", "t").report("t");
  }

  @Test
  void aggregate_outputs_groups_results_and_window_times() {
    NodeReport r =
        aggregate(
            """
            {'window': {'timeProperty': 'ordertime', 'size': {'value': 1, 'unit': 'HOUR'}},
             'aggregates': [{'function': 'COUNT'}, {'function': 'SUM', 'property': 'quantity'},
                            {'function': 'AVG', 'property': 'quantity', 'as': 'avgQty'},
                            {'function': 'MIN', 'property': 'price'}, {'function': 'max', 'property': 'region'}],
             'groupBy': ['region']}""");
    assertThat(r.status()).as(String.join("\n", r.messages())).isEqualTo(NodeStatus.VALID);
    assertThat(outputOf(r))
        .containsExactly(
            "region:STRING",
            "COUNT:BIGINT",
            "SUM_quantity:INTEGER",
            "avgQty:DOUBLE",
            "MIN_price:DOUBLE",
            "MAX_region:STRING",
            "aggregateStartTime:TIMESTAMP",
            "aggregateEndTime:TIMESTAMP",
            "aggregateResultTime:TIMESTAMP*");
  }

  @Test
  void aggregate_reports_every_problem_at_once() {
    NodeReport r =
        aggregate(
            """
            {'window': {'timeProperty': 'price', 'size': {'value': 1, 'unit': 'HOUR'}, 'slide': {'value': 7, 'unit': 'MINUTE'}},
             'aggregates': [{'function': 'SUM', 'property': 'region'}, {'function': 'MEDIAN', 'property': 'price'}],
             'groupBy': ['country']}""");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages())
        .containsExactly(
            "The window's time property `price` is not the event time of the input `Orders` (use `ordertime`).",
            "The window duration (1 hour) must be a whole multiple of the rolling interval (7 minutes).",
            "Group-by property `country` is not a property of the input `Orders`.",
            "SUM needs a number, but `region` is STRING.",
            "Aggregate function `MEDIAN` is not one of COUNT, SUM, AVG, MIN, MAX.");
  }

  @Test
  void aggregate_without_functions_is_unconfigured() {
    NodeReport r =
        aggregate(
            "{'window': {'timeProperty': 'ordertime', 'size': {'value': 1, 'unit': 'HOUR'}}}");
    assertThat(r.status()).isEqualTo(NodeStatus.UNCONFIGURED);
    assertThat(r.messages())
        .containsExactly("Add at least one aggregate function (COUNT, SUM, AVG, MIN or MAX).");
  }

  @Test
  void a_window_after_an_aggregate_uses_its_result_time() {
    NodeReport r =
        FlowBuilder.withOrders()
            .node(
                "a",
                "aggregate",
                "A",
                "{'window': {'timeProperty': 'ordertime', 'size': {'value': 1, 'unit': 'MINUTE'}}, 'aggregates': [{'function': 'COUNT', 'as': 'n'}]}")
            .node(
                "b",
                "aggregate",
                "B",
                "{'window': {'timeProperty': 'aggregateResultTime', 'size': {'value': 1, 'unit': 'HOUR'}}, 'aggregates': [{'function': 'SUM', 'property': 'n'}]}")
            .edge("orders", "a")
            .edge("a", "b")
            .report("b");
    assertThat(r.status()).as(String.join("\n", r.messages())).isEqualTo(NodeStatus.VALID);
    assertThat(outputOf(r)).contains("SUM_n:BIGINT");
  }

  @Test
  void top_n_outputs_input_properties_window_times_and_rank() {
    NodeReport r =
        topN(
            """
            {'window': {'timeProperty': 'ordertime', 'size': {'value': 1, 'unit': 'HOUR'}}, 'limit': 3,
             'orderBy': {'property': 'price', 'direction': 'DESC'}, 'groupBy': ['region'],
             'output': {'remove': ['customer'], 'rename': {'topN': 'rank'}}}""");
    assertThat(r.status()).as(String.join("\n", r.messages())).isEqualTo(NodeStatus.VALID);
    assertThat(outputOf(r))
        .containsExactly(
            "id:STRING",
            "price:DOUBLE",
            "quantity:INTEGER",
            "region:STRING",
            "ordertime:TIMESTAMP",
            "windowStartTime:TIMESTAMP",
            "windowEndTime:TIMESTAMP",
            "windowResultTime:TIMESTAMP*",
            "rank:BIGINT");
  }

  @Test
  void top_n_reports_missing_and_wrong_settings() {
    NodeReport r =
        topN(
            "{'window': {'timeProperty': 'ordertime', 'size': {'value': 0, 'unit': 'HOUR'}}, 'orderBy': {'property': 'cost', 'direction': 'UP'}}");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages())
        .containsExactly(
            "The window duration must be greater than zero.",
            "The ranking property `cost` is not a property of the input `Orders`.",
            "The ranking direction must be ASC or DESC, not `UP`.",
            "Set how many events to keep per window (the n of top-n).");
  }
}
