package io.eddy.core.nodes;

import io.eddy.core.analysis.ExpressionChecker;
import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import io.eddy.core.sql.ExpressionGuard;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Transform: computes new properties with Flink SQL expressions (a new property with the name of an
 * input property replaces it), then removes and renames output properties.
 */
public final class TransformNode extends NodeType<TransformNode.Config> {

  /** The transform's config. */
  public record Config(List<NewProperty> properties, OutputConfig output) {}

  /** A computed property. */
  public record NewProperty(String name, String expression) {}

  @Override
  public Set<Role> roles() {
    return Set.of(Role.PER_EVENT);
  }

  @Override
  public String type() {
    return "transform";
  }

  @Override
  public String label() {
    return "Transform";
  }

  @Override
  public String group() {
    return "Processors";
  }

  @Override
  public String description() {
    return "Computes new properties, and removes or renames properties.";
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
          Field.list(
                  "properties",
                  "New properties",
                  "Computed properties; one with an input property's name replaces it in place.",
                  Field.object(
                      "property",
                      "New property",
                      null,
                      Field.string("name", "Name", "The new property's name.").asRequired(),
                      Field.expression(
                              "expression",
                              "Expression",
                              "A Flink SQL expression over the input's properties.")
                          .asRequired()))
              .asCustom(),
          OutputConfig.FIELD);

  @Override
  public String documentation() {
    return """
        Example: `{"properties": [{"name": "total", "expression": "price * quantity"}], "output": {"remove": [...], "rename": {"old": "new"}}}`.
        New properties get the type Flink infers (a `DECIMAL` result keeps Flink's precision and scale when
        the input has DECIMAL properties, and is a `DOUBLE` otherwise, e.g. `quantity * 1.5`; a
        `ROW`, `ARRAY` or `MAP` result keeps its nested types); a new property with an input property's name
        replaces it in place. Expressions reach inside with Flink's syntax: `customer.country`, `items[1].sku`
        (arrays count from 1), `CARDINALITY(items)`, `attributes['colour']`.
        """;
  }

  @Override
  public List<Field> fields() {
    return FIELDS;
  }

  @Override
  public void analyse(Config config, NodeContext context, NodeAnalysis result) {
    result.columns(columns(config, context, result));
  }

  /** The output columns; also reports problems when {@code result} is given. */
  private List<OutputColumns.Column> columns(
      Config config, NodeContext context, NodeAnalysis result) {
    List<NewProperty> added = config.properties() == null ? List.of() : config.properties();
    if (added.isEmpty() && config.output() == null) {
      result.missing(
          "properties", "transform.missing", "Add a new property or change the output properties.");
    }
    NodeInput input = context.input();
    List<NewProperty> checkable = new ArrayList<>();
    List<String> checkableAt = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < added.size(); i++) {
      NewProperty p = added.get(i);
      String at = "properties[" + i + "]";
      if (p == null || p.name() == null || p.name().isBlank()) {
        result.missing(at + ".name", "property.name-missing", "Give every new property a name.");
        continue;
      }
      if (!names.add(p.name().toLowerCase(Locale.ROOT))) {
        result.error(
            at + ".name",
            "property.duplicate",
            "New property `" + p.name() + "` is defined twice.");
        continue;
      }
      if (p.expression() == null || p.expression().isBlank()) {
        result.missing(
            at + ".expression",
            "expression.missing",
            "Enter the expression of new property `" + p.name() + "`.");
        continue;
      }
      Optional<String> shape = ExpressionGuard.check(p.expression());
      if (shape.isPresent()) {
        result.error(
            at + ".expression",
            "expression.invalid",
            "The expression of `" + p.name() + "` is not a valid expression: " + shape.get() + ".");
        continue;
      }
      checkable.add(p);
      checkableAt.add(at + ".expression");
    }
    var relations = new LinkedHashMap<String, List<Property>>();
    relations.put(input.nodeName(), input.properties());
    List<ExpressionChecker.Result> types =
        checkable.isEmpty()
            ? List.of()
            : context
                .expressions()
                .check(relations, checkable.stream().map(NewProperty::expression).toList());

    boolean decimalInput =
        input.properties().stream().anyMatch(p -> p.contains(PropertyType.DECIMAL));
    LinkedHashMap<String, OutputColumns.Column> columns = new LinkedHashMap<>();
    for (Property p : input.properties()) {
      columns.put(p.name().toLowerCase(Locale.ROOT), OutputColumns.passThrough(p));
    }
    for (int i = 0; i < checkable.size(); i++) {
      NewProperty p = checkable.get(i);
      ExpressionChecker.Result type = types.get(i);
      if (!type.ok()) {
        result.error(
            checkableAt.get(i),
            "expression.invalid",
            "The expression of `"
                + p.name()
                + "` ("
                + p.expression().strip()
                + ") is not valid: "
                + type.error());
        continue;
      }
      if (type.type() == null) {
        result.error(
            checkableAt.get(i),
            "expression.type-unsupported",
            "The expression of `"
                + p.name()
                + "` gives a "
                + type.flinkType()
                + ", which a property cannot hold: convert it to text, a number, a boolean, a"
                + " date/time, bytes, a ROW, an ARRAY or a MAP with text keys.");
        continue;
      }
      String sql = "(" + p.expression().strip() + ")";
      Property shape = type.shape();
      boolean cast = type.needsCast();
      if (shape.type() == PropertyType.DECIMAL && !decimalInput) {
        // Without DECIMAL inputs a decimal comes from a literal (quantity * 1.5): a DOUBLE, as
        // before DECIMAL properties existed, so that flows without them keep their meaning.
        shape = Property.of(null, PropertyType.DOUBLE);
        cast = true;
      }
      if (cast) {
        sql = "CAST(" + sql + " AS " + shape.sqlType() + ")";
      }
      columns.put(
          p.name().toLowerCase(Locale.ROOT),
          new OutputColumns.Column(p.name(), sql, shape.withName(p.name())));
    }
    return OutputColumns.apply(config.output(), new ArrayList<>(columns.values()), result);
  }

  @Override
  public NodeSql compile(Config config, CompileContext context) {
    return NodeSql.of(
        "CREATE TEMPORARY VIEW "
            + Sql.id(context.relation())
            + " AS\nSELECT\n"
            + OutputColumns.selectList(context.columns())
            + "\nFROM "
            + Sql.id(context.input().relation())
            + " AS "
            + Sql.id(Sql.relation(context.input().nodeName())));
  }
}
