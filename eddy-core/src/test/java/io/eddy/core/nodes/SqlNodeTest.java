package io.eddy.core.nodes;

import static io.eddy.core.FlowBuilder.jsonString;
import static io.eddy.core.FlowBuilder.outputOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.eddy.core.FlowBuilder;
import io.eddy.core.TestFlows;
import io.eddy.core.analysis.NodeReport;
import io.eddy.core.analysis.NodeStatus;
import io.eddy.core.analysis.Problem;
import io.eddy.core.compile.CompileOptions;
import io.eddy.core.model.Flow;
import org.junit.jupiter.api.Test;

class SqlNodeTest {
  static final String HOURLY =
      """
      SELECT window_start AS hourStart, window_time AS resultTime, region,
        COUNT(*) AS orders, SUM(price * quantity) AS revenue
      FROM TABLE(TUMBLE(TABLE `Orders`, DESCRIPTOR(ordertime), INTERVAL '1' HOUR))
      GROUP BY window_start, window_end, window_time, region""";

  static FlowBuilder flow(String statement) {
    return FlowBuilder.withOrders()
        .node("s", "sql", "S", "{'statement': " + jsonString(statement) + "}")
        .edge("orders", "s");
  }

  static NodeReport report(String statement) {
    return flow(statement).report("s");
  }

  static String problem(String statement) {
    NodeReport r = report(statement);
    assertThat(r.status()).as(statement).isEqualTo(NodeStatus.ERROR);
    assertThat(r.problems()).extracting(Problem::field).containsOnly("statement");
    return String.join("\n", r.messages());
  }

  @Test
  void the_output_is_what_flinks_planner_says_the_query_returns() {
    NodeReport r = report(HOURLY);
    assertThat(r.status()).as(String.join("\n", r.messages())).isEqualTo(NodeStatus.VALID);
    assertThat(outputOf(r))
        .containsExactly(
            "hourStart:TIMESTAMP",
            "resultTime:TIMESTAMP*",
            "region:STRING",
            "orders:BIGINT",
            "revenue:DOUBLE");
  }

  @Test
  void results_that_flink_plans_as_updates_cannot_go_on_to_a_destination_or_another_node() {
    String perRegion = "SELECT region, COUNT(*) AS orders FROM `Orders` GROUP BY region";
    NodeReport alone = report(perRegion);
    assertThat(alone.status()).as(String.join("\n", alone.messages())).isEqualTo(NodeStatus.VALID);

    NodeReport published = flow(perRegion).publish("s").report("s");
    assertThat(published.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(published.problems())
        .extracting(Problem::field, Problem::code)
        .containsExactly(tuple("statement", "output.updates"));
    assertThat(published.messages())
        .containsExactly(
            "`Out` cannot follow: Flink plans these results as updates of earlier results (e.g. a"
                + " count per key that changes with each event, from a GROUP BY without a time"
                + " window), not as new events, and a Kafka destination only appends events. Group"
                + " per time window (TUMBLE, HOP or CUMULATE) to get one event per window.");

    NodeReport filtered =
        flow(perRegion)
            .node("f", "filter", "F", "{'expression': 'orders > 1'}")
            .edge("s", "f")
            .report("s");
    assertThat(filtered.messages()).singleElement().asString().contains("and it takes events.");

    // The same count per hour is appended once the hour closes: a destination may follow.
    NodeReport hourly = flow(HOURLY).publish("s").report("s");
    assertThat(hourly.status())
        .as(String.join("\n", hourly.messages()))
        .isEqualTo(NodeStatus.VALID);
  }

  @Test
  void a_plain_projection_keeps_the_event_time_and_casts_what_a_property_cannot_be() {
    NodeReport r =
        report(
            "SELECT id, CAST(quantity AS SMALLINT) AS q, ordertime FROM `Orders` WHERE price > 10");
    assertThat(r.status()).as(String.join("\n", r.messages())).isEqualTo(NodeStatus.VALID);
    assertThat(outputOf(r)).containsExactly("id:STRING", "q:INTEGER", "ordertime:TIMESTAMP*");
  }

  @Test
  void flinks_message_is_shown_at_the_statement_with_its_position() {
    assertThat(problem("SELECT id,\nFROM `Orders`"))
        .isEqualTo(
            "The query is not valid: Incorrect syntax near the keyword 'FROM' at line 2, column 1.");
    assertThat(problem("SELECT nope FROM `Orders`"))
        .isEqualTo(
            "The query is not valid: At line 1, column 8: Column 'nope' not found in any table.");
    assertThat(problem("SELECT * FROM `Shipments`"))
        .isEqualTo("The query is not valid: At line 1, column 15: Object 'Shipments' not found.");
  }

  @Test
  void unconfigured_until_a_query_is_written() {
    NodeReport r = report("  ");
    assertThat(r.status()).isEqualTo(NodeStatus.UNCONFIGURED);
    assertThat(r.problems()).extracting(Problem::field).containsExactly("statement");
  }

  @Test
  void columns_need_names_and_must_not_use_reserved_ones() {
    assertThat(problem("SELECT price * quantity FROM `Orders`"))
        .isEqualTo("Column 1 of the query has no name (Flink calls it EXPR$0): name it with AS.");
    assertThat(
            problem(
                "SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE `Orders`,"
                    + " DESCRIPTOR(ordertime), INTERVAL '1' HOUR)) GROUP BY window_start, window_end"))
        .isEqualTo(
            "Column `window_start` of the query has a reserved name (Flink uses window_start,"
                + " window_end and window_time): rename it with AS, e.g. window_start AS"
                + " windowStart.");
    assertThat(problem("SELECT id, region AS id FROM `Orders`"))
        .isEqualTo("The query is not valid: Column 'id' is ambiguous.");
  }

  /**
   * Hostile queries are refused before or by the planner, like hostile expressions: nothing but one
   * query over the inputs reaches the script.
   */
  @Test
  void anything_but_one_query_over_the_inputs_is_refused() {
    assertThat(problem("SELECT * FROM `Orders`; DROP TEMPORARY VIEW `Orders`"))
        .contains("semicolon");
    assertThat(problem("SELECT * FROM `Orders`;")).contains("semicolon");
    assertThat(problem("SELECT * FROM `Orders` // '\n")).contains("// comment");
    assertThat(
            problem(
                "SELECT * FROM `Orders` /*+ OPTIONS('properties.bootstrap.servers' = 'evil:9092')"
                    + " */"))
        .contains("hint");
    assertThat(problem("SELECT id FROM `Orders`) AS a, (SELECT id FROM `Orders`"))
        .startsWith("The query is not valid: ");
    assertThat(problem("INSERT INTO `Orders` SELECT * FROM `Orders`"))
        .startsWith("The query is not valid: ");
    assertThat(problem("CREATE TABLE t (a INT) WITH ('connector' = 'datagen')"))
        .startsWith("The query is not valid: ");
    assertThat(problem("SELECT * FROM `Orders (Kafka topic)`"))
        .contains("Object 'Orders (Kafka topic)' not found");
    assertThat(problem("SELECT 'it''s' AS a FROM `Orders` WHERE region = 'x"))
        .contains("not closed");
    assertThat(problem("SELECT * FROM `Orders` /* open")).contains("not closed");
  }

  @Test
  void a_semicolon_or_comment_marker_inside_a_text_is_only_text() {
    NodeReport r =
        report(
            "SELECT id, 'a;b // c -- d' AS note FROM `Orders` -- the orders\nWHERE region = 'EMEA'");
    assertThat(r.status()).as(String.join("\n", r.messages())).isEqualTo(NodeStatus.VALID);
  }

  @Test
  void exports_as_a_view_selecting_the_planned_columns_from_the_query() throws Exception {
    Flow flow =
        flow("SELECT id, CAST(quantity AS SMALLINT) AS q FROM `Orders` -- comment at the end")
            .publish("s")
            .build();
    String sql = TestFlows.COMPILER.compile(flow, CompileOptions.export()).script();
    assertThat(sql)
        .contains(
            "CREATE TEMPORARY VIEW `S` AS\n"
                + "SELECT\n"
                + "  `id` AS `id`,\n"
                + "  CAST(`q` AS INT) AS `q`\n"
                + "FROM (\n"
                + "SELECT id, CAST(quantity AS SMALLINT) AS q FROM `Orders` -- comment at the end\n"
                + ");");
  }

  /** SPEC §2c: one or more inputs, each named by its node name in the query. */
  @Test
  void reads_several_inputs_by_node_name() throws Exception {
    FlowBuilder flow =
        FlowBuilder.withOrders()
            .node("web", "source", "Web", CombineNodeTest.WEB)
            .node(
                "s",
                "sql",
                "S",
                "{'statement': "
                    + jsonString(
                        "SELECT id, price, ordertime FROM `Orders` UNION ALL SELECT orderId AS id,"
                            + " CAST(price AS DOUBLE) AS price, placedat AS ordertime FROM `Web`")
                    + "}")
            .edge("orders", "s")
            .edge("web", "s");
    NodeReport r = flow.report("s");
    assertThat(r.status()).as(String.join("\n", r.messages())).isEqualTo(NodeStatus.VALID);
    assertThat(outputOf(r)).containsExactly("id:STRING", "price:DOUBLE", "ordertime:TIMESTAMP*");
    String sql =
        TestFlows.COMPILER.compile(flow.publish("s").build(), CompileOptions.export()).script();
    assertThat(sql).contains("FROM `Orders` UNION ALL SELECT orderId AS id,");
  }

  @Test
  void unconfigured_until_an_input_is_connected() {
    NodeReport r =
        FlowBuilder.flow().node("s", "sql", "S", "{'statement': 'SELECT 1 AS one'}").report("s");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages()).contains("Connect an input.");
  }
}
