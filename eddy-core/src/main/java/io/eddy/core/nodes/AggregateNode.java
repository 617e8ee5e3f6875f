package io.eddy.core.nodes;

import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Aggregate: COUNT, SUM, AVG, MIN, MAX per time window and group. Outputs the group-by properties,
 * the results, and the window's start, end and result time (the new event time).
 */
public final class AggregateNode extends NodeType<AggregateNode.Config> {

  /** The aggregate's config. */
  public record Config(
      WindowConfig window, List<Aggregate> aggregates, List<String> groupBy, OutputConfig output) {}

  /** One aggregate function; {@code as} defaults to {@code FUNCTION_property}. */
  public record Aggregate(String function, String property, String as) {}

  private static final Set<String> FUNCTIONS = Set.of("COUNT", "SUM", "AVG", "MIN", "MAX");

  @Override
  public String type() {
    return "aggregate";
  }

  @Override
  public String label() {
    return "Aggregate";
  }

  @Override
  public String group() {
    return "Windowed";
  }

  @Override
  public String description() {
    return "Computes counts, sums, averages, minimums or maximums per time window and group.";
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
          WindowConfig.FIELD,
          Field.list(
                  "aggregates",
                  "Aggregates",
                  "The results to compute per window and group.",
                  Field.object(
                      "aggregate",
                      "Aggregate",
                      null,
                      Field.choice(
                              "function",
                              "Function",
                              "AVG is always a DOUBLE.",
                              "COUNT",
                              "SUM",
                              "AVG",
                              "MIN",
                              "MAX")
                          .asRequired(),
                      Field.property(
                          "property", "Property", "The property it applies to (COUNT: optional)."),
                      Field.string(
                          "as", "Result name", "Defaults to FUNCTION_property, e.g. SUM_price.")))
              .asRequired()
              .asCustom(),
          Field.list(
                  "groupBy",
                  "Group by",
                  "Properties whose values form the groups.",
                  Field.property("property", "Property", null))
              .asCustom(),
          OutputConfig.FIELD);

  @Override
  public String documentation() {
    return """
        `timeProperty` must be the input's event time. Without `slide` a standard (tumbling) window, with it a
        rolling (hopping) window (`size` a whole multiple of `slide`). `COUNT`, `SUM`, `AVG` (always `DOUBLE`),
        `MIN`, `MAX`; `as` defaults to `FUNCTION_property`. Output: group-by properties, results,
        `aggregateStartTime`, `aggregateEndTime`, `aggregateResultTime` (window end − 1 ms, the new event time).
        """;
  }

  @Override
  public List<Field> fields() {
    return FIELDS;
  }

  @Override
  public void analyse(Config config, NodeContext context, NodeAnalysis result) {
    result.columns(columns(config, context.input(), result));
  }

  private List<OutputColumns.Column> columns(Config config, NodeInput input, NodeAnalysis result) {
    WindowConfig.check(config.window(), input, result);
    List<OutputColumns.Column> columns = new ArrayList<>();
    for (String g : groupBy(config)) {
      Optional<Property> p = input.property(g);
      if (p.isEmpty()) {
        result.error(
            "groupBy",
            "group-by.unknown",
            "Group-by property `"
                + g
                + "` is not a property of the input `"
                + input.nodeName()
                + "`.");
      } else {
        columns.add(OutputColumns.passThrough(p.get().asPlain()));
      }
    }
    List<Aggregate> aggregates = config.aggregates() == null ? List.of() : config.aggregates();
    if (aggregates.isEmpty()) {
      result.missing(
          "aggregates",
          "aggregate.missing",
          "Add at least one aggregate function (COUNT, SUM, AVG, MIN or MAX).");
    }
    for (Aggregate a : aggregates) {
      aggregate(a, input, result).ifPresent(columns::add);
    }
    columns.add(window("aggregateStartTime", "window_start", PropertyType.TIMESTAMP, false));
    columns.add(window("aggregateEndTime", "window_end", PropertyType.TIMESTAMP, false));
    PropertyType timeType =
        config.window() == null || config.window().timeProperty() == null
            ? PropertyType.TIMESTAMP
            : input
                .property(config.window().timeProperty())
                .map(Property::type)
                .orElse(PropertyType.TIMESTAMP);
    columns.add(window("aggregateResultTime", "window_time", timeType, true));
    return OutputColumns.apply(config.output(), columns, result);
  }

  static OutputColumns.Column window(
      String name, String column, PropertyType type, boolean eventTime) {
    return new OutputColumns.Column(name, Sql.id(column), new Property(name, type, eventTime));
  }

  private static List<String> groupBy(Config config) {
    return config.groupBy() == null ? List.of() : config.groupBy();
  }

  private static Optional<OutputColumns.Column> aggregate(
      Aggregate a, NodeInput input, NodeAnalysis result) {
    if (a == null || a.function() == null || a.function().isBlank()) {
      result.missing("Choose the function of every aggregate.");
      return Optional.empty();
    }
    String function = a.function().toUpperCase(Locale.ROOT);
    if (!FUNCTIONS.contains(function)) {
      result.error(
          "Aggregate function `" + a.function() + "` is not one of COUNT, SUM, AVG, MIN, MAX.");
      return Optional.empty();
    }
    boolean hasProperty = a.property() != null && !a.property().isBlank();
    if (!hasProperty && !function.equals("COUNT")) {
      result.missing("Choose the property that " + function + " applies to.");
      return Optional.empty();
    }
    String as =
        a.as() != null && !a.as().isBlank()
            ? a.as()
            : function + (hasProperty ? "_" + a.property() : "");
    if (!hasProperty) {
      return Optional.of(
          new OutputColumns.Column(as, "COUNT(*)", Property.of(as, PropertyType.BIGINT)));
    }
    Optional<Property> p = input.property(a.property());
    if (p.isEmpty()) {
      result.error(
          function
              + " of `"
              + a.property()
              + "`: there is no such property in the input `"
              + input.nodeName()
              + "`.");
      return Optional.empty();
    }
    PropertyType type = p.get().type();
    String arg = Sql.id(a.property());
    switch (function) {
      case "COUNT":
        return Optional.of(
            new OutputColumns.Column(
                as, "COUNT(" + arg + ")", Property.of(as, PropertyType.BIGINT)));
      case "SUM":
      case "AVG":
        if (!type.isNumeric()) {
          result.error(function + " needs a number, but `" + a.property() + "` is " + type + ".");
          return Optional.empty();
        }
        if (function.equals("AVG")) {
          // Flink averages integers as integers (1 and 4 give 2): average as DOUBLE instead.
          return Optional.of(
              new OutputColumns.Column(
                  as, "AVG(CAST(" + arg + " AS DOUBLE))", Property.of(as, PropertyType.DOUBLE)));
        }
        // Flink sums a DECIMAL(p, s) as a DECIMAL(38, s): exact, with room for any number of
        // events.
        Property sum =
            type == PropertyType.DECIMAL
                ? Property.decimal(as, DeclaredProperties.MAX_PRECISION, p.get().scale())
                : Property.of(as, type);
        return Optional.of(new OutputColumns.Column(as, "SUM(" + arg + ")", sum));
      default:
        if (type == PropertyType.BOOLEAN || type == PropertyType.BYTES || type.isComposite()) {
          result.error(function + " cannot compare `" + a.property() + "`, which is " + type + ".");
          return Optional.empty();
        }
        return Optional.of(
            new OutputColumns.Column(
                as, function + "(" + arg + ")", p.get().asPlain().withName(as)));
    }
  }

  @Override
  public NodeSql compile(Config config, CompileContext context) {
    List<String> group =
        new ArrayList<>(List.of("`window_start`", "`window_end`", "`window_time`"));
    groupBy(config).forEach(g -> group.add(Sql.id(g)));
    return NodeSql.of(
        "CREATE TEMPORARY VIEW "
            + Sql.id(context.relation())
            + " AS\nSELECT\n"
            + OutputColumns.selectList(context.columns())
            + "\nFROM "
            + config.window().tableFunction(context.input().relation())
            + "\nGROUP BY "
            + String.join(", ", group));
  }
}
