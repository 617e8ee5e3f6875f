package io.eddy.core.nodes;

import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.Property;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Deduplicate: per tumbling window of event time, only the first event (by event time) of each key
 * is kept, or the last one with {@code keep: last}. A repeat in a later window is kept again. The
 * SQL is Flink's window deduplication, which emits each window's survivors once, when the window
 * closes: the output is append-only, so a Kafka destination can follow.
 */
public final class DeduplicateNode extends NodeType<DeduplicateNode.Config> {

  /** The node's config; {@code window.slide} is not part of it (the windows are tumbling). */
  public record Config(List<String> key, WindowConfig window, String keep) {}

  static final String FIRST = "first";
  static final String LAST = "last";

  @Override
  public String type() {
    return "deduplicate";
  }

  @Override
  public String label() {
    return "Deduplicate";
  }

  @Override
  public String group() {
    return "Windowed";
  }

  @Override
  public String description() {
    return "Keeps one event per key in each time window: the first one, or the last.";
  }

  @Override
  public Class<Config> configClass() {
    return Config.class;
  }

  @Override
  public String color() {
    return "#007d79";
  }

  private static final List<Field> FIELDS =
      Field.config(
          Field.list(
                  "key",
                  "Key",
                  "The properties whose values together identify an event: events with the same"
                      + " values are duplicates.",
                  Field.property("property", "Property", null))
              .asRequired()
              .asCustom(),
          Field.object(
                  "window",
                  "Time window",
                  "Duplicates are looked for within tumbling windows of event time of this"
                      + " duration.",
                  Field.property("timeProperty", "Event time property", "The input's event time.")
                      .asRequired(),
                  Field.duration("size", "Duration", "How long each window lasts.").asRequired())
              .asRequired()
              .asCustom(),
          Field.choice(
                  "keep",
                  "Keep",
                  "Which event of each key and window is kept: the first by event time, or the last.",
                  FIRST,
                  LAST)
              .withDefault(FIRST));

  @Override
  public String documentation() {
    return """
        Example: `{"key": ["movementid"], "window": {"timeProperty": "updatetime", "size": {"value": 1,
        "unit": "HOUR"}}, "keep": "first"}`. Output: the input's properties, unchanged, the event time kept
        (a window, join or Kafka destination can follow). Within each tumbling window of event time, only
        one event per key is kept: the first by event time, or with `"keep": "last"` the last by event
        time (e.g. the latest correction of a record). A duplicate in a later window is kept again: the
        window bounds how far apart duplicates may be. Each window's events come out once, when the window
        closes (its end passes the watermark), so a kept event waits until then and the output is
        append-only. What `last` means downstream: one event per key and window, at the window's close,
        never an earlier version first and a correction later (a consumer cannot see, let alone undo, the
        events it replaced); a later event that arrives after the window closed is late and dropped.
        Events with the same key and the same event time are tied, and one of them is kept. SQL: Flink's
        window deduplication, `ROW_NUMBER() OVER (PARTITION BY window_start, window_end, key ORDER BY
        time)` over `TUMBLE`, keeping row 1.
        """;
  }

  @Override
  public List<Field> fields() {
    return FIELDS;
  }

  @Override
  public void analyse(Config config, NodeContext context, NodeAnalysis result) {
    NodeInput input = context.input();
    result.output(input.properties());
    checkKey(config.key(), input, result);
    WindowConfig.check(config.window(), input, result);
    if (config.window() != null && config.window().slide() != null) {
      result.error(
          "window.slide",
          "deduplicate.window-rolling",
          "A deduplicate window is a standard (tumbling) one: remove the rolling interval.");
    }
    if (config.keep() != null && !List.of(FIRST, LAST).contains(config.keep())) {
      result.error(
          "keep",
          "deduplicate.keep-invalid",
          "Keep must be `first` or `last`, not `" + config.keep() + "`.");
    }
    for (Property p : input.properties()) {
      if (OutputColumns.RESERVED.contains(p.name().toLowerCase(Locale.ROOT))) {
        result.error(
            null,
            "name.reserved",
            "The input has a property `"
                + p.name()
                + "`, a name Flink's windows use (window_start, window_end, window_time): rename"
                + " it upstream.");
      }
    }
  }

  private static void checkKey(List<String> key, NodeInput input, NodeAnalysis result) {
    if (key == null || key.isEmpty()) {
      result.missing(
          "key",
          "deduplicate.key-missing",
          "Choose the key: the properties whose values identify duplicates, e.g. an id.");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (String name : key) {
      if (name == null || name.isBlank()) {
        result.error("key", "deduplicate.key-blank", "A key property is empty: choose one.");
        continue;
      }
      if (!seen.add(name)) {
        result.error(
            "key", "deduplicate.key-repeated", "`" + name + "` is in the key twice: keep one.");
        continue;
      }
      var p = input.property(name);
      if (p.isEmpty()) {
        result.error(
            "key",
            "property.unknown",
            "There is no property `" + name + "` in the input `" + input.nodeName() + "`.");
      } else if (p.get().type().isComposite()) {
        result.error(
            "key",
            "deduplicate.key-nested",
            "`"
                + name
                + "` is "
                + p.get().type()
                + ": a key is made of plain values; use a property inside it (a transform can"
                + " take it out).");
      }
    }
  }

  @Override
  public NodeSql compile(Config config, CompileContext context) {
    List<Property> input = context.input().properties();
    String row = CompileContext.freeColumn("eddy_row", input);
    List<String> partition = new ArrayList<>(List.of("`window_start`", "`window_end`"));
    config.key().forEach(k -> partition.add(Sql.id(k)));
    String direction = LAST.equals(config.keep()) ? "DESC" : "ASC";
    List<String> select = input.stream().map(p -> Sql.id(p.name())).toList();
    return NodeSql.of(
        "CREATE TEMPORARY VIEW "
            + Sql.id(context.relation())
            + " AS\nSELECT\n  "
            + String.join(",\n  ", select)
            + "\nFROM (\n  SELECT *, ROW_NUMBER() OVER (PARTITION BY "
            + String.join(", ", partition)
            + " ORDER BY "
            + Sql.id(config.window().timeProperty())
            + " "
            + direction
            + ") AS "
            + Sql.id(row)
            + "\n  FROM "
            + config.window().tableFunction(context.input().relation())
            + "\n)\nWHERE "
            + Sql.id(row)
            + " = 1");
  }
}
