package io.eddy.core.nodes;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The node-type reference of docs/flow-format.md, generated from a registry: per type its
 * description, a table of its declared fields and its {@link NodeType#documentation()}.
 */
public final class NodeTypeDocs {
  public static final String START =
      "<!-- node types: generated from the node types' declarations, do not edit by hand"
          + " (see docs/node-types.md) -->";
  public static final String END = "<!-- end of the generated node types -->";

  private NodeTypeDocs() {}

  /** The generated section, markers included. */
  public static String of(NodeTypes registry) {
    StringBuilder md = new StringBuilder(START).append("\n");
    for (NodeType<?> t : registry.types()) {
      md.append("\n### `").append(t.type()).append("`\n\n");
      md.append("**").append(t.label()).append("** (").append(t.group()).append("): ");
      md.append(t.description()).append("\n\n");
      md.append("| field | type | required | default | meaning |\n");
      md.append("| --- | --- | --- | --- | --- |\n");
      t.fields().forEach(f -> rows(f, md));
      String doc = t.documentation();
      if (!doc.isBlank()) {
        md.append("\n").append(doc.strip()).append("\n");
      }
    }
    return md.append("\n").append(END).toString();
  }

  /** {@code document} with its generated section replaced by the one of {@code registry}. */
  public static String replaceIn(String document, NodeTypes registry) {
    int start = document.indexOf(START);
    int end = document.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("the document has no generated node-type section");
    }
    return document.substring(0, start) + of(registry) + document.substring(end + END.length());
  }

  private static void rows(Field f, StringBuilder md) {
    md.append("| `")
        .append(f.path())
        .append("`")
        .append(f.sensitive() ? "\\*" : "")
        .append(" | ")
        .append(kind(f))
        .append(" | ")
        .append(f.required() ? "yes" : "")
        .append(" | ")
        .append(f.defaultValue() == null ? "" : "`" + f.defaultValue() + "`")
        .append(" | ")
        .append(
            (cell(f.description()) + (f.dependsOn() == null ? "" : dependsOn(f.dependsOn())))
                .strip())
        .append(" |\n");
    if (f.fields() != null) {
      f.fields().forEach(c -> rows(c, md));
    }
    if (f.items() != null && f.items().fields() != null) {
      f.items().fields().forEach(c -> rows(c, md));
    }
  }

  private static String kind(Field f) {
    return switch (f.type()) {
      case CHOICE -> "one of " + codes(f.allowed());
      case LIST -> "list of " + kind(f.items());
      case MAP -> "map of name → " + kind(f.values());
      case PROPERTIES -> "list of `{\"name\", \"type\"}`";
      case PROPERTY -> "property name";
      default -> f.type().json();
    };
  }

  private static String dependsOn(Field.DependsOn d) {
    return " (only when `"
        + d.field()
        + "` is "
        + d.values().stream().map(v -> "`" + v + "`").collect(Collectors.joining(" or "))
        + ")";
  }

  private static String codes(List<String> values) {
    return values.stream().map(v -> "`" + v + "`").collect(Collectors.joining(", "));
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
