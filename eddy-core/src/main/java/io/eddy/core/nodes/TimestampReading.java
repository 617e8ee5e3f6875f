package io.eddy.core.nodes;

import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import io.eddy.core.model.TimestampFormat;
import io.eddy.core.sql.Sql;
import java.util.Map;

/**
 * How a source reads one declared timestamp: the column type of the Kafka table (what the JSON
 * format parses) and the SQL that turns that column into the property's type. Each form is read the
 * cheapest correct way, and a value that does not fit becomes null:
 *
 * <ul>
 *   <li>{@code epochMillis}/{@code epochSeconds}: the JSON format reads the number (or numeric
 *       text) as a BIGINT, {@code TO_TIMESTAMP_LTZ(n, 3|0)} makes it an instant: no text at all;
 *   <li>{@code pattern}: one parse, {@code TO_TIMESTAMP(text, pattern)};
 *   <li>{@code auto}: the forms nearly every topic uses, SQL form or ISO-8601 with milliseconds or
 *       whole seconds, with or without {@code Z}, are one parse with a fixed pattern; only a value
 *       that pattern does not fit takes the general path: one cast after two character
 *       replacements, or for text ending in an offset ({@code +01:00}) its local part cast and the
 *       offset subtracted ({@code 10:03:25+01:00} is 09:03:25 UTC). Flink's own {@code
 *       TO_TIMESTAMP_LTZ(text, format)} ignores offsets (Flink 2.2.1), so it is not used.
 * </ul>
 *
 * <p>Flink's JSON format parses a {@code TIMESTAMP(3)} column itself only in one form per table
 * ({@code json.timestamp-format.standard}: the SQL form, or ISO-8601 without a zone; {@code
 * TIMESTAMP_LTZ} only with a {@code Z}), which is never all that {@code auto} promises, so text is
 * read and parsed here (docs/sql-export.md, "Reading timestamps").
 *
 * <p>Instants are turned into the wall time in UTC for a TIMESTAMP and kept for a TIMESTAMP_LTZ;
 * the script sets {@code table.local-time-zone} to UTC, so both agree.
 */
final class TimestampReading {
  private TimestampReading() {}

  /** The column type of the Kafka table for timestamp {@code p}. */
  static String columnType(Property p) {
    return switch (format(p)) {
      case EPOCH_MILLIS, EPOCH_SECONDS -> "BIGINT";
      case AUTO, PATTERN -> "STRING";
    };
  }

  /** The SQL turning column {@code p} of the Kafka table into {@code p}'s type. */
  static String conversion(Property p) {
    String column = Sql.id(p.name());
    return switch (format(p)) {
      case EPOCH_MILLIS -> fromInstant("TO_TIMESTAMP_LTZ(" + column + ", 3)", p.type());
      case EPOCH_SECONDS -> fromInstant("TO_TIMESTAMP_LTZ(" + column + ", 0)", p.type());
      case PATTERN ->
          fromWallTime("TO_TIMESTAMP(" + column + ", " + Sql.str(p.pattern()) + ")", p.type());
      case AUTO -> auto(column, p.type());
    };
  }

  private static TimestampFormat format(Property p) {
    return TimestampFormat.parse(p.format()).orElse(TimestampFormat.AUTO);
  }

  private static String fromInstant(String instant, PropertyType type) {
    return type == PropertyType.TIMESTAMP_LTZ ? instant : "CAST(" + instant + " AS TIMESTAMP(3))";
  }

  private static String fromWallTime(String utcWallTime, PropertyType type) {
    return type == PropertyType.TIMESTAMP
        ? utcWallTime
        : "CAST(" + utcWallTime + " AS TIMESTAMP_LTZ(3))";
  }

  /**
   * The pattern of the common forms. Every space becomes {@code T} first, so that a value the
   * pattern does not fit never reaches {@code TO_TIMESTAMP}'s lenient second try ({@code
   * java.sql.Timestamp.valueOf}, taken for text with a space, which keeps digits beyond the
   * millisecond) and gives null there; the general path then decides.
   */
  static final String COMMON_FORMS = "yyyy-MM-dd'T'HH:mm:ss[.SSS]['Z']";

  /**
   * The text {@code TO_TIMESTAMP} with {@link #COMMON_FORMS} reads: exactly the common forms
   * (four-digit year, two-digit fields, a space or {@code T}, three-digit milliseconds or none,
   * {@code Z} or nothing), and a date alone ({@code 2024-03-04}, {@code 2024-3-4}), which its
   * second try ({@code java.sql.Date.valueOf}, taken for text without a space) reads as midnight.
   */
  static final String COMMON_SHAPE =
      "^[0-9]{4}-([0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{3})?Z?"
          + "|[0-9]{1,2}-[0-9]{1,2})$";

  /**
   * One parse per value, chosen by the text's shape: the common forms by a pattern of exactly their
   * length (a pattern with optional parts copies its parse state at each one, which made the parse
   * a third dearer; for text of the common shape it reads exactly what {@link #COMMON_FORMS}
   * reads), a date alone by {@link #COMMON_FORMS}, anything else by {@link #general}. Testing the
   * shape costs far less than a parse; trying the pattern and parsing again when it fits ({@code
   * CASE WHEN parse IS NOT NULL THEN parse}) parsed every common value twice, as Flink 2.2.1
   * computes a repeated expression again (and every argument of its COALESCE).
   */
  private static String auto(String s, PropertyType type) {
    String t = "REPLACE(" + s + ", ' ', 'T')";
    StringBuilder byLength = new StringBuilder("CASE CHAR_LENGTH(" + s + ")");
    for (Map.Entry<Integer, String> form : EXACT_FORMS.entrySet()) {
      byLength
          .append(" WHEN ")
          .append(form.getKey())
          .append(" THEN TO_TIMESTAMP(")
          .append(t)
          .append(", ")
          .append(Sql.str(form.getValue()))
          .append(")");
    }
    byLength.append(" ELSE TO_TIMESTAMP(").append(t).append(", ").append(Sql.str(COMMON_FORMS));
    byLength.append(") END");
    return "CASE WHEN REGEXP("
        + s
        + ", "
        + Sql.str(COMMON_SHAPE)
        + ") THEN "
        + fromWallTime(byLength.toString(), type)
        + " ELSE "
        + general(s, type)
        + " END";
  }

  /** {@link #COMMON_FORMS} without optional parts, by the length of the text each reads. */
  private static final Map<Integer, String> EXACT_FORMS =
      new java.util.TreeMap<>(
          Map.of(
              19, "yyyy-MM-dd'T'HH:mm:ss",
              20, "yyyy-MM-dd'T'HH:mm:ss'Z'",
              23, "yyyy-MM-dd'T'HH:mm:ss.SSS",
              24, "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"));

  /**
   * Without an offset one cast after two replacements; with one (the sixth character from the end
   * is {@code +} or {@code -}: {@code +01:00}), the local part shifted by the offset. A malformed
   * offset gives null.
   */
  private static String general(String s, PropertyType type) {
    String plain =
        "TRY_CAST(REPLACE(REPLACE(" + s + ", 'T', ' '), 'Z', '') AS " + type.sqlType() + ")";
    String length = "CHAR_LENGTH(" + s + ")";
    String sign = "SUBSTRING(" + s + " FROM " + length + " - 5 FOR 1)";
    String minutes =
        "(TRY_CAST(SUBSTRING("
            + s
            + " FROM "
            + length
            + " - 4 FOR 2) AS INT) * 60 + TRY_CAST(SUBSTRING("
            + s
            + " FROM "
            + length
            + " - 1 FOR 2) AS INT))";
    String local =
        "TRY_CAST(REPLACE(SUBSTRING("
            + s
            + " FROM 1 FOR "
            + length
            + " - 6), 'T', ' ') AS TIMESTAMP(3))";
    // UTC = local time minus the offset: +01:00 subtracts an hour, -05:00 adds five.
    String shifted =
        "TIMESTAMPADD(MINUTE, (CASE WHEN "
            + sign
            + " = '-' THEN 1 ELSE -1 END) * "
            + minutes
            + ", "
            + local
            + ")";
    return "CASE WHEN "
        + sign
        + " IN ('+', '-') THEN "
        + fromWallTime(shifted, type)
        + " ELSE "
        + plain
        + " END";
  }
}
