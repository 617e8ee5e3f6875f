package io.eddy.core.nodes;

import io.eddy.core.model.Property;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The columns a processor outputs: each has the reference a user writes in {@code output} (a
 * property name, or {@code Input.property} after a join), the SQL that computes it, and the
 * resulting property. Applies the {@link OutputConfig} and checks the result.
 */
public final class OutputColumns {
  public static final Set<String> RESERVED = Set.of("window_start", "window_end", "window_time");

  /** One output column. */
  public record Column(String reference, String sql, Property property) {}

  private OutputColumns() {}

  /** A column passing an input property through unchanged. */
  public static Column passThrough(Property property) {
    return new Column(property.name(), Sql.id(property.name()), property);
  }

  /**
   * Applies removals and renames to {@code columns}; reports unknown references, clashing names and
   * reserved names to {@code result}. {@code clashHint} explains how to resolve a clash.
   */
  public static List<Column> apply(OutputConfig output, List<Column> columns, NodeAnalysis result) {
    List<String> remove = output == null ? List.of() : output.removeOrEmpty();
    Map<String, String> rename = output == null ? Map.of() : output.renameOrEmpty();
    for (String r : remove) {
      if (find(columns, r).isEmpty()) {
        result.error(
            "output.remove",
            "output.unknown",
            "Output: cannot remove `" + r + "`: there is no such property. " + available(columns));
      }
    }
    for (String r : rename.keySet()) {
      if (find(columns, r).isEmpty()) {
        result.error(
            "output.rename",
            "output.unknown",
            "Output: cannot rename `" + r + "`: there is no such property. " + available(columns));
      }
    }
    List<Column> kept = new ArrayList<>();
    for (Column c : columns) {
      if (matches(c, remove)) {
        continue;
      }
      String newName = renamed(c, rename);
      if (newName != null) {
        if (newName.isBlank()) {
          result.error(
              "output.rename",
              "output.name-empty",
              "Output: the new name for `" + c.reference() + "` is empty.");
          continue;
        }
        c = new Column(c.reference(), c.sql(), c.property().withName(newName));
      }
      kept.add(c);
    }
    checkNames(kept, result);
    return kept;
  }

  /** Reports duplicate (case-insensitive) and reserved names among the output columns. */
  public static void checkNames(List<Column> columns, NodeAnalysis result) {
    Map<String, List<Column>> byName = new LinkedHashMap<>();
    for (Column c : columns) {
      byName
          .computeIfAbsent(c.property().name().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(c);
    }
    for (List<Column> same : byName.values()) {
      if (same.size() > 1) {
        result.error(
            "output",
            "output.name-duplicate",
            "Output: more than one property is named `"
                + same.get(0).property().name()
                + "` ("
                + same.stream()
                    .map(c -> "`" + c.reference() + "`")
                    .collect(Collectors.joining(", "))
                + "): rename or remove all but one in the output properties.");
      }
    }
    for (Column c : columns) {
      if (Sql.hasControlCharacters(c.property().name())) {
        result.error(
            "output",
            "name.control-character",
            "Property name `"
                + Sql.commentText(c.property().name())
                + "` contains a line break or control character: rename it.");
      }
      if (RESERVED.contains(c.property().name().toLowerCase(Locale.ROOT))) {
        result.error(
            "output",
            "name.reserved",
            "`"
                + c.property().name()
                + "` is a reserved name (Flink uses window_start, window_end and window_time):"
                + " rename it.");
      }
    }
  }

  private static boolean matches(Column c, List<String> references) {
    return references.contains(c.reference()) || references.contains(c.property().name());
  }

  private static String renamed(Column c, Map<String, String> rename) {
    String byReference = rename.get(c.reference());
    return byReference != null ? byReference : rename.get(c.property().name());
  }

  private static List<Column> find(List<Column> columns, String reference) {
    return columns.stream()
        .filter(c -> c.reference().equals(reference) || c.property().name().equals(reference))
        .toList();
  }

  private static String available(List<Column> columns) {
    return "Available: "
        + columns.stream().map(c -> "`" + c.reference() + "`").collect(Collectors.joining(", "))
        + ".";
  }

  /** {@code a AS b, ...} for a SELECT list. */
  public static String selectList(List<Column> columns) {
    return columns.stream()
        .map(c -> c.sql() + " AS " + Sql.id(c.property().name()))
        .collect(Collectors.joining(",\n  ", "  ", ""));
  }

  public static List<Property> properties(List<Column> columns) {
    return columns.stream().map(Column::property).toList();
  }
}
