package io.eddy.core.nodes;

import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the enrichments (database lookup, temporal enrichment) share: events matched to rows by
 * equality ({@code match}) and the chosen columns of the matching row added to each event ({@code
 * enrich}), in SQL the event aliased {@code event} and the row {@code row}.
 */
public final class Enrichment {
  private Enrichment() {}

  /** An equality between an event property and a column of the rows events are enriched from. */
  public record Match(String property, String column) {}

  /**
   * Checks {@code match} against the events' input and the rows' {@code columns}; {@code rows}
   * names the rows in messages ("table `customers`"). An empty {@code columns} means not known yet.
   */
  static void checkMatch(
      List<Match> match,
      NodeInput events,
      List<Property> columns,
      String rows,
      NodeAnalysis result) {
    if (match.isEmpty()) {
      result.missing(
          "match",
          "enrichment.match-missing",
          "Add a match criterion: an event property equal to a column of " + rows + ".");
    }
    for (Match m : match) {
      if (m == null || m.property() == null || m.column() == null) {
        result.missing(
            "match",
            "enrichment.match-incomplete",
            "Complete every match criterion with a property and a column.");
        continue;
      }
      Optional<Property> p = events.property(m.property());
      Optional<Property> c = find(columns, m.column());
      if (p.isEmpty()) {
        result.error(
            "match",
            "enrichment.match-property-unknown",
            "Match: `"
                + m.property()
                + "` is not a property of the input `"
                + events.nodeName()
                + "`.");
      }
      if (c.isEmpty() && !columns.isEmpty()) {
        result.error(
            "match",
            "enrichment.match-column-unknown",
            "Match: `" + m.column() + "` is not a column of " + rows + ".");
      }
      if (p.isPresent() && c.isPresent() && !comparable(p.get().type(), c.get().type())) {
        result.error(
            "match",
            "enrichment.match-types",
            "Match: property `"
                + m.property()
                + "` is "
                + p.get().type()
                + " but column `"
                + m.column()
                + "` is "
                + c.get().type()
                + ": they cannot be compared.");
      }
    }
  }

  /**
   * The events' properties, then the {@code enrich} columns of the row (unknown ones reported,
   * unless {@code columns} is not known yet).
   */
  static List<OutputColumns.Column> columns(
      NodeInput events,
      List<String> enrich,
      List<Property> columns,
      String rows,
      NodeAnalysis result) {
    if (enrich.isEmpty()) {
      result.missing(
          "enrich", "enrichment.enrich-missing", "Choose the columns to add to each event.");
    }
    List<OutputColumns.Column> out = new ArrayList<>();
    for (Property p : events.properties()) {
      out.add(new OutputColumns.Column(p.name(), Sql.id("event", p.name()), p));
    }
    for (String e : enrich) {
      Optional<Property> c = find(columns, e);
      if (c.isEmpty()) {
        if (!columns.isEmpty()) {
          result.error(
              "enrich",
              "enrichment.enrich-unknown",
              "Column `" + e + "` to add is not a column of " + rows + ".");
        }
        continue;
      }
      Property column = c.get();
      // a row's own event time (a versioned table's) is a plain timestamp on the events, which keep
      // theirs
      out.add(
          column.eventTime()
              ? new OutputColumns.Column(
                  e, "CAST(" + Sql.id("row", e) + " AS TIMESTAMP(3))", column.withEventTime(false))
              : new OutputColumns.Column(e, Sql.id("row", e), column));
    }
    return out;
  }

  /** {@code `event`.`p` = `row`.`c` AND ...} */
  static String condition(List<Match> match) {
    List<String> on = new ArrayList<>();
    for (Match m : match) {
      on.add(Sql.id("event", m.property()) + " = " + Sql.id("row", m.column()));
    }
    return String.join(" AND ", on);
  }

  static Optional<Property> find(List<Property> columns, String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  private static boolean comparable(PropertyType a, PropertyType b) {
    return a == b || (a.isNumeric() && b.isNumeric());
  }
}
