package io.eddy.core.nodes;

import io.eddy.core.analysis.ExpressionChecker;
import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.Property;
import io.eddy.core.sql.QueryGuard;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Custom SQL: one Flink SQL query over the node's inputs, named by node name. Its output properties
 * are what Flink's planner says the query returns; it exports as a view like any other node.
 */
public final class SqlNode extends NodeType<SqlNode.Config> {
  /** The names Flink gives to columns computed without {@code AS}. */
  private static final Pattern UNNAMED = Pattern.compile("EXPR\\$\\d+");

  /** The custom SQL node's config. */
  public record Config(String statement) {}

  @Override
  public String type() {
    return "sql";
  }

  @Override
  public String label() {
    return "Custom SQL";
  }

  @Override
  public String group() {
    return "Processors";
  }

  @Override
  public String description() {
    return "Processes its inputs with one Flink SQL query that you write.";
  }

  @Override
  public Class<Config> configClass() {
    return Config.class;
  }

  @Override
  public String color() {
    return "#6929c4";
  }

  /** One or more inputs (SPEC §2c): the query names each by its node name. */
  @Override
  public boolean manyInputs() {
    return true;
  }

  private static final List<Field> FIELDS =
      Field.config(
          Field.text(
                  "statement",
                  "SQL query",
                  "One Flink SQL SELECT over the inputs, each named by its node name, e.g. SELECT"
                      + " region, COUNT(*) AS orders FROM `Orders` GROUP BY region.")
              .asRequired()
              .asCustom());

  @Override
  public String documentation() {
    return """
        Example: `{"statement": "SELECT window_start AS hourStart, region, SUM(price) AS revenue FROM TABLE(TUMBLE(TABLE `Orders`, DESCRIPTOR(ordertime), INTERVAL '1' HOUR)) GROUP BY window_start, window_end, region"}`.
        Connect one or more inputs; the query reads them by node name (quote names with backticks),
        e.g. a `UNION ALL` or a join of two of them. The output properties are
        the query's columns as Flink's planner types them; a column that keeps an input's event time (or a
        window's `window_time`) stays an event time. Every computed column needs a name (`AS`), and
        `window_start`, `window_end`, `window_time` must be renamed, as anywhere. Refused: anything but
        one query (no `;`, no other statement), names other than the inputs, hints (`/*+ ... */`) and
        `//` comments (use `--`). A query whose results Flink plans as updates (its changelog mode,
        e.g. a `GROUP BY` without a window, whose counts change with each event) is refused as soon as
        a node or a destination follows it: a Kafka destination appends events and the other nodes
        take events. Aggregate per window (`TUMBLE`, `HOP`, `CUMULATE`) to get one event per window.
        """;
  }

  @Override
  public List<Field> fields() {
    return FIELDS;
  }

  @Override
  public void analyse(Config config, NodeContext context, NodeAnalysis result) {
    result.columns(columns(config, context.inputs(), context, result));
    if (result.problems().isEmpty()) {
      LinkedHashMap<String, List<Property>> relations = new LinkedHashMap<>();
      context.inputs().forEach(i -> relations.put(i.nodeName(), i.properties()));
      // Flink's planner tells whether the results are appended or updated (its changelog mode).
      if (Boolean.TRUE.equals(context.expressions().updates(relations, config.statement()))) {
        result.updates("statement");
      }
    }
  }

  /** The output columns, each selected from the query (cast where Flink's type needs it). */
  private static List<OutputColumns.Column> columns(
      Config config, List<NodeInput> inputs, NodeContext context, NodeAnalysis result) {
    String statement = config.statement();
    if (statement == null || statement.isBlank()) {
      result.missing(
          "statement",
          "sql.missing",
          "Enter a Flink SQL query over the inputs, e.g. SELECT * FROM `"
              + inputs.get(0).nodeName()
              + "`.");
      return List.of();
    }
    Optional<String> shape = QueryGuard.check(statement);
    if (shape.isPresent()) {
      result.error("statement", "sql.invalid", "The query is not valid: " + shape.get() + ".");
      return List.of();
    }
    LinkedHashMap<String, List<Property>> relations = new LinkedHashMap<>();
    inputs.forEach(i -> relations.put(i.nodeName(), i.properties()));
    ExpressionChecker.QueryResult planned = context.expressions().checkQuery(relations, statement);
    if (!planned.ok()) {
      result.error("statement", "sql.invalid", "The query is not valid: " + planned.error());
      return List.of();
    }
    List<OutputColumns.Column> columns = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < planned.columns().size(); i++) {
      ExpressionChecker.QueryColumn c = planned.columns().get(i);
      if (UNNAMED.matcher(c.name()).matches()) {
        result.error(
            "statement",
            "sql.column-unnamed",
            "Column "
                + (i + 1)
                + " of the query has no name (Flink calls it "
                + c.name()
                + "): name it with AS.");
        continue;
      }
      if (c.type().shape() == null) {
        result.error(
            "statement",
            "expression.type-unsupported",
            "Column `"
                + c.name()
                + "` of the query is a "
                + c.type().flinkType()
                + ", which a property cannot hold: convert it to text, a number, a boolean, a"
                + " date/time, bytes, a ROW, an ARRAY or a MAP with text keys.");
        continue;
      }
      if (!names.add(c.name().toLowerCase(Locale.ROOT))) {
        result.error(
            "statement",
            "output.name-duplicate",
            "The query returns more than one column named `"
                + Sql.commentText(c.name())
                + "`: name them apart with AS.");
        continue;
      }
      if (Sql.hasControlCharacters(c.name())) {
        result.error(
            "statement",
            "name.control-character",
            "Column `"
                + Sql.commentText(c.name())
                + "` of the query has a line break or control character in its name: rename it with"
                + " AS.");
        continue;
      }
      if (OutputColumns.RESERVED.contains(c.name().toLowerCase(Locale.ROOT))) {
        result.error(
            "statement",
            "name.reserved",
            "Column `"
                + c.name()
                + "` of the query has a reserved name (Flink uses window_start, window_end and"
                + " window_time): rename it with AS, e.g. "
                + c.name()
                + " AS "
                + (c.name().toLowerCase(Locale.ROOT).endsWith("start")
                    ? "windowStart"
                    : c.name().toLowerCase(Locale.ROOT).endsWith("end")
                        ? "windowEnd"
                        : "windowTime")
                + ".");
        continue;
      }
      Property property = c.type().shape().withName(c.name());
      String sql =
          c.type().needsCast()
              ? "CAST(" + Sql.id(c.name()) + " AS " + property.sqlType() + ")"
              : Sql.id(c.name());
      columns.add(new OutputColumns.Column(c.name(), sql, property));
    }
    return columns;
  }

  @Override
  public NodeSql compile(Config config, CompileContext context) {
    // The query names its inputs by node name; where an input's relation has another name, a WITH
    // clause gives it the node's name.
    List<String> renamed = new ArrayList<>();
    for (var input : context.inputs()) {
      if (!input.relation().equals(Sql.relation(input.nodeName()))) {
        renamed.add(
            Sql.id(Sql.relation(input.nodeName()))
                + " AS (SELECT * FROM "
                + Sql.id(input.relation())
                + ")");
      }
    }
    return NodeSql.of(
        "CREATE TEMPORARY VIEW "
            + Sql.id(context.relation())
            + " AS\n"
            + (renamed.isEmpty() ? "" : "WITH " + String.join(",\n  ", renamed) + "\n")
            + "SELECT\n"
            + OutputColumns.selectList(context.columns())
            + "\nFROM (\n"
            + config.statement().strip()
            + "\n)");
  }
}
