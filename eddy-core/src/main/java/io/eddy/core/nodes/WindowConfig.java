package io.eddy.core.nodes;

import io.eddy.core.model.Duration;
import io.eddy.core.model.Property;
import io.eddy.core.sql.Sql;
import java.util.Optional;

/**
 * A time window over the input's event time: standard (tumbling) without {@code slide}, rolling
 * (hopping, starting every {@code slide}) with it.
 */
public record WindowConfig(String timeProperty, Duration size, Duration slide) {

  /** The declared field, shared by the windowed nodes. */
  static final Field FIELD =
      Field.object(
              "window",
              "Time window",
              "Standard (tumbling) without slide; rolling (hopping, starting every slide) with it.",
              Field.property("timeProperty", "Event time property", "The input's event time.")
                  .asRequired(),
              Field.duration("size", "Duration", "How long each window lasts.").asRequired(),
              Field.duration(
                  "slide",
                  "Rolling interval",
                  "A new window starts every slide; the duration must be a whole multiple of it."))
          .asRequired()
          .asCustom();

  /** Reports missing and wrong window settings against the input. */
  static void check(WindowConfig window, NodeInput input, NodeAnalysis result) {
    if (window == null) {
      result.missing(
          "window",
          "window.missing",
          "Set the time window: the event time property and the window duration.");
      return;
    }
    if (window.timeProperty() == null || window.timeProperty().isBlank()) {
      result.missing(
          "window.timeProperty",
          "window.time-missing",
          "Choose the event time property of the window.");
    } else {
      Optional<Property> p = input.property(window.timeProperty());
      if (p.isEmpty()) {
        result.error(
            "window.timeProperty",
            "window.time-unknown",
            "The window's time property `"
                + window.timeProperty()
                + "` is not a property of the input `"
                + input.nodeName()
                + "`.");
      } else if (!p.get().eventTime()) {
        result.error(
            "window.timeProperty",
            "window.time-not-event-time",
            "The window's time property `"
                + window.timeProperty()
                + "` is not the event time of the input `"
                + input.nodeName()
                + "`"
                + eventTimes(input)
                + ".");
      }
    }
    checkDurations(window.size(), window.slide(), "window", result);
  }

  /**
   * Reports a missing or wrong window duration and rolling interval ({@code slide}, optional);
   * {@code at} is the path of the object holding them.
   */
  static void checkDurations(Duration size, Duration slide, String at, NodeAnalysis result) {
    if (size == null || !size.isComplete()) {
      result.missing(
          at + ".size", "window.size-missing", "Set the window duration (a value and a unit).");
    } else if (size.value() <= 0) {
      result.error(
          at + ".size", "window.size-invalid", "The window duration must be greater than zero.");
    }
    if (slide != null) {
      if (!slide.isComplete()) {
        result.missing(
            at + ".slide",
            "window.slide-missing",
            "Set the rolling window's interval (a value and a unit).");
      } else if (slide.value() <= 0) {
        result.error(
            at + ".slide",
            "window.slide-invalid",
            "The rolling window's interval must be greater than zero.");
      } else if (size != null
          && size.isComplete()
          && size.value() > 0
          && size.toMillis() % slide.toMillis() != 0) {
        result.error(
            at + ".size",
            "window.size-not-multiple",
            "The window duration ("
                + size
                + ") must be a whole multiple of the rolling interval ("
                + slide
                + ").");
      }
    }
  }

  static String eventTimes(NodeInput input) {
    var times =
        input.properties().stream().filter(Property::eventTime).map(Property::name).toList();
    return times.isEmpty()
        ? " (it has none: a window needs an event time)"
        : " (use " + String.join(" or ", times.stream().map(t -> "`" + t + "`").toList()) + ")";
  }

  /** The window table-valued function over {@code relation}. */
  String tableFunction(String relation) {
    if (slide == null) {
      return "TABLE(TUMBLE(TABLE "
          + Sql.id(relation)
          + ", DESCRIPTOR("
          + Sql.id(timeProperty)
          + "), "
          + size.toSqlInterval()
          + "))";
    }
    return "TABLE(HOP(TABLE "
        + Sql.id(relation)
        + ", DESCRIPTOR("
        + Sql.id(timeProperty)
        + "), "
        + slide.toSqlInterval()
        + ", "
        + size.toSqlInterval()
        + "))";
  }
}
