package io.eddy.core.nodes;

import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import io.eddy.core.model.TimestampFormat;
import io.eddy.core.sql.Sql;

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
   * The common forms by {@link #COMMON_FORMS} (several times cheaper than a cast, which tries every
   * optional part of Flink's lenient timestamp syntax), anything else by {@link #general}.
   */
  private static String auto(String s, PropertyType type) {
    String common = "TO_TIMESTAMP(REPLACE(" + s + ", ' ', 'T'), " + Sql.str(COMMON_FORMS) + ")";
    // CASE, not COALESCE: Flink 2.2.1's COALESCE is a function whose arguments are all computed,
    // so the general path would run for every value; CASE runs only the branch taken.
    String fast = fromWallTime(common, type);
    return "CASE WHEN " + fast + " IS NOT NULL THEN " + fast + " ELSE " + general(s, type) + " END";
  }

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
