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

/** Detect pattern (SPEC §2c): checks, output properties (typed by Flink's planner) and SQL. */
class DetectPatternNodeTest {
  /** A cheap order, then two pricey ones, per region within 10 minutes. */
  static final String STEPS =
      "'steps': [{'name': 'cheap', 'condition': 'price < 10'}, {'name': 'pricey', 'condition':"
          + " 'price >= 100', 'times': {'min': 2, 'max': 2}}], 'within': {'value': 10, 'unit':"
          + " 'MINUTE'}";

  static FlowBuilder flow(String config) {
    return FlowBuilder.withOrders().node("p", "detectPattern", "P", config).edge("orders", "p");
  }

  static NodeReport report(String measures) {
    return flow("{'partitionBy': ['region'], " + STEPS + ", 'measures': " + measures + "}")
        .report("p");
  }

  @Test
  void outputs_the_partition_and_the_measures_as_flink_types_them() {
    NodeReport r =
        report(
            """
            [{'name': 'cheapAt', 'expression': 'FIRST(cheap.ordertime)'},
             {'name': 'lastPrice', 'expression': 'LAST(pricey.price)'},
             {'name': 'pricey', 'expression': 'COUNT(pricey.id)'},
             {'name': 'total', 'expression': 'SUM(pricey.quantity)'},
             {'name': 'customer', 'expression': 'pricey.customer'},
             {'name': 'matchedAt', 'expression': 'MATCH_ROWTIME()'}]""");
    assertThat(r.status()).as(String.join("\n", r.messages())).isEqualTo(NodeStatus.VALID);
    // Only MATCH_ROWTIME() stays an event time; FIRST(cheap.ordertime) is a plain timestamp.
    assertThat(outputOf(r))
        .containsExactly(
            "region:STRING",
            "cheapAt:TIMESTAMP",
            "lastPrice:DOUBLE",
            "pricey:BIGINT",
            "total:INTEGER",
            "customer:STRING",
            "matchedAt:TIMESTAMP*");
  }

  @Test
  void without_steps_partition_and_time_limit_it_is_unconfigured() {
    NodeReport r = flow("{'measures': []}").report("p");
    assertThat(r.status()).isEqualTo(NodeStatus.UNCONFIGURED);
    assertThat(r.problems())
        .extracting(Problem::field)
        .containsExactly("partitionBy", "steps", "within");
  }

  @Test
  void reports_every_problem_at_its_field() {
    NodeReport r =
        flow("""
                {'partitionBy': ['region', 'country', 'region', 'ordertime'],
                 'steps': [{'name': 'a', 'condition': 'price < 10', 'times': {'min': 0}},
                           {'name': 'A', 'condition': 'price +', 'times': {'min': 3, 'max': 2}},
                           {'name': 'value', 'condition': 'price'},
                           {'name': 'two words', 'condition': 'nope > 1'},
                           {'name': '', 'condition': ''}],
                 'within': {'value': 0, 'unit': 'MINUTE'},
                 'measures': [{'name': 'region', 'expression': 'FIRST(a.price)'},
                              {'name': 'n', 'expression': 'COUNT(a.id)'},
                              {'name': 'N', 'expression': 'LAST(a.id);'},
                              {'name': 'window_end', 'expression': 'x'}]}""")
            .report("p");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.problems())
        .extracting(Problem::field, Problem::message)
        .containsExactlyInAnyOrder(
            tuple("partitionBy", "There is no property `country` in the input `Orders`."),
            tuple("partitionBy", "`region` is in Partition by twice: keep one."),
            tuple(
                "partitionBy",
                "`ordertime` is the event time, which orders the events: partition by another"
                    + " property."),
            tuple(
                "steps[0].times.min",
                "Step 1 must match at least once: set At least to 1 or more."),
            tuple("steps[1].name", "Two steps are named `A`: name them apart."),
            tuple(
                "steps[1].condition",
                "Condition of step `A` `price +` is not a valid expression: Flink cannot read it as"
                    + " one expression (Encountered \"+ <EOF>\" at column 7)."),
            tuple("steps[1].times.max", "Step 2: At most (2) is less than At least (3)."),
            tuple(
                "steps[2].name",
                "Step name `value` is a word Flink SQL reserves: choose another name."),
            tuple(
                "steps[2].condition",
                "Condition of step `value` `price` is DOUBLE, not a condition: it must be true or"
                    + " false (e.g. state = 'STARTED')."),
            tuple(
                "steps[3].name",
                "Step name `two words` must be one word of letters, digits and _ (not starting"
                    + " with a digit), since measures use it as in FIRST(step.property)."),
            tuple(
                "steps[3].condition",
                "Condition of step `two words` `nope > 1` is not valid: Column 'nope' not found in"
                    + " any table."),
            tuple("steps[4].name", "Name step 5."),
            tuple(
                "steps[4].condition",
                "Enter the condition of step 5, a boolean expression, e.g. state = 'STARTED'."),
            tuple("within", "The time limit must be greater than zero."),
            tuple(
                "measures[0].name",
                "Measure `region` has the name of a partition property, which the output already"
                    + " holds: rename the measure."),
            tuple("measures[2].name", "Two measures are named `N`: name them apart."),
            tuple(
                "measures[2].expression",
                "Measure `LAST(a.id);` is not a valid expression: Flink cannot read it as one"
                    + " expression (Encountered \";\" at column 11)."),
            tuple(
                "measures[3].name",
                "`window_end` is a reserved name (Flink uses window_start, window_end and"
                    + " window_time): rename the measure."));
  }

  @Test
  void an_input_without_event_time_is_refused() {
    NodeReport r =
        FlowBuilder.withOrders()
            .node("q", "sql", "Q", "{'statement': 'SELECT region, price FROM `Orders`'}")
            .edge("orders", "q")
            .node("p", "detectPattern", "P", "{'partitionBy': ['region'], " + STEPS + "}")
            .edge("q", "p")
            .report("p");
    assertThat(r.problems())
        .extracting(Problem::field, Problem::message)
        .containsExactly(
            tuple(
                null,
                "The input `Q` has no event time: patterns are looked for in event-time order, so"
                    + " the input must carry an event time (e.g. the source's)."));
  }

  @Test
  void a_measure_flink_refuses_gets_flinks_message_at_its_place() {
    NodeReport r =
        report(
            """
            [{'name': 'ok', 'expression': 'LAST(pricey.price)'},
             {'name': 'step', 'expression': 'FIRST(nope.ordertime)'},
             {'name': 'column', 'expression': 'cheap.price +\\n  pricey.nope'},
             {'name': 'all', 'expression': 'COUNT(pricey.*)'},
             {'name': 't1', 'expression': 'MATCH_ROWTIME()'},
             {'name': 't2', 'expression': 'match_rowtime( )'}]""");
    assertThat(r.problems())
        .extracting(Problem::field, Problem::message)
        .containsExactly(
            tuple(
                "measures[1].expression",
                "Measure `FIRST(nope.ordertime)` is not valid: At column 7: Table 'nope' not"
                    + " found."),
            tuple(
                "measures[2].expression",
                "Measure `cheap.price +\n  pricey.nope` is not valid: At line 2, column 10: Column"
                    + " 'nope' not found in table 'pricey'."),
            tuple(
                "measures[3].expression",
                "Measure `COUNT(pricey.*)` is not valid: Unknown field '*'. Flink cannot count"
                    + " step.*: count a property the step's events always have, e.g."
                    + " COUNT(step.ts)."));
    NodeReport twice =
        report(
            "[{'name': 't1', 'expression': 'MATCH_ROWTIME()'}, {'name': 't2', 'expression':"
                + " 'match_rowtime( )'}]");
    assertThat(twice.problems())
        .extracting(Problem::field, Problem::message)
        .containsExactly(
            tuple(
                "measures[1].expression",
                "Only one measure can be the event time (MATCH_ROWTIME()): `t2` is a second"
                    + " one."));
  }

  @Test
  void the_sql_is_match_recognize_with_a_reluctant_range_on_the_last_step() throws Exception {
    String script =
        TestFlows.COMPILER
            .compile(
                flow("""
                    {'partitionBy': ['region'],
                     'steps': [{'name': 'cheap', 'condition': 'price < 10', 'times': {'min': 1}},
                               {'name': 'pricey', 'condition': 'price >= 100',
                                'times': {'min': 2, 'max': 3}}],
                     'within': {'value': 10, 'unit': 'MINUTE'},
                     'measures': [{'name': 'cheapAt', 'expression': 'FIRST(cheap.ordertime)'},
                                  {'name': 'pricey', 'expression': 'COUNT(pricey.id)'}]}""")
                    .publish("p")
                    .build(),
                CompileOptions.export())
            .script();
    assertThat(script)
        .contains(
            """
            CREATE TEMPORARY VIEW `P` AS
            SELECT
              `region` AS `region`,
              CAST(`cheapAt` AS TIMESTAMP(3)) AS `cheapAt`,
              `pricey` AS `pricey`
            FROM (
            SELECT *
            FROM `Orders`
            MATCH_RECOGNIZE (
              PARTITION BY `region` ORDER BY `ordertime`
              MEASURES (
                FIRST(cheap.ordertime)
              ) AS `cheapAt`, (
                COUNT(pricey.id)
              ) AS `pricey`
              ONE ROW PER MATCH
              AFTER MATCH SKIP PAST LAST ROW
              PATTERN (`cheap`+ `pricey`{2,3}?) WITHIN INTERVAL '10' MINUTE(2)
              DEFINE
                `cheap` AS (
                  price < 10
                ),
                `pricey` AS (
                  price >= 100
                )
            )
            );""");
  }

  @Test
  void a_not_followed_by_step_keeps_the_output_and_is_checked_like_a_step() {
    NodeReport ok =
        flow("{'partitionBy': ['region'], "
                + STEPS
                + ", 'notFollowedBy': {'name': 'cancelled', 'condition': 'quantity = 0'},"
                + " 'measures': [{'name': 'matchedAt', 'expression': 'MATCH_ROWTIME()'}]}")
            .report("p");
    assertThat(ok.status()).as(String.join("\n", ok.messages())).isEqualTo(NodeStatus.VALID);
    assertThat(outputOf(ok)).containsExactly("region:STRING", "matchedAt:TIMESTAMP*");

    NodeReport r =
        flow("{'partitionBy': ['region'], "
                + STEPS
                + ", 'notFollowedBy': {'name': 'Pricey', 'condition': 'nope = 1'}}")
            .report("p");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.problems())
        .extracting(Problem::field, Problem::message)
        .containsExactlyInAnyOrder(
            tuple("notFollowedBy.name", "Two steps are named `Pricey`: name them apart."),
            tuple(
                "notFollowedBy.condition",
                "Condition of `Pricey` `nope = 1` is not valid: Column 'nope' not found in any"
                    + " table."));

    NodeReport words =
        flow("{'partitionBy': ['region'], "
                + STEPS
                + ", 'notFollowedBy': {'name': 'value', 'condition': 'price'}}")
            .report("p");
    assertThat(words.problems())
        .extracting(Problem::field, Problem::message)
        .containsExactlyInAnyOrder(
            tuple(
                "notFollowedBy.name",
                "Step name `value` is a word Flink SQL reserves: choose another name."),
            tuple(
                "notFollowedBy.condition",
                "Condition of `value` `price` is DOUBLE, not a condition: it must be true or"
                    + " false (e.g. state = 'STARTED')."));

    NodeReport empty =
        flow("{'partitionBy': ['region'], " + STEPS + ", 'notFollowedBy': {}}").report("p");
    assertThat(empty.problems())
        .extracting(Problem::field, Problem::message)
        .containsExactlyInAnyOrder(
            tuple("notFollowedBy.name", "Name the step that must not happen, e.g. completed."),
            tuple(
                "notFollowedBy.condition",
                "Enter the condition of the step that must not happen, a boolean expression, e.g."
                    + " state = 'COMPLETED'."));
  }

  @Test
  void not_followed_by_is_an_interval_left_join_of_the_matches_keeping_those_without_one()
      throws Exception {
    String script =
        TestFlows.COMPILER
            .compile(
                flow("{'partitionBy': ['region'], "
                        + STEPS
                        + ", 'notFollowedBy': {'name': 'matched', 'condition': 'quantity = 0'},"
                        + " 'measures': [{'name': 'eddy_first_time', 'expression':"
                        + " 'LAST(pricey.price)'}]}")
                    .publish("p")
                    .build(),
                CompileOptions.export())
            .script();
    // The hidden columns avoid the measures' names; the matches' alias avoids the step's name.
    assertThat(script)
        .contains(
            """
            CREATE TEMPORARY VIEW `P` AS
            SELECT
              `matches`.`region` AS `region`,
              `matches`.`eddy_first_time` AS `eddy_first_time`
            FROM (
            SELECT
              `region` AS `region`,
              `eddy_first_time` AS `eddy_first_time`,
              `eddy_first_time_2`,
              `eddy_match_time`
            FROM (""",
            """
              ) AS `eddy_first_time`, (
                CAST(FIRST(`cheap`.`ordertime`) AS TIMESTAMP(3))
              ) AS `eddy_first_time_2`, (
                MATCH_ROWTIME()
              ) AS `eddy_match_time`
            """,
            """
            ) AS `matches`
            LEFT JOIN (
            SELECT `region`, `ordertime`, CAST(`ordertime` AS TIMESTAMP(3)) AS `eddy_time`, TRUE AS `eddy_found`
            FROM `Orders`
            WHERE (
              quantity = 0
            )
            ) AS `matched`
            ON `matches`.`region` IS NOT DISTINCT FROM `matched`.`region`
            AND `matched`.`ordertime` > `matches`.`eddy_match_time`
            AND `matched`.`ordertime` <= `matches`.`eddy_match_time` + INTERVAL '10' MINUTE(2)
            AND `matched`.`eddy_time` < `matches`.`eddy_first_time_2` + INTERVAL '10' MINUTE(2)
            WHERE `matched`.`eddy_found` IS NULL;""");
  }

  @Test
  void quantifiers() {
    assertThat(DetectPatternNode.quantifier(null, false)).isEmpty();
    assertThat(DetectPatternNode.quantifier(new DetectPatternNode.Times(1, 1), true)).isEmpty();
    assertThat(DetectPatternNode.quantifier(new DetectPatternNode.Times(2, 2), true))
        .isEqualTo("{2}");
    assertThat(DetectPatternNode.quantifier(new DetectPatternNode.Times(null, null), false))
        .isEqualTo("+");
    assertThat(DetectPatternNode.quantifier(new DetectPatternNode.Times(3, null), false))
        .isEqualTo("{3,}");
    assertThat(DetectPatternNode.quantifier(new DetectPatternNode.Times(1, null), true))
        .isEqualTo("+?");
  }
}
