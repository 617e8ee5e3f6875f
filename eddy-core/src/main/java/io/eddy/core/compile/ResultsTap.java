package io.eddy.core.compile;

import io.eddy.core.model.Property;
import io.eddy.core.sql.Sql;
import java.util.List;

/**
 * The run-only copy of one node's events into an internal Kafka topic, which the engine reads back
 * the same way for an embedded and a remote cluster. Timestamps are written as text with exactly
 * three fraction digits ({@code yyyy-MM-dd HH:mm:ss.SSS}), as results and tests show them.
 */
final class ResultsTap {
  private ResultsTap() {}

  /** The tap table's {@code CREATE} statement. */
  static String table(String name, CompileOptions.Tap tap, List<Property> properties) {
    String columns =
        String.join(
            ",\n",
            properties.stream()
                .map(
                    p ->
                        "  "
                            + Sql.id(p.name())
                            + " "
                            + (p.type().isTimestamp() ? "STRING" : p.sqlType()))
                .toList());
    return "CREATE TEMPORARY TABLE "
        + Sql.id(name)
        + " (\n"
        + columns
        + "\n) "
        + Sql.withOptions(
            List.of(
                new String[] {"connector", "kafka"},
                new String[] {"topic", tap.topic()},
                new String[] {"properties.bootstrap.servers", tap.bootstrapServers()},
                new String[] {"format", "json"},
                new String[] {"json.encode.decimal-as-plain-number", "true"}));
  }

  /** The {@code INSERT} copying {@code relation}'s events into the tap table. */
  static String insert(String name, List<Property> properties, String relation) {
    String select =
        String.join(
            ",\n  ",
            properties.stream()
                .map(
                    p ->
                        p.type().isTimestamp()
                            ? "DATE_FORMAT(CAST("
                                + Sql.id(p.name())
                                + " AS TIMESTAMP(3)), 'yyyy-MM-dd HH:mm:ss.SSS') AS "
                                + Sql.id(p.name())
                            : Sql.id(p.name()))
                .toList());
    return "INSERT INTO " + Sql.id(name) + "\nSELECT\n  " + select + "\nFROM " + Sql.id(relation);
  }
}
