package io.eddy.core.nodes;

import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.Duration;
import io.eddy.core.model.Property;
import io.eddy.core.sql.Sql;
import java.util.List;
import java.util.Optional;

/**
 * Interval join: joins an event of one input ({@code detect}) with an event of the other ({@code
 * anchor}) when the condition holds and the detected event's time lies between anchor time + {@code
 * start} and anchor time + {@code end}. Inputs are named by their node names.
 */
public final class IntervalJoinNode extends NodeType<IntervalJoinNode.Config> {

  /** The join's config. */
  public record Config(String condition, JoinWindow window, OutputConfig output) {}

  /** The time window of the join. */
  public record JoinWindow(Side detect, Side anchor, Duration start, Duration end) {}

  /** An input (by node name) and one of its event time properties. */
  public record Side(String input, String property) {}

  @Override
  public String type() {
    return "intervalJoin";
  }

  @Override
  public String label() {
    return "Interval join";
  }

  @Override
  public String group() {
    return "Joins";
  }

  @Override
  public String description() {
    return "Joins events of two inputs that match a condition and happen close in time.";
  }

  @Override
  public Class<Config> configClass() {
    return Config.class;
  }

  @Override
  public String color() {
    return "#b28600";
  }

  private static Field side(String name, String label, String description) {
    return Field.object(
            name,
            label,
            description,
            Field.string("input", "Input", "The input node's name.").asRequired(),
            Field.property("property", "Event time property", "One of its event times.")
                .asRequired())
        .asRequired();
  }

  private static final List<Field> FIELDS =
      Field.config(
          Field.expression(
                  "condition",
                  "Join condition",
                  "A Flink SQL condition over both inputs, named by node name, e.g. `Orders`.`id` ="
                      + " `Cancellations`.`orderid`.")
              .asRequired()
              .asCustom(),
          Field.object(
                  "window",
                  "Time window",
                  "A detected event joins an anchor event when its time lies between anchor time +"
                      + " start and anchor time + end.",
                  side("detect", "Event to detect", null),
                  side("anchor", "Event that sets the window", null),
                  Field.duration(
                          "start", "Start", "Relative to the anchor's time (may be negative).")
                      .asRequired(),
                  Field.duration("end", "End", "Relative to the anchor's time, after the start.")
                      .asRequired())
              .asRequired()
              .asCustom(),
          OutputConfig.FIELD);

  @Override
  public String documentation() {
    return """
        Inputs are named by node name. A `detect` event joins an `anchor` event when its time lies between
        anchor time + `start` and anchor time + `end`. The output holds both inputs' properties; in `output`
        a property is named `Input.property`, and a name present in both inputs must be renamed or removed.
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
    JoinInputs.checkCondition(config.condition(), left, right, context, result);
    JoinWindow window = config.window();
    if (window == null) {
      result.missing(
          "window",
          "join.window-missing",
          "Set the time window: the event to detect, the event that sets the window, and its start and end.");
    } else {
      Optional<NodeInput> detect =
          side(window.detect(), "event to detect", context.inputs(), result);
      Optional<NodeInput> anchor =
          side(window.anchor(), "event that sets the window", context.inputs(), result);
      if (detect.isPresent() && anchor.isPresent() && detect.get() == anchor.get()) {
        result.error(
            "window.detect.input",
            "join.same-input",
            "The event to detect and the event that sets the window must come from different inputs.");
      }
      if (window.start() == null
          || !window.start().isComplete()
          || window.end() == null
          || !window.end().isComplete()) {
        result.missing(
            "window.start",
            "join.bounds-missing",
            "Set the start and the end of the time window (a value and a unit each).");
      } else if (window.end().toMillis() <= window.start().toMillis()) {
        result.error(
            "window.end",
            "join.bounds-invalid",
            "The window end ("
                + window.end()
                + ") must be later than its start ("
                + window.start()
                + ").");
      }
    }
    result.columns(columns(config, left, right, result));
  }

  private static Optional<NodeInput> side(
      Side side, String what, List<NodeInput> inputs, NodeAnalysis result) {
    if (side == null || side.input() == null || side.property() == null) {
      result.missing("Choose the " + what + ": an input and its event time property.");
      return Optional.empty();
    }
    Optional<NodeInput> input =
        inputs.stream().filter(i -> i.nodeName().equals(side.input())).findFirst();
    if (input.isEmpty()) {
      result.error(
          "The "
              + what
              + " names input `"
              + side.input()
              + "`, which is not connected to this join.");
      return Optional.empty();
    }
    Optional<Property> p = input.get().property(side.property());
    if (p.isEmpty()) {
      result.error(
          "The "
              + what
              + " uses `"
              + side.property()
              + "`, which `"
              + side.input()
              + "` does not have.");
    } else if (!p.get().eventTime()) {
      result.error(
          "The "
              + what
              + " uses `"
              + side.property()
              + "`, which is not an event time of `"
              + side.input()
              + "`.");
    }
    return input;
  }

  private static List<OutputColumns.Column> columns(
      Config config, NodeInput left, NodeInput right, NodeAnalysis result) {
    return OutputColumns.apply(config.output(), JoinInputs.columns(left, right), result);
  }

  @Override
  public NodeSql compile(Config config, CompileContext context) {
    var l = context.input("left");
    var r = context.input("right");
    JoinWindow w = config.window();
    String anchorTime = Sql.id(Sql.relation(w.anchor().input()), w.anchor().property());
    String between =
        Sql.id(Sql.relation(w.detect().input()), w.detect().property())
            + " BETWEEN "
            + offset(anchorTime, w.start())
            + " AND "
            + offset(anchorTime, w.end());
    return NodeSql.of(
        "CREATE TEMPORARY VIEW "
            + Sql.id(context.relation())
            + " AS\nSELECT\n"
            + OutputColumns.selectList(context.columns())
            + "\nFROM "
            + Sql.id(l.relation())
            + " AS "
            + Sql.id(Sql.relation(l.nodeName()))
            + "\nJOIN "
            + Sql.id(r.relation())
            + " AS "
            + Sql.id(Sql.relation(r.nodeName()))
            + "\nON (\n  "
            + config.condition().strip()
            + "\n)\nAND "
            + between);
  }

  private static String offset(String time, Duration d) {
    if (d.value() == 0) {
      return time;
    }
    Duration magnitude = new Duration(Math.abs(d.value()), d.unit());
    return time + (d.value() < 0 ? " - " : " + ") + magnitude.toSqlInterval();
  }
}
