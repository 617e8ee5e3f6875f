package io.eddy.core.nodes;

import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Unpack array: one event per element of an ARRAY property, in order, with the input's other
 * properties copied into each; the element under a new name, and optionally its position (from 1).
 * An empty or null array produces nothing. The event time is kept, so windows can follow.
 */
public final class UnpackArrayNode extends NodeType<UnpackArrayNode.Config> {

  /** The node's config. */
  public record Config(String array, String as, String index) {}

  @Override
  public Set<Role> roles() {
    return Set.of(Role.PER_EVENT);
  }

  @Override
  public String type() {
    return "unpackArray";
  }

  @Override
  public String label() {
    return "Unpack array";
  }

  @Override
  public String group() {
    return "Processors";
  }

  @Override
  public String description() {
    return "Emits one event per element of an array property.";
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
          Field.property("array", "Array property", "The input's ARRAY property to unpack.")
              .asRequired()
              .asCustom(),
          Field.string("as", "Element name", "The name of the element in the output, e.g. item.")
              .asRequired(),
          Field.string(
              "index",
              "Position name",
              "Optional: a property holding the element's position in the array (from 1)."));

  @Override
  public String documentation() {
    return """
        Example: `{"array": "items", "as": "item", "index": "itemNumber"}`. Output: the input's properties
        except the array, then `as` (the element: a ROW, reached into as `item.sku`, or a value) and, when
        `index` is given, the element's position (INTEGER, from 1). An event whose array is empty or null
        produces nothing. The event time is kept, so a window can follow. SQL: `CROSS JOIN UNNEST(...) WITH
        ORDINALITY`.
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
    if (blank(config.array())) {
      result.missing("array", "unpack.array-missing", "Choose the array property to unpack.");
      return;
    }
    var array = input.property(config.array());
    if (array.isEmpty()) {
      result.error(
          "array",
          "property.unknown",
          "There is no property `" + config.array() + "` in the input `" + input.nodeName() + "`.");
      return;
    }
    if (array.get().type() != PropertyType.ARRAY) {
      result.error(
          "array",
          "unpack.not-array",
          "`"
              + config.array()
              + "` is "
              + array.get().type()
              + ", not an ARRAY: only an array can be unpacked.");
      return;
    }
    if (blank(config.as())) {
      result.missing("as", "unpack.as-missing", "Name the element, e.g. item.");
      return;
    }
    List<Property> kept = kept(config, input.properties());
    boolean ok = checkName(config.as(), "as", kept, result);
    if (!blank(config.index())) {
      ok &= checkName(config.index(), "index", kept, result);
      if (config.index().equalsIgnoreCase(config.as())) {
        result.error(
            "index",
            "unpack.index-clash",
            "The position and the element are both named `" + config.as() + "`: rename one.");
        ok = false;
      }
    }
    if (ok) {
      result.output(output(config, input.properties(), array.get()));
    }
  }

  private static boolean checkName(
      String name, String field, List<Property> kept, NodeAnalysis result) {
    if (Sql.hasControlCharacters(name)) {
      result.error(
          field,
          "name.control-character",
          "Name `"
              + Sql.commentText(name)
              + "` contains a line break or control character: rename it.");
      return false;
    }
    if (OutputColumns.RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      result.error(field, "name.reserved", "`" + name + "` is a reserved name: choose another.");
      return false;
    }
    if (kept.stream().anyMatch(p -> p.name().equalsIgnoreCase(name))) {
      result.error(
          field,
          "unpack.name-clash",
          "The input already has a property `" + name + "`: choose another name.");
      return false;
    }
    return true;
  }

  private static List<Property> kept(Config config, List<Property> input) {
    return input.stream().filter(p -> !p.name().equals(config.array())).toList();
  }

  private static List<Property> output(Config config, List<Property> input, Property array) {
    List<Property> out = new ArrayList<>(kept(config, input));
    out.add(array.items().withName(config.as()));
    if (!blank(config.index())) {
      out.add(Property.of(config.index(), PropertyType.INTEGER));
    }
    return out;
  }

  /**
   * {@code CROSS JOIN UNNEST(array) WITH ORDINALITY}: Flink spreads the fields of a ROW element
   * over columns of their own, so a ROW element is put back together with its declared type.
   */
  @Override
  public NodeSql compile(Config config, CompileContext context) {
    List<Property> input = context.input().properties();
    Property array =
        input.stream().filter(p -> p.name().equals(config.array())).findFirst().orElseThrow();
    String in = Sql.id(Sql.relation(context.input().nodeName()));
    String unnested = Sql.id("eddy_unnested");
    Property element = array.items();
    List<String> elementColumns = new ArrayList<>();
    if (element.type() == PropertyType.ROW) {
      for (int i = 0; i < element.properties().size(); i++) {
        elementColumns.add("eddy_field_" + (i + 1));
      }
    } else {
      elementColumns.add("eddy_element");
    }
    String position = "eddy_position";
    List<String> select = new ArrayList<>();
    for (Property p : kept(config, input)) {
      select.add(in + "." + Sql.id(p.name()));
    }
    String value =
        element.type() == PropertyType.ROW
            ? "CAST(ROW("
                + String.join(
                    ", ", elementColumns.stream().map(c -> unnested + "." + Sql.id(c)).toList())
                + ") AS "
                + element.sqlType()
                + ")"
            : unnested + "." + Sql.id(elementColumns.get(0));
    select.add(value + " AS " + Sql.id(config.as()));
    if (!blank(config.index())) {
      select.add(
          "CAST(" + unnested + "." + Sql.id(position) + " AS INT) AS " + Sql.id(config.index()));
    }
    List<String> aliases = new ArrayList<>();
    elementColumns.forEach(c -> aliases.add(Sql.id(c)));
    aliases.add(Sql.id(position));
    return NodeSql.of(
        "CREATE TEMPORARY VIEW "
            + Sql.id(context.relation())
            + " AS\nSELECT\n  "
            + String.join(",\n  ", select)
            + "\nFROM "
            + Sql.id(context.input().relation())
            + " AS "
            + in
            + "\nCROSS JOIN UNNEST("
            + in
            + "."
            + Sql.id(array.name())
            + ") WITH ORDINALITY AS "
            + unnested
            + "("
            + String.join(", ", aliases)
            + ")");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
