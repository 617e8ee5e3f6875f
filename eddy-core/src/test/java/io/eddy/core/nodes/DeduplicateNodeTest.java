package io.eddy.core.nodes;

import static io.eddy.core.FlowBuilder.outputOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.eddy.core.FlowBuilder;
import io.eddy.core.TestFlows;
import io.eddy.core.analysis.NodeReport;
import io.eddy.core.analysis.NodeStatus;
import io.eddy.core.analysis.Problem;
import io.eddy.core.compile.CompileOptions;
import org.junit.jupiter.api.Test;

/** Deduplicate (SPEC §2c): checks, output properties and SQL. */
class DeduplicateNodeTest {
  static final String HOURLY =
      "'window': {'timeProperty': 'ordertime', 'size': {'value': 1, 'unit': 'HOUR'}}";

  static FlowBuilder flow(String config) {
    return FlowBuilder.withOrders().node("d", "deduplicate", "D", config).edge("orders", "d");
  }

  @Test
  void outputs_the_input_properties_with_the_event_time_kept() {
    NodeReport r = flow("{'key': ['id', 'region'], " + HOURLY + "}").report("d");
    assertThat(r.status()).as(String.join("\n", r.messages())).isEqualTo(NodeStatus.VALID);
    assertThat(outputOf(r)).containsExactly(FlowBuilder.ORDERS_OUTPUT);
  }

  @Test
  void without_a_key_it_is_unconfigured() {
    NodeReport r = flow("{'key': [], " + HOURLY + "}").report("d");
    assertThat(r.status()).isEqualTo(NodeStatus.UNCONFIGURED);
    assertThat(r.problems())
        .extracting(Problem::field, Problem::message)
        .containsExactly(
            tuple(
                "key",
                "Choose the key: the properties whose values identify duplicates, e.g. an id."));
  }

  @Test
  void reports_every_problem_at_its_field() {
    NodeReport r =
        flow("""
                {'key': ['id', 'country', 'id'], 'keep': 'latest',
                 'window': {'timeProperty': 'price', 'size': {'value': 0, 'unit': 'HOUR'},
                            'slide': {'value': 1, 'unit': 'MINUTE'}}}""")
            .report("d");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.problems())
        .extracting(Problem::field, Problem::message)
        .containsExactlyInAnyOrder(
            tuple("key", "There is no property `country` in the input `Orders`."),
            tuple("key", "`id` is in the key twice: keep one."),
            tuple(
                "window.timeProperty",
                "The window's time property `price` is not the event time of the input `Orders`"
                    + " (use `ordertime`)."),
            tuple("window.size", "The window duration must be greater than zero."),
            tuple(
                "window.slide",
                "A deduplicate window is a standard (tumbling) one: remove the rolling interval."),
            tuple("keep", "Keep must be `first` or `last`, not `latest`."));
  }

  @Test
  void a_nested_property_cannot_be_a_key() {
    NodeReport r =
        NestedPropertiesTest.after(
            "deduplicate",
            "{'key': ['customer'], 'window': {'timeProperty': 'ordertime', 'size': {'value': 1,"
                + " 'unit': 'HOUR'}}}");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages())
        .containsExactly(
            "`customer` is ROW: a key is made of plain values; use a property inside it (a"
                + " transform can take it out).");
  }

  @Test
  void the_sql_is_flinks_window_deduplication_ordered_by_event_time() throws Exception {
    String first =
        TestFlows.COMPILER
            .compile(flow("{'key': ['id'], " + HOURLY + "}").build(), CompileOptions.export())
            .script();
    assertThat(first)
        .contains(
            """
            CREATE TEMPORARY VIEW `D` AS
            SELECT
              `id`,
              `customer`,
              `price`,
              `quantity`,
              `region`,
              `ordertime`
            FROM (
              SELECT *, ROW_NUMBER() OVER (PARTITION BY `window_start`, `window_end`, `id` ORDER BY `ordertime` ASC) AS `eddy_row`
              FROM TABLE(TUMBLE(TABLE `Orders`, DESCRIPTOR(`ordertime`), INTERVAL '1' HOUR(2)))
            )
            WHERE `eddy_row` = 1;""");
    String last =
        TestFlows.COMPILER
            .compile(
                flow("{'key': ['id'], 'keep': 'last', " + HOURLY + "}").build(),
                CompileOptions.export())
            .script();
    assertThat(last).contains("ORDER BY `ordertime` DESC) AS `eddy_row`");
  }
}
