package io.eddy.core.nodes;

import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.Property;
import io.eddy.core.sql.Sql;
import java.util.List;

/**
 * Temporal enrichment: each event gets the chosen properties of the version of its key that was
 * valid at the event's time, from a changelog source (a versioned table) — Flink's event-time
 * temporal join, a left join, so an event whose key had no version then keeps nulls.
 */
public final class TemporalEnrichmentNode extends NodeType<TemporalEnrichmentNode.Config> {

  /** The temporal enrichment's config. */
  public record Config(List<Enrichment.Match> match, List<String> enrich, OutputConfig output) {}

  static final String EVENTS = "events";
  static final String VERSIONS = "versions";

  @Override
  public String type() {
    return "temporalEnrichment";
  }

  @Override
  public String label() {
    return "Temporal enrichment";
  }

  @Override
  public String group() {
    return "Enrichment";
  }

  @Override
  public String description() {
    return "Adds to each event the properties of its key's version valid at the event's time, from"
        + " a changelog topic.";
  }

  @Override
  public Class<Config> configClass() {
    return Config.class;
  }

  @Override
  public String color() {
    return "#8e6a00";
  }

  private static final List<Field> FIELDS =
      Field.config(
          Field.list(
                  "match",
                  "Match",
                  "Event properties equal to properties of the versions; the versions' key must be"
                      + " one of them.",
                  Field.object(
                      "criterion",
                      "Match criterion",
                      null,
                      Field.property("property", "Event property", null).asRequired(),
                      Field.string("column", "Versions property", null).asRequired()))
              .asRequired()
              .asCustom(),
          Field.list(
                  "enrich",
                  "Properties to add",
                  "Properties of the versions added to each event; null when its key had no"
                      + " version at the event's time.",
                  Field.string("column", "Property", null))
              .asRequired()
              .asCustom(),
          OutputConfig.FIELD);

  @Override
  public String documentation() {
    return """
        Two inputs: events on the `events` port, and on the `versions` port a changelog source (a source
        with `changelog`, read as a versioned table keyed by its key property). Example: `{"match":
        [{"property": "customerid", "column": "customerid"}], "enrich": ["tier"]}`. Each event gets the
        `enrich` properties of the version of its key valid at the event's time: the newest version whose
        event time is not after the event's (Flink's event-time temporal join, `FOR SYSTEM_TIME AS OF` the
        events' event time). An event whose key had no version then, or whose key's version was deleted
        (a tombstone), keeps its properties with nulls for the added ones. `match` must pair the
        versions' key with an event property. The output holds the events' properties, then the added
        ones; the events' event time stays the event time. An event comes out once the watermarks of
        both inputs have passed its time: a versions topic that receives nothing holds the events back
        (see docs/sql-export.md, "Temporal enrichment").
        """;
  }

  @Override
  public List<Field> fields() {
    return FIELDS;
  }

  @Override
  public List<String> inputPorts() {
    return List.of(EVENTS, VERSIONS);
  }

  @Override
  public List<String> changelogPorts() {
    return List.of(VERSIONS);
  }

  @Override
  public void analyse(Config config, NodeContext context, NodeAnalysis result) {
    NodeInput events = context.inputs().get(0);
    NodeInput versions = context.inputs().get(1);
    if (!versions.changelog()) {
      result.error(
          null,
          "temporal.versions-not-changelog",
          "The versions input `"
              + versions.nodeName()
              + "` is not a changelog: connect a source read as a changelog (its Changelog"
              + " setting) to the versions port.");
    }
    List<Property> eventTimes = events.properties().stream().filter(Property::eventTime).toList();
    if (eventTimes.isEmpty()) {
      result.error(
          null,
          "temporal.events-no-event-time",
          "The events input `"
              + events.nodeName()
              + "` has no event time: each event is enriched with the version valid at its event"
              + " time.");
    } else if (eventTimes.size() > 1) {
      result.error(
          null,
          "temporal.events-several-event-times",
          "The events input `"
              + events.nodeName()
              + "` has several event times ("
              + String.join(", ", eventTimes.stream().map(p -> "`" + p.name() + "`").toList())
              + "): remove all but one upstream, so that each event has one time to enrich it"
              + " at.");
    }
    result.columns(columns(config, events, versions, result));
  }

  private static List<OutputColumns.Column> columns(
      Config config, NodeInput events, NodeInput versions, NodeAnalysis result) {
    String rows = "versions input `" + versions.nodeName() + "`";
    List<Enrichment.Match> match = config.match() == null ? List.of() : config.match();
    Enrichment.checkMatch(match, events, versions.properties(), rows, result);
    for (String key : versions.changelogKey()) {
      boolean matched = match.stream().anyMatch(m -> m != null && key.equals(m.column()));
      if (!match.isEmpty() && !matched) {
        result.error(
            "match",
            "temporal.key-not-matched",
            "Match the versions' key `"
                + key
                + "` with an event property: a version is found by its key.");
      }
    }
    List<String> enrich = config.enrich() == null ? List.of() : config.enrich();
    List<OutputColumns.Column> columns =
        Enrichment.columns(events, enrich, versions.properties(), rows, result);
    return OutputColumns.apply(config.output(), columns, result);
  }

  @Override
  public NodeSql compile(Config config, CompileContext context) {
    var e = context.input(EVENTS);
    var v = context.input(VERSIONS);
    Property time = e.eventTime();
    return NodeSql.of(
        "CREATE TEMPORARY VIEW "
            + Sql.id(context.relation())
            + " AS\nSELECT\n"
            + OutputColumns.selectList(context.columns())
            + "\nFROM "
            + Sql.id(e.relation())
            + " AS `event`\nLEFT JOIN "
            + Sql.id(v.relation())
            + " FOR SYSTEM_TIME AS OF `event`."
            + Sql.id(time.name())
            + " AS `row`\nON "
            + Enrichment.condition(config.match()));
  }
}
