package io.eddy.core.analysis;

import io.eddy.core.analysis.ExpressionChecker.QueryColumn;
import io.eddy.core.analysis.ExpressionChecker.QueryResult;
import io.eddy.core.analysis.ExpressionChecker.Result;
import io.eddy.core.model.Property;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.ExplainDetail;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;

/**
 * Plans a user's query (a custom SQL node) with Flink's planner over tables standing for the node's
 * inputs: each input is a table named after its node, with its properties and a watermark on its
 * event time, so that window functions over it plan as they will in the script. The tables are
 * never read ({@code datagen} only gives the planner a source to plan). Only the inputs exist, so a
 * query naming anything else is refused; dynamic table options are off, so no query can change a
 * table's connector settings. Results are cached, since the editor asks again on every change.
 */
final class QueryPlanner {
  private static final int CACHE_SIZE = 512;

  private final Map<String, QueryResult> cache =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, QueryResult> eldest) {
          return size() > CACHE_SIZE;
        }
      };
  private final Map<String, Boolean> updating =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  /** Where the optimised plan starts in Flink's explanation; its first operator is the root. */
  private static final String OPTIMISED_PLAN = "== Optimized Physical Plan ==";

  /**
   * The changelog mode Flink's explanation gives an operator, e.g. {@code changelogMode=[I,UA]}.
   */
  private static final Pattern CHANGELOG_MODE = Pattern.compile("changelogMode=\\[([A-Z,]+)\\]");

  private TableEnvironment environment;

  private TableEnvironment environment() {
    if (environment == null) {
      environment = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
      environment.getConfig().set("table.dynamic-table-options.enabled", "false");
      environment.getConfig().set("table.local-time-zone", "UTC");
    }
    return environment;
  }

  synchronized QueryResult plan(LinkedHashMap<String, List<Property>> relations, String query) {
    String key = key(relations, query);
    QueryResult cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    QueryResult result = planUncached(relations, query);
    cache.put(key, result);
    return result;
  }

  /**
   * Whether the optimised plan of {@code query} produces updates: the changelog mode Flink's
   * planner gives the plan's last operator ({@code changelogMode=[I]} appends only; {@code UA},
   * {@code UB} or {@code D} update). Null when Flink refuses the query or the plan does not say.
   */
  synchronized Boolean updates(LinkedHashMap<String, List<Property>> relations, String query) {
    String key = key(relations, query);
    if (updating.containsKey(key)) {
      return updating.get(key);
    }
    Boolean result = updatesUncached(relations, query);
    updating.put(key, result);
    return result;
  }

  private Boolean updatesUncached(LinkedHashMap<String, List<Property>> relations, String query) {
    return withRelations(
        relations,
        env -> {
          String plan = env.sqlQuery(query).explain(ExplainDetail.CHANGELOG_MODE);
          int optimised = plan.indexOf(OPTIMISED_PLAN);
          if (optimised < 0) {
            return null;
          }
          Matcher mode = CHANGELOG_MODE.matcher(plan.substring(optimised));
          return mode.find() ? !mode.group(1).equals("I") : null;
        },
        failure -> null);
  }

  /**
   * Runs {@code planning} with the relations created as stand-in tables, dropped afterwards; what
   * Flink throws (it may throw errors, not only exceptions, on odd queries) goes to {@code failed}.
   */
  private <T> T withRelations(
      LinkedHashMap<String, List<Property>> relations,
      Function<TableEnvironment, T> planning,
      Function<Throwable, T> failed) {
    TableEnvironment env = environment();
    List<String> created = new ArrayList<>();
    try {
      for (var relation : relations.entrySet()) {
        String name = Sql.relation(relation.getKey());
        env.executeSql(table(name, relation.getValue()));
        created.add(name);
      }
      return planning.apply(env);
    } catch (Exception | AssertionError | StackOverflowError | LinkageError e) {
      return failed.apply(e);
    } finally {
      for (String name : created) {
        env.dropTemporaryTable(Sql.id(name));
      }
    }
  }

  private QueryResult planUncached(LinkedHashMap<String, List<Property>> relations, String query) {
    return withRelations(
        relations,
        env -> {
          ResolvedSchema alone = env.sqlQuery(query).getResolvedSchema();
          // The query as the compiler places it: it must still be the same one query there.
          long distinct =
              alone.getColumnNames().stream()
                  .map(n -> n.toLowerCase(Locale.ROOT))
                  .distinct()
                  .count();
          // Columns of the same name cannot be selected from the query (the node refuses them).
          if (distinct == alone.getColumnCount()) {
            ResolvedSchema placed = env.sqlQuery(placed(query)).getResolvedSchema();
            if (placed.getColumnCount() != alone.getColumnCount()) {
              return new QueryResult(List.of(), "It does not stay one query inside a view.");
            }
          }
          List<QueryColumn> columns = new ArrayList<>();
          for (Column c : alone.getColumns()) {
            LogicalType type = c.getDataType().getLogicalType();
            Result r = FlinkExpressionChecker.toResult(type);
            if (r.shape() != null && LogicalTypeChecks.isRowtimeAttribute(type)) {
              r = new Result(r.shape().withEventTime(true), r.flinkType(), r.needsCast(), null);
            }
            columns.add(new QueryColumn(c.getName(), r));
          }
          return new QueryResult(columns, null);
        },
        failure -> new QueryResult(List.of(), readable(failure)));
  }

  /** How the compiler places a query in the script (a view selects from it). */
  static String placed(String query) {
    return "SELECT * FROM (\n" + query.strip() + "\n)";
  }

  private static String table(String name, List<Property> properties) {
    Optional<Property> eventTime = properties.stream().filter(Property::eventTime).findFirst();
    List<String> columns = new ArrayList<>();
    for (Property p : properties) {
      columns.add(Sql.id(p.name()) + " " + p.sqlType());
    }
    if (columns.isEmpty()) {
      columns.add("`eddy_no_property` INT");
    }
    eventTime.ifPresent(
        t -> columns.add("WATERMARK FOR " + Sql.id(t.name()) + " AS " + Sql.id(t.name())));
    return "CREATE TEMPORARY TABLE "
        + Sql.id(name)
        + " (\n  "
        + String.join(",\n  ", columns)
        + "\n) WITH ('connector' = 'datagen')";
  }

  private static String key(LinkedHashMap<String, List<Property>> relations, String query) {
    StringBuilder key = new StringBuilder();
    relations.forEach(
        (name, properties) -> {
          key.append(name).append('\u0001');
          properties.forEach(p -> key.append(p).append('\u0001'));
          key.append('\u0000');
        });
    return key.append(query).toString();
  }

  /** Flink's message, its first line, without the wrapping; positions are in the query's text. */
  static String readable(Throwable e) {
    if (e instanceof StackOverflowError) {
      return "It is nested too deeply for Flink to check.";
    }
    // The deepest message, unless a message on the way says where in the query the problem is.
    String message = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      if (m != null && m.startsWith("From line ")) {
        message = m;
        break;
      }
      if (m != null && !m.isBlank()) {
        message = m;
      }
    }
    if (message == null) {
      return "Flink could not plan it (" + e.getClass().getSimpleName() + ").";
    }
    message = message.strip().split("\n")[0].trim();
    message = message.replaceFirst("^SQL parse failed\\.\\s*", "");
    message = message.replaceAll("\\s*Was expecting.*$", "");
    message =
        message.replaceAll(
            "^From line (\\d+), column (\\d+) to line \\d+, column \\d+: ",
            "At line $1, column $2: ");
    message = message.replace("Encountered \"<EOF>\"", "The query ended unexpectedly");
    return message.endsWith(".") ? message : message + ".";
  }
}
