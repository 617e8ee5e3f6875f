package io.eddy.core.nodes;

import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.Duration;
import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import io.eddy.core.sql.Sql;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Window join: events of two inputs join when they fall in the same window of their event times
 * (tumbling, or hopping with a slide) and meet the condition — Flink's window join. Inner, left,
 * right or full; unmatched events of an outer side are emitted with nulls when their window closes.
 */
public final class WindowJoinNode extends NodeType<WindowJoinNode.Config> {

  /** The kinds of join, as Flink SQL writes them. */
  static final List<String> JOINS = List.of("INNER", "LEFT", "RIGHT", "FULL");

  /** The window join's config. */
  public record Config(
      String join, String condition, Window window, Side left, Side right, OutputConfig output) {}

  /** The windows: tumbling without {@code slide}, hopping (a new one every slide) with it. */
  public record Window(Duration size, Duration slide) {}

  /** An input (by node name) and the event time property that places its events in windows. */
  public record Side(String input, String timeProperty) {}

  @Override
  public String type() {
    return "windowJoin";
  }

  @Override
  public String label() {
    return "Window join";
  }

  @Override
  public String group() {
    return "Joins";
  }

  @Override
  public String description() {
    return "Joins events of two inputs that match a condition and fall in the same time window.";
  }

  @Override
  public Class<Config> configClass() {
    return Config.class;
  }

  @Override
  public String color() {
    return "#8a6800";
  }

  private static Field side(String name, String label, String port) {
    return Field.object(
            name,
            label,
            "The input on the " + port + " port and the event time that places its events.",
            Field.string("input", "Input", "The input node's name.").asRequired(),
            Field.property("timeProperty", "Event time property", "One of its event times.")
                .asRequired())
        .asRequired()
        .asCustom();
  }

  private static final List<Field> FIELDS =
      Field.config(
          Field.choice(
                  "join",
                  "Join type",
                  "INNER keeps matched pairs only; LEFT, RIGHT and FULL also keep the unmatched"
                      + " events of that side (or both), with nulls for the other side.",
                  JOINS.toArray(String[]::new))
              .withDefault("INNER"),
          Field.expression(
                  "condition",
                  "Join condition",
                  "A Flink SQL condition over both inputs, named by node name, e.g. `Orders`.`id` ="
                      + " `Payments`.`orderid`.")
              .asRequired()
              .asCustom(),
          Field.object(
                  "window",
                  "Time window",
                  "Tumbling without slide; hopping (a new window every slide) with it.",
                  Field.duration("size", "Duration", "How long each window lasts.").asRequired(),
                  Field.duration(
                      "slide",
                      "Rolling interval",
                      "A new window starts every slide; the duration must be a whole multiple of"
                          + " it."))
              .asRequired()
              .asCustom(),
          side("left", "Left input", "left"),
          side("right", "Right input", "right"),
          OutputConfig.FIELD);

  @Override
  public String documentation() {
    return """
        Inputs are named by node name; `left` is the input on the left port, `right` the one on the right
        port, each with the event time that places its events in windows. Two events join when they fall
        in the same window and meet the condition; with a `slide`, windows overlap and a pair in two
        windows joins twice. `LEFT`, `RIGHT` and `FULL` also emit the events of that side that found no
        partner in their window, with nulls for the other side's properties, when the window closes.
        The output holds both inputs' properties (named `Input.property` in `output`; a name present in
        both must be renamed or removed), then `windowStartTime` and `windowEndTime`. The inputs' event
        times are kept as event times.
        """;
  }

  @Override
  public List<Field> fields() {
    return FIELDS;
  }

  @Override
  public List<String> inputPorts() {
    return List.of("left", "right");
  }

  @Override
  public void analyse(Config config, NodeContext context, NodeAnalysis result) {
    NodeInput left = context.inputs().get(0);
    NodeInput right = context.inputs().get(1);
    if (config.join() != null && !JOINS.contains(config.join())) {
      result.error(
          "join",
          "join.type-invalid",
          "Join type `" + config.join() + "` is not one of " + String.join(", ", JOINS) + ".");
    }
    if (left.nodeId() != null && left.nodeId().equals(right.nodeId())) {
      result.error(
          "The left and the right input are the same node `"
              + left.nodeName()
              + "`: join two different inputs (a transform in between gives one of them a new"
              + " name).");
    }
    JoinInputs.checkCondition(config.condition(), left, right, context, result);
    if (config.window() == null) {
      result.missing(
          "window", "window.missing", "Set the time window: its duration, and a slide if rolling.");
    } else {
      WindowConfig.checkDurations(
          config.window().size(), config.window().slide(), "window", result);
    }
    side("left", config.left(), left, result);
    side("right", config.right(), right, result);
    result.columns(columns(config, left, right, result));
  }

  /** Checks one side against the input on its port. */
  private static void side(String port, Side side, NodeInput input, NodeAnalysis result) {
    if (side == null || side.input() == null || side.input().isBlank()) {
      result.missing(
          port + ".input",
          "join.side-missing",
          "Choose the " + port + " input (`" + input.nodeName() + "`) and its event time.");
      return;
    }
    if (!side.input().equals(input.nodeName())) {
      result.error(
          port + ".input",
          "join.side-not-on-port",
          "The "
              + port
              + " input is `"
              + input.nodeName()
              + "` (connected to the "
              + port
              + " port), not `"
              + side.input()
              + "`.");
      return;
    }
    if (side.timeProperty() == null || side.timeProperty().isBlank()) {
      result.missing(
          port + ".timeProperty",
          "window.time-missing",
          "Choose the event time of `" + input.nodeName() + "` that places its events in windows.");
      return;
    }
    Optional<Property> p = input.property(side.timeProperty());
    if (p.isEmpty()) {
      result.error(
          port + ".timeProperty",
          "window.time-unknown",
          "The "
              + port
              + " input's time property `"
              + side.timeProperty()
              + "` is not a property of `"
              + input.nodeName()
              + "`.");
    } else if (!p.get().eventTime()) {
      result.error(
          port + ".timeProperty",
          "window.time-not-event-time",
          "The "
              + port
              + " input's time property `"
              + side.timeProperty()
              + "` is not the event time of `"
              + input.nodeName()
              + "`"
              + WindowConfig.eventTimes(input)
              + ".");
    }
  }

  private static List<OutputColumns.Column> columns(
      Config config, NodeInput left, NodeInput right, NodeAnalysis result) {
    List<OutputColumns.Column> columns = JoinInputs.columns(left, right);
    String l = Sql.relation(left.nodeName());
    String r = Sql.relation(right.nodeName());
    for (String[] bound :
        new String[][] {{"windowStartTime", "window_start"}, {"windowEndTime", "window_end"}}) {
      // Under an outer join one side's window is null when it found no partner.
      columns.add(
          new OutputColumns.Column(
              bound[0],
              "COALESCE(" + Sql.id(l, bound[1]) + ", " + Sql.id(r, bound[1]) + ")",
              Property.of(bound[0], PropertyType.TIMESTAMP)));
    }
    return OutputColumns.apply(config.output(), columns, result);
  }

  @Override
  public NodeSql compile(Config config, CompileContext context) {
    var l = context.input("left");
    var r = context.input("right");
    String join = config.join() == null ? "INNER" : config.join().toUpperCase(Locale.ROOT);
    String lName = Sql.id(Sql.relation(l.nodeName()));
    String rName = Sql.id(Sql.relation(r.nodeName()));
    return NodeSql.of(
        "CREATE TEMPORARY VIEW "
            + Sql.id(context.relation())
            + " AS\nSELECT\n"
            + OutputColumns.selectList(context.columns())
            + "\nFROM (SELECT * FROM "
            + windowed(config, l.relation(), config.left().timeProperty())
            + ") AS "
            + lName
            + "\n"
            + (join.equals("INNER") ? "" : join + " ")
            + "JOIN (SELECT * FROM "
            + windowed(config, r.relation(), config.right().timeProperty())
            + ") AS "
            + rName
            + "\nON "
            + lName
            + ".`window_start` = "
            + rName
            + ".`window_start` AND "
            + lName
            + ".`window_end` = "
            + rName
            + ".`window_end`\nAND (\n  "
            + config.condition().strip()
            + "\n)");
  }

  private static String windowed(Config config, String relation, String timeProperty) {
    return new WindowConfig(timeProperty, config.window().size(), config.window().slide())
        .tableFunction(relation);
  }
}
