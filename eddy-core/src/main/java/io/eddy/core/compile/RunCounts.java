package io.eddy.core.compile;

import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import io.eddy.core.nodes.RunCounting;
import io.eddy.core.nodes.WindowConfig;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The run-only counts of a flow's events per node, computed by Flink SQL beside the flow in the
 * same job (never part of an export): each source's messages read (its topic read again with the
 * {@code raw} format), the messages it skips and the properties its JSON format nulled ({@link
 * #READING_FUNCTION}, which parses each message with Flink's own JSON format), each node's events
 * out, and per window node the events its window drops as late ({@link #LATE_FUNCTION} with Flink's
 * {@code CURRENT_WATERMARK}, the watermark the window sees when the event arrives). The counts go,
 * as upserts keyed by {@code (node, kind, property)}, to an internal Kafka topic the engine reads.
 * docs/engine.md ("Counts") says what each number means and where it is exact.
 */
final class RunCounts {
  /** The table function (eddy-engine) telling how the source's format reads a message. */
  static final String READING_FUNCTION = "io.eddy.engine.counts.MessageReading";

  /** The scalar function (eddy-engine) telling whether a window drops an event as late. */
  static final String LATE_FUNCTION = "io.eddy.engine.counts.LateForWindow";

  /** The scalar function (eddy-engine) telling whether an interval join drops an event as late. */
  static final String JOIN_LATE_FUNCTION = "io.eddy.engine.counts.LateForIntervalJoin";

  private final CompileOptions.Counts target;
  private final RelationNames names;
  private final List<String> definitions = new ArrayList<>();
  private final List<String> counted = new ArrayList<>();
  // A zero for every count that exists, so that a count nothing has reached yet reads 0.
  private final List<String> zeros = new ArrayList<>();
  private String readingFunction;
  private String lateFunction;
  private String joinLateFunction;

  RunCounts(CompileOptions.Counts target, RelationNames names) {
    this.target = target;
    this.names = names;
  }

  /**
   * Counts a source's messages read, the messages it skips and the properties nulled in them, all
   * from its topic's raw messages: what was skipped never depends on how far the flow has got.
   */
  void source(Object config, CompileContext context) {
    String table = names.allocate(Sql.relation(context.node().name()) + " (messages)");
    RunCounting.rawMessages(config, context, table)
        .ifPresent(
            raw -> {
              definitions.add(raw.createTable());
              String node = context.node().id();
              zero(node, "in");
              zero(node, "skipped");
              counted.add(
                  "SELECT " + Sql.str(node) + ", 'in', '', " + ONE + " FROM " + Sql.id(table));
              counted.add(findings(node, table, raw));
            });
  }

  /**
   * The skipped messages and nulled properties of a source, from {@link #READING_FUNCTION}'s
   * findings per message: an unreadable message, an event time the source's own conversion makes
   * null (then skipped), a nulled property.
   */
  private String findings(String node, String table, RunCounting.RawMessages raw) {
    RunCounting.TimeReading time = raw.eventTime();
    String finding = time == null || !time.property().equals("finding") ? "finding" : "finding_";
    String detail = time == null || !time.property().equals("detail") ? "detail" : "detail_";
    String f = Sql.id(finding);
    String d = Sql.id(detail);
    String read =
        Sql.id(table)
            + ", LATERAL TABLE("
            + readingFunction()
            + "(`message`, "
            + Sql.str(raw.messageRowType())
            + ", "
            + (time == null ? "CAST(NULL AS STRING)" : Sql.str(time.property()))
            + ", "
            + Sql.str(raw.format())
            + ")) AS `reading`("
            + f
            + ", "
            + d
            + ")";
    String from;
    String unreadableTime;
    if (time == null) {
      from = read;
      unreadableTime = "FALSE";
    } else {
      // The event time's text cast back to its column and converted as the source converts it.
      from =
          "(SELECT "
              + f
              + ", "
              + d
              + ", CAST(CASE WHEN "
              + f
              + " = 'time' THEN "
              + d
              + " END AS "
              + time.columnType()
              + ") AS "
              + Sql.id(time.property())
              + " FROM "
              + read
              + ")";
      unreadableTime = "(" + time.conversion() + ") IS NULL";
    }
    return "SELECT "
        + Sql.str(node)
        + ", CASE WHEN "
        + f
        + " = 'nulled' THEN 'nulled' ELSE 'skipped' END, CASE WHEN "
        + f
        + " = 'nulled' THEN "
        + d
        + " ELSE '' END, "
        + ONE
        + " FROM "
        + from
        + " WHERE "
        + f
        + " IN ('unreadable', 'nulled') OR ("
        + f
        + " = 'time' AND "
        + unreadableTime
        + ")";
  }

  /** Counts the events of {@code relation} as the node's events out. */
  void out(String nodeId, String relation) {
    zero(nodeId, "out");
    counted.add("SELECT " + Sql.str(nodeId) + ", 'out', '', " + ONE + " FROM " + Sql.id(relation));
  }

  /**
   * Counts the events a node drops as late: a window node's of its input, an interval join's of
   * both its inputs.
   */
  void late(Object config, String nodeId, List<CompileContext.InputRelation> inputs) {
    RunCounting.lateDroppingWindow(config)
        .filter(w -> w.timeProperty() != null && w.size() != null && w.size().isComplete())
        .ifPresent(
            w -> {
              zero(nodeId, "late");
              counted.add(lateSelect(w, nodeId, inputs.get(0).relation()));
            });
    RunCounting.joinInterval(config).ifPresent(join -> joinLate(join, nodeId, inputs));
  }

  /**
   * The events of both inputs of an interval join that arrive more than its window's width behind
   * the join's watermark ({@link #JOIN_LATE_FUNCTION}). The inputs' times are read through one
   * {@code UNION ALL}, whose watermark is, like the join's, the smaller of the two inputs'.
   */
  private void joinLate(
      RunCounting.JoinInterval join, String nodeId, List<CompileContext.InputRelation> inputs) {
    List<String> times = new ArrayList<>();
    Set<PropertyType> types = new HashSet<>();
    for (CompileContext.InputRelation input : inputs) {
      String property = join.timeByInput().get(input.nodeName());
      Property time =
          input.properties().stream()
              .filter(p -> p.name().equals(property) && p.eventTime())
              .findFirst()
              .orElse(null);
      if (time == null) {
        return;
      }
      types.add(time.type());
      times.add("SELECT " + Sql.id(time.name()) + " AS `time` FROM " + Sql.id(input.relation()));
    }
    if (times.size() != 2 || types.size() != 1) {
      // Times of two types cannot be one column (nor, in Flink, be joined on).
      return;
    }
    zero(nodeId, "late");
    counted.add(
        "SELECT "
            + Sql.str(nodeId)
            + ", 'late', '', "
            + ONE
            + " FROM (\n    "
            + String.join("\n    UNION ALL\n    ", times)
            + "\n  ) WHERE "
            + joinLateFunction()
            + "(`time`, CURRENT_WATERMARK(`time`), CAST("
            + join.widthMillis()
            + " AS BIGINT))");
  }

  private String lateSelect(WindowConfig window, String nodeId, String input) {
    String time = Sql.id(window.timeProperty());
    long size = window.size().toMillis();
    long slide =
        window.slide() != null && window.slide().isComplete() ? window.slide().toMillis() : size;
    return "SELECT "
        + Sql.str(nodeId)
        + ", 'late', '', "
        + ONE
        + " FROM "
        + Sql.id(input)
        + " WHERE "
        + lateFunction()
        + "("
        + time
        + ", CURRENT_WATERMARK("
        + time
        + "), "
        + "CAST("
        + size
        + " AS BIGINT), CAST("
        + slide
        + " AS BIGINT))";
  }

  private static final String ONE = "CAST(1 AS BIGINT)";

  private void zero(String nodeId, String kind) {
    zeros.add("(" + Sql.str(nodeId) + ", " + Sql.str(kind) + ", '', CAST(0 AS BIGINT))");
  }

  private String readingFunction() {
    if (readingFunction == null) {
      readingFunction = function("eddy message reading", READING_FUNCTION);
    }
    return readingFunction;
  }

  private String lateFunction() {
    if (lateFunction == null) {
      lateFunction = function("eddy late for window", LATE_FUNCTION);
    }
    return lateFunction;
  }

  private String joinLateFunction() {
    if (joinLateFunction == null) {
      joinLateFunction = function("eddy late for interval join", JOIN_LATE_FUNCTION);
    }
    return joinLateFunction;
  }

  private String function(String preferred, String className) {
    String name = Sql.id(names.allocate(preferred));
    definitions.add(
        "CREATE TEMPORARY FUNCTION " + name + " AS " + Sql.str(className) + " LANGUAGE JAVA");
    return name;
  }

  /** The tables and functions the counts need. */
  List<String> definitions() {
    List<String> all = new ArrayList<>(definitions);
    all.add(
        "CREATE TEMPORARY TABLE "
            + Sql.id(sinkName())
            + " (\n  `node` STRING,\n  `kind` STRING,\n  `property` STRING,\n  `n` BIGINT,\n"
            + "  PRIMARY KEY (`node`, `kind`, `property`) NOT ENFORCED\n) "
            + Sql.withOptions(
                List.of(
                    new String[] {"connector", "upsert-kafka"},
                    new String[] {"topic", target.topic()},
                    new String[] {"properties.bootstrap.servers", target.bootstrapServers()},
                    new String[] {"key.format", "json"},
                    new String[] {"value.format", "json"},
                    // Keeps only the newest count per key between flushes: one write per count
                    // and half second, not one per event.
                    new String[] {"sink.buffer-flush.max-rows", "10000"},
                    new String[] {"sink.buffer-flush.interval", "500ms"})));
    return all;
  }

  private String sink;

  private String sinkName() {
    if (sink == null) {
      sink = names.allocate("eddy counts");
    }
    return sink;
  }

  /** The {@code INSERT} of the counts, or null when there is nothing to count. */
  String insert() {
    if (counted.isEmpty()) {
      return null;
    }
    return "INSERT INTO "
        + Sql.id(sinkName())
        + "\nSELECT `node`, `kind`, `property`, SUM(`n`) AS `n`\nFROM (\n  "
        + "SELECT * FROM (VALUES\n    "
        + String.join(",\n    ", zeros)
        + "\n  ) AS `zero`(`node`, `kind`, `property`, `n`)\n  UNION ALL\n  "
        + String.join("\n  UNION ALL\n  ", counted)
        + "\n)\nGROUP BY `node`, `kind`, `property`";
  }
}
