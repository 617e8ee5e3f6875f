package io.eddy.core.nodes;

import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Combine: the events of two or more inputs merged into one stream ({@code UNION ALL}). The output
 * has the first listed input's properties; each other input feeds them from the property of the
 * same name, or from the one its {@code map} names. An output property is an event time when it is
 * one in every input.
 */
public final class CombineNode extends NodeType<CombineNode.Config> {

  /** The node's config: the inputs, by node name, the first one giving the output's properties. */
  public record Config(List<Source> inputs) {}

  /** One input: its node name and, for the second and later, output property → its property. */
  public record Source(String input, Map<String, String> map) {
    Map<String, String> mapping() {
      return map == null ? Map.of() : map;
    }
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.PER_EVENT);
  }

  @Override
  public String type() {
    return "combine";
  }

  @Override
  public String label() {
    return "Combine";
  }

  @Override
  public String group() {
    return "Processors";
  }

  @Override
  public String description() {
    return "Merges the events of two or more inputs of the same kind into one stream.";
  }

  @Override
  public Class<Config> configClass() {
    return Config.class;
  }

  @Override
  public String color() {
    return "#0f62fe";
  }

  @Override
  public boolean manyInputs() {
    return true;
  }

  @Override
  public int minInputs() {
    return 2;
  }

  private static final List<Field> FIELDS =
      Field.config(
          Field.list(
                  "inputs",
                  "Inputs",
                  "Every connected input, by node name; the output has the first one's properties.",
                  Field.object(
                      "source",
                      "Input",
                      null,
                      Field.string("input", "Input", "The input node's name.").asRequired(),
                      Field.map(
                          "map",
                          "Property mapping",
                          "Output property → this input's property that feeds it; by default the"
                              + " property of the same name.",
                          Field.property("property", "Input property", null))))
              .asRequired()
              .asCustom());

  @Override
  public String documentation() {
    return """
        Example: `{"inputs": [{"input": "EU orders"}, {"input": "US orders", "map": {"id": "orderId", "price":
        "amount"}}]}`. Output: the first input's properties. Every other input feeds each of them from its
        property of the same name, or from the one `map` names (output property → input property). Types must
        match, except that an INTEGER widens to BIGINT or DOUBLE; other properties of the inputs are left out.
        An output property is an event time when it is one in every input (so a window can follow);
        otherwise it is a plain timestamp. Events are not deduplicated or ordered: every event of every input
        comes out once. SQL: `UNION ALL` of one `SELECT` per input.
        """;
  }

  @Override
  public List<Field> fields() {
    return FIELDS;
  }

  @Override
  public void analyse(Config config, NodeContext context, NodeAnalysis result) {
    List<Source> sources = config.inputs() == null ? List.of() : config.inputs();
    if (sources.isEmpty()) {
      result.missing(
          "inputs",
          "combine.inputs-missing",
          "List the inputs to combine: the output has the first one's properties.");
      return;
    }
    Map<String, NodeInput> byName = new LinkedHashMap<>();
    context.inputs().forEach(i -> byName.put(i.nodeName(), i));
    List<NodeInput> listed = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Source s : sources) {
      if (s == null || s.input() == null || s.input().isBlank()) {
        result.error("inputs", "combine.input-blank", "An entry of the inputs names no input.");
      } else if (!byName.containsKey(s.input())) {
        result.error(
            "inputs",
            "combine.input-unknown",
            "`"
                + s.input()
                + "` is not connected to this combine: connect it or take it out of the inputs.");
      } else if (!seen.add(s.input())) {
        result.error("inputs", "combine.input-twice", "`" + s.input() + "` is listed twice.");
      } else {
        listed.add(byName.get(s.input()));
      }
    }
    for (NodeInput i : context.inputs()) {
      if (!seen.contains(i.nodeName())) {
        result.error(
            "inputs",
            "combine.input-unlisted",
            "The input `"
                + i.nodeName()
                + "` is connected but not among the inputs to combine: add it.");
      }
    }
    if (listed.size() != sources.size() || listed.size() != context.inputs().size()) {
      return;
    }
    result.output(output(sources, listed, result));
  }

  /** The first input's properties, each an event time only when every input maps one to it. */
  private static List<Property> output(
      List<Source> sources, List<NodeInput> inputs, NodeAnalysis result) {
    NodeInput first = inputs.get(0);
    if (!sources.get(0).mapping().isEmpty()) {
      result.error(
          "inputs",
          "combine.first-mapped",
          "The first input, `"
              + first.nodeName()
              + "`, gives the output its properties: a mapping applies to the other inputs only.");
    }
    List<Property> out = new ArrayList<>();
    for (Property p : first.properties()) {
      boolean eventTime = p.eventTime();
      for (int i = 1; i < inputs.size(); i++) {
        Optional<Property> from = feeding(p, sources.get(i), inputs.get(i), result);
        eventTime &= from.map(Property::eventTime).orElse(false);
      }
      out.add(p.withEventTime(eventTime));
    }
    for (int i = 1; i < inputs.size(); i++) {
      for (String target : sources.get(i).mapping().keySet()) {
        if (first.property(target).isEmpty()) {
          result.error(
              "inputs",
              "combine.map-unknown",
              "The mapping of `"
                  + inputs.get(i).nodeName()
                  + "` names `"
                  + target
                  + "`, which is not a property of the first input `"
                  + first.nodeName()
                  + "`.");
        }
      }
    }
    return out;
  }

  /** The property of {@code input} that feeds output property {@code target}, if it fits. */
  private static Optional<Property> feeding(
      Property target, Source source, NodeInput input, NodeAnalysis result) {
    String name = source.mapping().getOrDefault(target.name(), target.name());
    Optional<Property> from = input.property(name);
    if (from.isEmpty()) {
      result.error(
          "inputs",
          "combine.property-missing",
          name.equals(target.name())
              ? "`"
                  + input.nodeName()
                  + "` has no property `"
                  + name
                  + "`: map one of its properties to it."
              : "`"
                  + input.nodeName()
                  + "` has no property `"
                  + name
                  + "` (mapped to `"
                  + target.name()
                  + "`).");
      return Optional.empty();
    }
    if (!fits(from.get(), target)) {
      result.error(
          "inputs",
          "combine.type-mismatch",
          "`"
              + input.nodeName()
              + "`.`"
              + name
              + "` is "
              + from.get().sqlType()
              + ", but `"
              + target.name()
              + "` is "
              + target.sqlType()
              + ": the types must match (an INTEGER widens to BIGINT or DOUBLE).");
      return Optional.empty();
    }
    return from;
  }

  private static boolean fits(Property from, Property target) {
    return from.sqlType().equals(target.sqlType()) || widens(from, target);
  }

  private static boolean widens(Property from, Property target) {
    return from.type() == PropertyType.INTEGER
        && (target.type() == PropertyType.BIGINT || target.type() == PropertyType.DOUBLE);
  }

  /**
   * One {@code SELECT} per input, in the listed order, joined by {@code UNION ALL}. A property that
   * is an event time in one input but not in the output is cast to a plain timestamp, so every
   * branch has the same column types.
   */
  @Override
  public NodeSql compile(Config config, CompileContext context) {
    Map<String, CompileContext.InputRelation> byName = new LinkedHashMap<>();
    context.inputs().forEach(i -> byName.put(i.nodeName(), i));
    List<String> selects = new ArrayList<>();
    for (Source s : config.inputs()) {
      CompileContext.InputRelation input = byName.get(s.input());
      List<String> columns = new ArrayList<>();
      for (Property target : context.output()) {
        String name = s.mapping().getOrDefault(target.name(), target.name());
        Property from =
            input.properties().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
        boolean cast = widens(from, target) || (from.eventTime() && !target.eventTime());
        String value =
            cast ? "CAST(" + Sql.id(name) + " AS " + target.sqlType() + ")" : Sql.id(name);
        columns.add(
            value.equals(Sql.id(target.name())) ? value : value + " AS " + Sql.id(target.name()));
      }
      selects.add(
          "SELECT\n  " + String.join(",\n  ", columns) + "\nFROM " + Sql.id(input.relation()));
    }
    return NodeSql.of(
        "CREATE TEMPORARY VIEW "
            + Sql.id(context.relation())
            + " AS\n"
            + String.join("\nUNION ALL\n", selects));
  }
}
