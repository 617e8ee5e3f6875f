package io.eddy.core.compile;

import io.eddy.core.nodes.RunCounting;
import io.eddy.core.nodes.WindowConfig;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;

/**
 * The run-only counts of a flow's events per node, computed by Flink SQL beside the flow in the
 * same job (never part of an export): each source's messages read (its topic read again with the
 * {@code raw} format) and the properties its JSON format nulled ({@link #NULLED_FUNCTION}, which
 * parses each message with Flink's own JSON format), each node's events out, and per window node
 * the events its window drops as late ({@link #LATE_FUNCTION} with Flink's {@code
 * CURRENT_WATERMARK}, the watermark the window sees when the event arrives). The counts go, as
 * upserts keyed by {@code (node, kind, property)}, to an internal Kafka topic the engine reads.
 * docs/engine.md ("Counts") says what each number means and where it is exact.
 */
final class RunCounts {
  /** The table function (eddy-engine) listing the properties a message's values did not fit. */
  static final String NULLED_FUNCTION = "io.eddy.engine.counts.NulledProperties";

  /** The scalar function (eddy-engine) telling whether a window drops an event as late. */
  static final String LATE_FUNCTION = "io.eddy.engine.counts.LateForWindow";

  private final CompileOptions.Counts target;
  private final RelationNames names;
  private final List<String> definitions = new ArrayList<>();
  private final List<String> counted = new ArrayList<>();
  // A zero for every count that exists, so that a count nothing has reached yet reads 0.
  private final List<String> zeros = new ArrayList<>();
  private String nulledFunction;
  private String lateFunction;

  RunCounts(CompileOptions.Counts target, RelationNames names) {
    this.target = target;
    this.names = names;
  }

  /** Counts a source's messages read and the properties nulled in them. */
  void source(Object config, CompileContext context) {
    String table = names.allocate(Sql.relation(context.node().name()) + " (messages)");
    RunCounting.rawMessages(config, context, table)
        .ifPresent(
            raw -> {
              definitions.add(raw.createTable());
              String node = Sql.str(context.node().id());
              zero(context.node().id(), "in");
              counted.add("SELECT " + node + ", 'in', '', " + ONE + " FROM " + Sql.id(table));
              counted.add(
                  "SELECT "
                      + node
                      + ", 'nulled', `nulled`.`property`, "
                      + ONE
                      + " FROM "
                      + Sql.id(table)
                      + ", LATERAL TABLE("
                      + nulledFunction()
                      + "(`message`, "
                      + Sql.str(raw.messageRowType())
                      + ")) AS `nulled`(`property`)");
            });
  }

  /** Counts the events of {@code relation} as the node's events out. */
  void out(String nodeId, String relation) {
    zero(nodeId, "out");
    counted.add("SELECT " + Sql.str(nodeId) + ", 'out', '', " + ONE + " FROM " + Sql.id(relation));
  }

  /** Counts the events of {@code input} that the node's window drops as late. */
  void late(Object config, String nodeId, String input) {
    RunCounting.lateDroppingWindow(config)
        .filter(w -> w.timeProperty() != null && w.size() != null && w.size().isComplete())
        .ifPresent(
            w -> {
              zero(nodeId, "late");
              counted.add(lateSelect(w, nodeId, input));
            });
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

  private String nulledFunction() {
    if (nulledFunction == null) {
      nulledFunction = function("eddy nulled properties", NULLED_FUNCTION);
    }
    return nulledFunction;
  }

  private String lateFunction() {
    if (lateFunction == null) {
      lateFunction = function("eddy late for window", LATE_FUNCTION);
    }
    return lateFunction;
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
