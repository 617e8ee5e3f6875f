package io.eddy.core.nodes;

import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Top-n: the first {@code limit} events of each time window (and group) by one property. Outputs
 * the input properties, the window's start, end and result time, and the rank {@code topN}.
 */
public final class TopNNode extends NodeType<TopNNode.Config> {

  /** The top-n's config. */
  public record Config(
      WindowConfig window,
      Integer limit,
      OrderBy orderBy,
      List<String> groupBy,
      OutputConfig output) {}

  /** The ranking: a property and a direction (ASC or DESC). */
  public record OrderBy(String property, String direction) {}

  @Override
  public String type() {
    return "topN";
  }

  @Override
  public String label() {
    return "Top-n";
  }

  @Override
  public String group() {
    return "Windowed";
  }

  @Override
  public String description() {
    return "Keeps the first n events of each time window (and group), ranked by a property.";
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
          Field.integer(
                  "limit", "Events to keep", "The n of top-n: 1 to 10000 per window and group.")
              .asRequired()
              .withSchema(Map.of("minimum", 1)),
          Field.object(
                  "orderBy",
                  "Ranking",
                  "The property that ranks the events, and the direction.",
                  Field.property("property", "Property", null).asRequired(),
                  Field.choice("direction", "Direction", null, "ASC", "DESC").withDefault("DESC"))
              .asRequired()
              .asCustom(),
          Field.list(
                  "groupBy",
                  "Group by",
                  "Properties whose values form the groups ranked separately.",
                  Field.property("property", "Property", null))
              .asCustom(),
          OutputConfig.FIELD);

  @Override
  public String documentation() {
    return """
        Output: the input's properties, `windowStartTime`, `windowEndTime`, `windowResultTime` (event time)
        and `topN` (the rank, 1..limit).
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
    if (config.limit() == null) {
      result.missing(
          "limit",
          "topn.limit-missing",
          "Set how many events to keep per window (the n of top-n).");
    } else if (config.limit() < 1 || config.limit() > 10_000) {
      result.error(
          "limit",
          "topn.limit-invalid",
          "The number of events to keep must be between 1 and 10000, not " + config.limit() + ".");
    }
    OrderBy orderBy = config.orderBy();
    if (orderBy == null || orderBy.property() == null || orderBy.property().isBlank()) {
      result.missing(
          "orderBy.property", "topn.order-missing", "Choose the property that ranks the events.");
    } else {
      Optional<Property> p = input.property(orderBy.property());
      if (p.isEmpty()) {
        result.error(
            "orderBy.property",
            "topn.order-unknown",
            "The ranking property `"
                + orderBy.property()
                + "` is not a property of the input `"
                + input.nodeName()
                + "`.");
      }
      if (orderBy.direction() != null
          && !List.of("ASC", "DESC").contains(orderBy.direction().toUpperCase(Locale.ROOT))) {
        result.error(
            "orderBy.direction",
            "topn.direction-invalid",
            "The ranking direction must be ASC or DESC, not `" + orderBy.direction() + "`.");
      }
    }
    for (String g : groupBy(config)) {
      if (input.property(g).isEmpty()) {
        result.error(
            "groupBy",
            "group-by.unknown",
            "Group-by property `"
                + g
                + "` is not a property of the input `"
                + input.nodeName()
                + "`.");
      }
    }
    List<OutputColumns.Column> columns = new ArrayList<>();
    for (Property p : input.properties()) {
      // After the window function the input's event time is a plain timestamp.
      columns.add(OutputColumns.passThrough(p.asPlain()));
    }
    columns.add(
        AggregateNode.window("windowStartTime", "window_start", PropertyType.TIMESTAMP, false));
    columns.add(AggregateNode.window("windowEndTime", "window_end", PropertyType.TIMESTAMP, false));
    PropertyType timeType =
        config.window() == null || config.window().timeProperty() == null
            ? PropertyType.TIMESTAMP
            : input
                .property(config.window().timeProperty())
                .map(Property::type)
                .orElse(PropertyType.TIMESTAMP);
    columns.add(AggregateNode.window("windowResultTime", "window_time", timeType, true));
    columns.add(
        new OutputColumns.Column("topN", Sql.id("topN"), Property.of("topN", PropertyType.BIGINT)));
    return OutputColumns.apply(config.output(), columns, result);
  }

  private static List<String> groupBy(Config config) {
    return config.groupBy() == null ? List.of() : config.groupBy();
  }

  @Override
  public NodeSql compile(Config config, CompileContext context) {
    List<String> partition = new ArrayList<>(List.of("`window_start`", "`window_end`"));
    groupBy(config).forEach(g -> partition.add(Sql.id(g)));
    String direction =
        config.orderBy().direction() == null
            ? "DESC"
            : config.orderBy().direction().toUpperCase(Locale.ROOT);
    return NodeSql.of(
        "CREATE TEMPORARY VIEW "
            + Sql.id(context.relation())
            + " AS\nSELECT\n"
            + OutputColumns.selectList(context.columns())
            + "\nFROM (\n  SELECT *, ROW_NUMBER() OVER (PARTITION BY "
            + String.join(", ", partition)
            + " ORDER BY "
            + Sql.id(config.orderBy().property())
            + " "
            + direction
            + ") AS `topN`\n  FROM "
            + config.window().tableFunction(context.input().relation())
            + "\n)\nWHERE `topN` <= "
            + config.limit());
  }
}
