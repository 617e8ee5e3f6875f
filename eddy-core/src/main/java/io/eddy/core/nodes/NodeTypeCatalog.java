package io.eddy.core.nodes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the editor needs to know about each node type of a registry: the answer of {@code GET
 * /api/node-types}, in palette order.
 */
public final class NodeTypeCatalog {
  private NodeTypeCatalog() {}

  /**
   * An input port and how the editor labels it; {@code many} (present only when true) when it takes
   * several inputs, {@code min} of them.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Port(String port, String label, Boolean many, Integer min) {}

  /** One node type. */
  @JsonPropertyOrder({
    "type",
    "label",
    "group",
    "description",
    "color",
    "inputs",
    "output",
    "roles",
    "fields",
    "configSchema"
  })
  public record Entry(
      String type,
      String label,
      String group,
      String description,
      String color,
      List<Port> inputs,
      boolean output,
      List<Role> roles,
      List<Field> fields,
      JsonNode configSchema) {}

  public static List<Entry> of(NodeTypes registry) {
    return registry.types().stream().map(NodeTypeCatalog::entry).toList();
  }

  static Entry entry(NodeType<?> t) {
    List<Port> ports =
        t.inputPorts().stream()
            .map(
                p ->
                    t.inputPorts().size() == 1
                        ? t.manyInputs()
                            ? new Port(p, "Inputs", true, t.minInputs())
                            : new Port(p, "Input", null, null)
                        : new Port(p, capitalized(p), null, null))
            .toList();
    return new Entry(
        t.type(),
        t.label(),
        t.group(),
        t.description(),
        t.color(),
        ports,
        !t.roles().contains(Role.SINK),
        t.roles().stream().sorted().toList(),
        t.fields(),
        ConfigSchema.standalone(t.fields()));
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
