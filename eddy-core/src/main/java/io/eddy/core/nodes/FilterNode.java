package io.eddy.core.nodes;

import io.eddy.core.analysis.ExpressionChecker;
import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.PropertyType;
import io.eddy.core.sql.Sql;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/** Filter: keeps the events for which a Flink SQL boolean expression is true. */
public final class FilterNode extends NodeType<FilterNode.Config> {

  /** The filter's config. */
  public record Config(String expression) {}

  @Override
  public Set<Role> roles() {
    return Set.of(Role.PER_EVENT);
  }

  @Override
  public String type() {
    return "filter";
  }

  @Override
  public String label() {
    return "Filter";
  }

  @Override
  public String group() {
    return "Processors";
  }

  @Override
  public String description() {
    return "Keeps the events that match a condition.";
  }

  @Override
  public Class<Config> configClass() {
    return Config.class;
  }

  @Override
  public String color() {
    return "#0f62fe";
  }

  private static final List<Field> FIELDS =
      Field.config(
          Field.expression(
                  "expression",
                  "Condition",
                  "A Flink SQL boolean expression over the input's properties, e.g. region ="
                      + " 'EMEA' AND price > 100.")
              .asRequired()
              .asCustom());

  @Override
  public String documentation() {
    return """
        Example: `{"expression": "region = 'EMEA' AND price > 100"}`. Output: the input's properties.
        """;
  }

  @Override
  public List<Field> fields() {
    return FIELDS;
  }

  @Override
  public void analyse(Config config, NodeContext context, NodeAnalysis result) {
    result.output(context.input().properties());
    if (config.expression() == null || config.expression().isBlank()) {
      result.missing(
          "expression", "expression.missing", "Enter the filter expression, e.g. region = 'EMEA'.");
      return;
    }
    var relations = new LinkedHashMap<String, List<io.eddy.core.model.Property>>();
    relations.put(context.input().nodeName(), context.input().properties());
    ExpressionChecker.Result checked =
        Expressions.check(
            context, relations, "expression", "Filter expression", config.expression(), result);
    if (checked != null && checked.type() != PropertyType.BOOLEAN) {
      result.error(
          "expression",
          "expression.not-boolean",
          "Filter expression `"
              + config.expression().strip()
              + "` is "
              + checked.flinkType()
              + ", not a condition: it must be true or false (e.g. price > 100).");
    }
  }

  @Override
  public NodeSql compile(Config config, CompileContext context) {
    return NodeSql.of(
        "CREATE TEMPORARY VIEW "
            + Sql.id(context.relation())
            + " AS\nSELECT *\nFROM "
            + Sql.id(context.input().relation())
            + " AS "
            + Sql.id(Sql.relation(context.input().nodeName()))
            + "\nWHERE (\n  "
            + config.expression().strip()
            + "\n)");
  }
}
