package io.eddy.core.nodes;

import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.Property;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the run-only counts (see {@code compile.RunCounts}) need to know of a node's config: a
 * source's raw messages and a window node's window. Lives beside the node classes because only they
 * know their configs; nothing here is part of an export.
 */
public final class RunCounting {
  private RunCounting() {}

  /**
   * A source's messages as Kafka holds them, read again beside the flow so that what the format
   * skipped or nulled can be counted.
   *
   * @param createTable {@code CREATE TEMPORARY TABLE name (`message` BYTES)} on the source's topic
   *     with the source's connection, startup and bounded options and the {@code raw} format
   * @param messageRowType the SQL row type the source's format reads each message into (its table's
   *     physical columns), for checking each message the same way
   * @param eventTime how the source reads its event time from a message property, or null when the
   *     event time is the Kafka timestamp (always readable)
   * @param format how the source reads a message: {@code json} or {@code avro}
   */
  public record RawMessages(
      String createTable, String messageRowType, TimeReading eventTime, String format) {}

  /**
   * The message property the source reads its event time from: its column's SQL type, and the SQL
   * turning that column (named as the property) into the event time, null when it cannot be read.
   * An event for which it gives null is skipped by the source.
   */
  public record TimeReading(String property, String columnType, String conversion) {}

  /**
   * The source's raw messages, or empty for a node that does not read JSON or Avro messages from
   * Kafka as events: a changelog's messages replace one another, so messages read less versions
   * held is not what was skipped.
   */
  public static Optional<RawMessages> rawMessages(
      Object config, CompileContext context, String tableName) {
    if (!(config instanceof SourceNode.Config source)
        || source.kafka() == null
        || SourceNode.isChangelog(source)
        || (source.format() != null
            && !"json".equalsIgnoreCase(source.format())
            && !SourceNode.isAvro(source))) {
      return Optional.empty();
    }
    boolean avro = SourceNode.isAvro(source);
    List<String[]> options = SourceNode.readingOptions(source, context, "-counts");
    options.add(new String[] {"format", "raw"});
    String create =
        "CREATE TEMPORARY TABLE "
            + Sql.id(tableName)
            + " (\n  `message` BYTES\n) "
            + Sql.withOptions(options);
    List<String> fields = new ArrayList<>();
    TimeReading eventTime = null;
    String timeProperty =
        source.eventTime() == null || !blank(source.eventTime().kafkaTimestamp())
            ? null
            : source.eventTime().property();
    SourceNode.Read read = context.analysed(SourceNode.Read.class);
    if (avro) {
      // Every field of the schema, as the source's table declares them.
      for (AvroColumns.Column c : read.avroColumns()) {
        fields.add(Sql.id(c.property().name()) + " " + c.columnType());
        if (c.property().name().equals(timeProperty) && c.property().type().isTimestamp()) {
          // Avro gives the event time itself: the source reads the column as it is (the view's
          // CAST of a value is never null), so it is unreadable exactly when it is null.
          eventTime = new TimeReading(timeProperty, "STRING", Sql.id(timeProperty));
        }
      }
    } else {
      for (Property p : read.message()) {
        // As the source's table declares them.
        fields.add(Sql.id(p.name()) + " " + SourceNode.messageColumnType(p));
        if (p.name().equals(timeProperty) && p.type().isTimestamp()) {
          // As the source converts it (SourceNode.compile); a metadata timestamp is no property.
          eventTime =
              new TimeReading(
                  p.name(), SourceNode.messageColumnType(p), TimestampReading.conversion(p));
        }
      }
    }
    return Optional.of(
        new RawMessages(
            create, "ROW<" + String.join(", ", fields) + ">", eventTime, avro ? "avro" : "json"));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** The event-time window of a node that drops late events (aggregate, top-n), else empty. */
  public static Optional<WindowConfig> lateDroppingWindow(Object config) {
    if (config instanceof AggregateNode.Config a) {
      return Optional.ofNullable(a.window());
    }
    if (config instanceof TopNNode.Config t) {
      return Optional.ofNullable(t.window());
    }
    return Optional.empty();
  }

  /**
   * An interval join's event time per input (by input node name) and the width of its window
   * ({@code end} − {@code start}), or empty for another node or an incomplete window.
   */
  public static Optional<JoinInterval> joinInterval(Object config) {
    if (!(config instanceof IntervalJoinNode.Config join) || join.window() == null) {
      return Optional.empty();
    }
    IntervalJoinNode.JoinWindow w = join.window();
    if (w.detect() == null
        || w.anchor() == null
        || w.start() == null
        || w.end() == null
        || !w.start().isComplete()
        || !w.end().isComplete()) {
      return Optional.empty();
    }
    return Optional.of(
        new JoinInterval(
            Map.of(
                w.detect().input(), w.detect().property(),
                w.anchor().input(), w.anchor().property()),
            w.end().toMillis() - w.start().toMillis()));
  }

  /**
   * @param timeByInput the event time property of each input, by the input's node name
   * @param widthMillis {@code end} − {@code start} of the join's window
   */
  public record JoinInterval(Map<String, String> timeByInput, long widthMillis) {}
}
