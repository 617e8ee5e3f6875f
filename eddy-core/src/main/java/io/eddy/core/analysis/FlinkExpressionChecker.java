package io.eddy.core.analysis;

import io.eddy.core.model.Property;
import io.eddy.core.sql.PlannerSteps;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * Checks expressions with Flink's own SQL planner: each check validates a query that selects the
 * expressions from typed inputs (rows of typed nulls named after the input nodes). Results are
 * cached, since the editor asks again on every change.
 */
public final class FlinkExpressionChecker implements ExpressionChecker {
  private static final int CACHE_SIZE = 4096;
  private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+)");

  private final Map<List<Object>, List<Result>> cache =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, List<Result>> eldest) {
          return size() > CACHE_SIZE;
        }
      };
  private TableEnvironment tableEnvironment;
  // Parsing and validation without the conversion sqlQuery goes on to (see PlannerSteps); empty
  // when Flink's internals are not reachable, and then every check uses sqlQuery.
  private Optional<PlannerSteps> steps;
  private final QueryPlanner queries = new QueryPlanner();

  private TableEnvironment environment() {
    if (tableEnvironment == null) {
      tableEnvironment = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
      steps = PlannerSteps.of(tableEnvironment);
    }
    return tableEnvironment;
  }

  @Override
  public synchronized List<Result> check(
      LinkedHashMap<String, List<Property>> relations, List<String> expressions) {
    relations = referenced(relations, expressions);
    List<Object> key = key(relations, expressions);
    List<Result> cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    List<Result> results = validate(relations, expressions);
    if (results == null) {
      // One of them is wrong: check each alone, so that each gets its own message.
      results = new ArrayList<>();
      for (String expression : expressions) {
        results.addAll(validateOne(relations, expression));
      }
    }
    cache.put(key, results);
    return results;
  }

  @Override
  public QueryResult checkQuery(LinkedHashMap<String, List<Property>> relations, String query) {
    return queries.plan(relations, query);
  }

  @Override
  public Boolean updates(LinkedHashMap<String, List<Property>> relations, String query) {
    return queries.updates(relations, query);
  }

  /**
   * What decides the outcome: the (narrowed) inputs and the expressions. Built from the narrowed
   * inputs, so that the key of a node deep in a long flow stays short. A list of the values
   * themselves (records, compared field by field), not a text built from them: writing every
   * property out as text was a share of each check, and of each cached re-analysis.
   */
  private static List<Object> key(
      LinkedHashMap<String, List<Property>> relations, List<String> expressions) {
    // Copies (ArrayList, as List.copyOf refuses nulls): the caller's lists may change afterwards.
    return List.of(
        new ArrayList<>(relations.keySet()),
        new ArrayList<>(relations.values()),
        new ArrayList<>(expressions));
  }

  /**
   * Keeps only the properties whose names occur in the expressions: validation time grows with the
   * width of the input, and a property that is never named cannot change the outcome.
   */
  private static LinkedHashMap<String, List<Property>> referenced(
      LinkedHashMap<String, List<Property>> relations, List<String> expressions) {
    String text = String.join("\n", expressions).toLowerCase(java.util.Locale.ROOT);
    LinkedHashMap<String, List<Property>> narrowed = new LinkedHashMap<>();
    relations.forEach(
        (name, properties) ->
            narrowed.put(
                name,
                properties.stream()
                    .filter(
                        p -> {
                          String n = p.name().toLowerCase(java.util.Locale.ROOT);
                          return text.contains(n) || text.contains(n.replace("`", "``"));
                        })
                    .toList()));
    return narrowed;
  }

  private List<Result> validateOne(
      LinkedHashMap<String, List<Property>> relations, String expression) {
    List<Result> one = validate(relations, List.of(expression));
    if (one != null) {
      return one;
    }
    try {
      environment().sqlQuery(query(relations, List.of(expression)));
      return List.of(new Result(null, "unknown", false, "Flink could not check it."));
    } catch (Exception | AssertionError | StackOverflowError | LinkageError e) {
      return List.of(new Result(null, null, false, readable(e)));
    }
  }

  /**
   * Validates all expressions in one query; null when Flink refuses it. Parsing and validation
   * alone tell the types; a query they refuse goes through sqlQuery as well, whose refusal is the
   * one the messages come from (see {@link #validateOne}).
   */
  private List<Result> validate(
      LinkedHashMap<String, List<Property>> relations, List<String> expressions) {
    String query = query(relations, expressions);
    List<LogicalType> types = validatedTypes(query);
    if (types == null) {
      try {
        types =
            environment().sqlQuery(query).getResolvedSchema().getColumns().stream()
                .map(c -> c.getDataType().getLogicalType())
                .toList();
      } catch (Exception | AssertionError | StackOverflowError | LinkageError e) {
        // Calcite reports some inputs with an Error rather than an exception: all of them are
        // problems of the expression, never of the request.
        return null;
      }
    }
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < expressions.size(); i++) {
      results.add(toResult(types.get(types.size() - expressions.size() + i)));
    }
    return results;
  }

  /** The query's column types by parsing and validation alone, or null when they refuse it. */
  private List<LogicalType> validatedTypes(String query) {
    environment();
    if (steps.isEmpty()) {
      return null;
    }
    try {
      return steps.get().validatedTypes(query);
    } catch (Exception | AssertionError | StackOverflowError | LinkageError e) {
      return null;
    }
  }

  /**
   * {@code SELECT *, (\n<expression>\n) AS c0 FROM ...}: the expression starts on line 2, so that
   * Flink's positions point into it; selecting {@code *} beside it refuses aggregate functions.
   */
  private static String query(
      LinkedHashMap<String, List<Property>> relations, List<String> expressions) {
    StringBuilder sql = new StringBuilder("SELECT *");
    for (int i = 0; i < expressions.size(); i++) {
      sql.append(", (\n")
          .append(expressions.get(i))
          .append("\n) AS `eddy_expression_")
          .append(i)
          .append('`');
    }
    sql.append("\nFROM ");
    sql.append(
        relations.entrySet().stream()
            .map(e -> values(Sql.relation(e.getKey()), e.getValue()))
            .collect(Collectors.joining(", ")));
    return sql.toString();
  }

  private static String values(String name, List<Property> properties) {
    if (properties.isEmpty()) {
      return "(VALUES (1)) AS " + Sql.id(name) + "(`eddy_no_property`)";
    }
    return "(VALUES ("
        + properties.stream()
            .map(p -> "CAST(NULL AS " + p.sqlType() + ")")
            .collect(Collectors.joining(", "))
        + ")) AS "
        + Sql.id(name)
        + "("
        + properties.stream().map(p -> Sql.id(p.name())).collect(Collectors.joining(", "))
        + ")";
  }

  static Result toResult(LogicalType type) {
    String flinkType = type.asSummaryString().replace(" NOT NULL", "");
    if (type.getTypeRoot() == LogicalTypeRoot.NULL) {
      return new Result(null, "NULL", false, null);
    }
    boolean[] cast = {false};
    Property shape = FlinkTypes.toProperty(type, cast);
    return new Result(shape, flinkType, shape != null && cast[0], null);
  }

  /** Flink's message, without the wrapping and with positions inside the expression. */
  static String readable(Throwable e) {
    if (e instanceof StackOverflowError) {
      return "It is nested too deeply for Flink to check.";
    }
    if (e instanceof Error && (e.getMessage() == null || e.getMessage().isBlank())) {
      return "Flink's planner failed on it (" + e.getClass().getSimpleName() + ").";
    }
    Throwable root = e;
    String message = e.getMessage();
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
      if (root.getMessage() != null) {
        message = root.getMessage();
      }
    }
    if (message == null) {
      return "Flink could not check it (" + e.getClass().getSimpleName() + ").";
    }
    message = message.split("\n")[0].trim();
    message = message.replaceAll("^From line \\d+, column \\d+ to line \\d+, column \\d+: ", "");
    message = message.replaceAll("`?eddy_expression_\\d+`?", "the expression");
    Matcher m = POSITION.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int line = Integer.parseInt(m.group(1)) - 1;
      m.appendReplacement(
          out, line <= 1 ? "column " + m.group(2) : "line " + line + ", column " + m.group(2));
    }
    m.appendTail(out);
    message = out.toString().replace("Encountered \"<EOF>\"", "The expression ended unexpectedly");
    if (!message.endsWith(".")) {
      message = message + ".";
    }
    return message;
  }
}
