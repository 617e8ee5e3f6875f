package io.eddy.core.nodes;

import static io.eddy.core.FlowBuilder.outputOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.eddy.core.FlowBuilder;
import io.eddy.core.TestFlows;
import io.eddy.core.analysis.NodeReport;
import io.eddy.core.analysis.NodeStatus;
import io.eddy.core.analysis.Problem;
import io.eddy.core.compile.CompileOptions;
import io.eddy.core.compile.ExportRulesException;
import io.eddy.core.compile.StartupMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemporalEnrichmentNodeTest {
  /** A changelog of customer tiers keyed by customer name, {@code changelog} replaced. */
  static String tiers(String changelog) {
    return """
        {'kafka': {'bootstrapServers': ['localhost:9092'], 'topic': 'CUSTOMER.TIERS'},
         'properties': [{'name': 'customer', 'type': 'STRING'}, {'name': 'tier', 'type': 'STRING'},
                        {'name': 'since', 'type': 'INTEGER'}, {'name': 'updatetime', 'type': 'TIMESTAMP'}],
         'eventTime': {'property': 'updatetime'}, 'changelog': CHANGELOG}"""
        .replace("CHANGELOG", changelog);
  }

  static final String TIERS = tiers("{'key': ['customer']}");

  static final String ENRICH =
      "{'match': [{'property': 'customer', 'column': 'customer'}], 'enrich': ['tier', 'updatetime'],"
          + " 'output': {'rename': {'updatetime': 'tierTime'}}}";

  static FlowBuilder flow(String tiers, String config) {
    return FlowBuilder.withOrders()
        .node("tiers", "source", "Tiers", tiers)
        .node("t", "temporalEnrichment", "With tier", config)
        .edge("orders", "t", "events")
        .edge("tiers", "t", "versions");
  }

  @Test
  void adds_the_versions_properties_and_keeps_the_events_event_time() {
    NodeReport r = flow(TIERS, ENRICH).report("t");
    assertThat(r.status()).as(String.join("\n", r.messages())).isEqualTo(NodeStatus.VALID);
    List<String> expected = new ArrayList<>(List.of(FlowBuilder.ORDERS_OUTPUT));
    // The versions' event time is a plain timestamp on the events.
    expected.addAll(List.of("tier:STRING", "tierTime:TIMESTAMP"));
    assertThat(outputOf(r)).containsExactlyElementsOf(expected);
  }

  @Test
  void compiles_to_an_event_time_temporal_join_on_an_upsert_kafka_table() throws Exception {
    String sql =
        TestFlows.COMPILER
            .compile(
                flow(TIERS, ENRICH).publish("t").build(),
                CompileOptions.export().withStartupMode(StartupMode.LATEST))
            .script();
    assertThat(sql)
        .contains("  `customer` STRING,\n")
        .contains(
            "  PRIMARY KEY (`customer`) NOT ENFORCED\n) WITH (\n  'connector' = 'upsert-kafka',")
        .contains(
            "  'key.format' = 'raw',\n"
                + "  'value.format' = 'json',\n"
                + "  'value.json.ignore-parse-errors' = 'true',\n"
                + "  'value.json.fail-on-missing-field' = 'false',\n"
                + "  'value.fields-include' = 'EXCEPT_KEY'\n")
        .contains(
            "FROM `Orders` AS `event`\n"
                + "LEFT JOIN `Tiers` FOR SYSTEM_TIME AS OF `event`.`ordertime` AS `row`\n"
                + "ON `event`.`customer` = `row`.`customer`")
        .contains("CAST(`row`.`updatetime` AS TIMESTAMP(3)) AS `tierTime`");
    // Events from now; the changelog still reads its whole topic (upsert-kafka has no startup
    // mode).
    assertThat(sql).containsOnlyOnce("'scan.startup.mode'");
  }

  @Test
  void a_changelog_source_may_only_feed_the_versions_port() {
    NodeReport r =
        FlowBuilder.withOrders()
            .node("tiers", "source", "Tiers", TIERS)
            .node("f", "filter", "High tiers", "{'expression': 'tier IS NOT NULL'}")
            .edge("tiers", "f")
            .report("tiers");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.problems())
        .extracting(Problem::field, Problem::message)
        .containsExactly(
            tuple(
                "changelog",
                "`High tiers` cannot take this changelog source: its messages are updates and"
                    + " deletions of a versioned table, not events. Connect it only to the versions"
                    + " port of a temporal enrichment, or read the topic as events (without"
                    + " changelog)."));
  }

  @Test
  void a_changelog_source_on_the_events_port_is_refused_at_the_source() {
    NodeReport r =
        FlowBuilder.withOrders()
            .node("tiers", "source", "Tiers", TIERS)
            .node("t", "temporalEnrichment", "With tier", ENRICH)
            .edge("tiers", "t", "events")
            .edge("orders", "t", "versions")
            .report("tiers");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.problems()).extracting(Problem::field).containsExactly("changelog");
  }

  @Test
  void an_unconnected_changelog_source_says_where_it_goes() {
    NodeReport r = FlowBuilder.flow().node("tiers", "source", "Tiers", TIERS).report("tiers");
    assertThat(r.status()).isEqualTo(NodeStatus.UNCONFIGURED);
    assertThat(r.problems())
        .extracting(Problem::field, Problem::message)
        .containsExactly(
            tuple(
                "changelog",
                "A changelog source is read as a versioned table: connect it to the versions port"
                    + " of a temporal enrichment."));
  }

  @Test
  void a_changelog_key_is_one_text_property_read_from_the_message_key() {
    assertThat(keyProblems("{'key': []}"))
        .containsExactly(
            tuple(
                "changelog.key",
                "Choose the changelog's key: the property the message key holds."));
    assertThat(keyProblems("{'key': ['customer', 'tier']}"))
        .containsExactly(
            tuple(
                "changelog.key",
                "A changelog key is one property (the message key read as text), not 2."));
    assertThat(keyProblems("{'key': ['nobody']}"))
        .containsExactly(
            tuple(
                "changelog.key",
                "The changelog key `nobody` is not one of the message properties."));
    assertThat(keyProblems("{'key': ['since']}"))
        .containsExactly(
            tuple(
                "changelog.key",
                "The changelog key `since` is INTEGER: it must be a STRING (the message key is"
                    + " read as text)."));
    NodeReport r =
        flow(
                TIERS.replace(
                    "'changelog'", "'metadata': [{'name': 'k', 'from': 'key'}], 'changelog'"),
                ENRICH)
            .report("tiers");
    assertThat(r.problems())
        .extracting(Problem::field, Problem::message)
        .containsExactly(
            tuple(
                "metadata[0].from",
                "A changelog source reads the message key as its key property `customer`: remove"
                    + " this metadata property."));
  }

  private static List<org.assertj.core.groups.Tuple> keyProblems(String changelog) {
    return flow(tiers(changelog), ENRICH).report("tiers").problems().stream()
        .map(p -> tuple(p.field(), p.message()))
        .toList();
  }

  @Test
  void the_versions_input_must_be_a_changelog() {
    NodeReport r =
        flow(TIERS.replace(", 'changelog': {'key': ['customer']}", ""), ENRICH).report("t");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages())
        .containsExactly(
            "The versions input `Tiers` is not a changelog: connect a source read as a changelog"
                + " (its Changelog setting) to the versions port.");
  }

  @Test
  void reports_each_wrong_setting_at_its_field() {
    NodeReport r =
        flow(
                TIERS,
                "{'match': [{'property': 'region', 'column': 'tier'},"
                    + " {'property': 'nobody', 'column': 'since'}], 'enrich': ['tier', 'colour']}")
            .report("t");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.problems())
        .extracting(Problem::field, Problem::message)
        .containsExactly(
            tuple("match", "Match: `nobody` is not a property of the input `Orders`."),
            tuple(
                "match",
                "Match the versions' key `customer` with an event property: a version is found by"
                    + " its key."),
            tuple("enrich", "Column `colour` to add is not a column of versions input `Tiers`."));
  }

  @Test
  void an_unconfigured_enrichment_says_what_to_set() {
    NodeReport r = flow(TIERS, "{'output': {}}").report("t");
    assertThat(r.status()).isEqualTo(NodeStatus.UNCONFIGURED);
    assertThat(r.problems()).extracting(Problem::field).containsExactly("match", "enrich");
  }

  @Test
  void the_results_of_a_changelog_source_cannot_be_shown() {
    assertThatThrownBy(
            () ->
                TestFlows.COMPILER.compile(
                    flow(TIERS, ENRICH).publish("t").build(),
                    CompileOptions.export()
                        .withTap(new CompileOptions.Tap("tiers", "results", "localhost:9092"))))
        .isInstanceOf(ExportRulesException.class)
        .hasMessageContaining("`Tiers` is a changelog source");
  }
}
