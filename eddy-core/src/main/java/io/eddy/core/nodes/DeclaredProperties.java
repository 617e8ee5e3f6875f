package io.eddy.core.nodes;

import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import io.eddy.core.model.TimestampFormat;
import io.eddy.core.sql.Sql;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads declared properties (a source's {@code properties}, a database's {@code columns}) into
 * {@link Property} trees, reporting every wrong name, type or parameter at its path (e.g. {@code
 * properties[2].items.properties[0].type}). A wrong property is left out, its siblings are kept.
 */
final class DeclaredProperties {
  /** DECIMAL precision as Flink allows it. */
  static final int MAX_PRECISION = 38;

  private static final String TYPES =
      Arrays.stream(PropertyType.values()).map(Enum::name).collect(Collectors.joining(", "));

  private final NodeAnalysis result;
  private final boolean timestampFormats;

  private DeclaredProperties(NodeAnalysis result, boolean timestampFormats) {
    this.result = result;
    this.timestampFormats = timestampFormats;
  }

  /**
   * The declared properties at {@code field}; {@code timestampFormats} says whether timestamps may
   * say how they are written (sources only).
   */
  static List<Property> read(
      List<PropertyConfig> declared, String field, boolean timestampFormats, NodeAnalysis result) {
    return new DeclaredProperties(result, timestampFormats).list(declared, field, true);
  }

  private List<Property> list(List<PropertyConfig> declared, String field, boolean topLevel) {
    List<Property> properties = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < declared.size(); i++) {
      PropertyConfig p = declared.get(i);
      String at = field + "[" + i + "]";
      if (p == null || blank(p.name())) {
        result.error(at + ".name", "property.name-missing", "A property has no name.");
        continue;
      }
      if (Sql.hasControlCharacters(p.name())) {
        result.error(
            at + ".name",
            "name.control-character",
            "Property name `"
                + Sql.commentText(p.name())
                + "` contains a line break or control character: rename it.");
        continue;
      }
      if (!seen.add(p.name().toLowerCase(Locale.ROOT))) {
        result.error(
            at + ".name", "property.duplicate", "Property `" + p.name() + "` is defined twice.");
        continue;
      }
      if (topLevel && OutputColumns.RESERVED.contains(p.name().toLowerCase(Locale.ROOT))) {
        result.error(
            at + ".name",
            "name.reserved",
            "`"
                + p.name()
                + "` is a reserved name (Flink uses window_start, window_end and window_time):"
                + " deselect or rename it.");
        continue;
      }
      type(p, at, p.name(), topLevel).map(t -> t.withName(p.name())).ifPresent(properties::add);
    }
    return properties;
  }

  /** The type of {@code p} (its name not yet set), or empty after reporting why not. */
  private Optional<Property> type(PropertyConfig p, String at, String label, boolean topLevel) {
    Optional<PropertyType> parsed = PropertyType.parse(p.type());
    if (parsed.isEmpty()) {
      result.error(
          at + ".type",
          "property.type-unknown",
          "Property `"
              + label
              + "` has type `"
              + p.type()
              + "`, which is not one of "
              + TYPES
              + ".");
      return Optional.empty();
    }
    PropertyType type = parsed.get();
    if (!type.isTimestamp() && (p.format() != null || p.pattern() != null)) {
      result.error(
          at + ".format",
          "property.format-not-timestamp",
          "Property `" + label + "` is " + type + ": only timestamps have a format.");
      return Optional.empty();
    }
    switch (type) {
      case DECIMAL:
        return decimal(p, at, label);
      case ROW:
        if (p.properties() == null || p.properties().isEmpty()) {
          result.error(
              at + ".properties",
              "property.row-empty",
              "Property `" + label + "` is a ROW without properties: give it at least one.");
          return Optional.empty();
        }
        int before = result.problems().size();
        List<Property> nested = list(p.properties(), at + ".properties", false);
        return result.problems().size() > before
            ? Optional.empty()
            : Optional.of(Property.row(null, nested));
      case ARRAY:
        if (p.items() == null) {
          result.error(
              at + ".items",
              "property.items-missing",
              "Property `" + label + "` is an ARRAY: say the type of its elements (`items`).");
          return Optional.empty();
        }
        return type(p.items(), at + ".items", label + "[]", false)
            .map(t -> Property.array(null, t));
      case MAP:
        if (p.values() == null) {
          result.error(
              at + ".values",
              "property.values-missing",
              "Property `" + label + "` is a MAP: say the type of its values (`values`).");
          return Optional.empty();
        }
        return type(p.values(), at + ".values", label + "{}", false)
            .map(t -> Property.map(null, t));
      default:
        if (type.isTimestamp()) {
          return timestamp(p, type, at, label, topLevel);
        }
        return Optional.of(Property.of(null, type));
    }
  }

  private Optional<Property> decimal(PropertyConfig p, String at, String label) {
    Integer precision = p.precision();
    int scale = p.scale() == null ? 0 : p.scale();
    if (precision == null || precision < 1 || precision > MAX_PRECISION) {
      result.error(
          at + ".precision",
          "property.decimal-precision",
          "Property `"
              + label
              + "` is a DECIMAL: its precision (the number of digits) must be 1 to "
              + MAX_PRECISION
              + ".");
      return Optional.empty();
    }
    if (scale < 0 || scale > precision) {
      result.error(
          at + ".scale",
          "property.decimal-scale",
          "Property `"
              + label
              + "` is a DECIMAL("
              + precision
              + "): its scale (digits after the point) must be 0 to "
              + precision
              + ".");
      return Optional.empty();
    }
    return Optional.of(Property.decimal(null, precision, scale));
  }

  private Optional<Property> timestamp(
      PropertyConfig p, PropertyType type, String at, String label, boolean topLevel) {
    if (p.format() == null && p.pattern() == null) {
      return Optional.of(Property.of(null, type));
    }
    if (!timestampFormats) {
      result.error(
          at + ".format",
          "property.format-unsupported",
          "Property `" + label + "`: only an event source's timestamps have a format.");
      return Optional.empty();
    }
    if (!topLevel) {
      result.error(
          at + ".format",
          "property.format-nested",
          "Property `"
              + label
              + "`: a timestamp inside a ROW, ARRAY or MAP is read in the SQL form"
              + " (2023-05-21 14:47:20.742) and has no format; read it as STRING to convert it"
              + " yourself.");
      return Optional.empty();
    }
    Optional<TimestampFormat> format = TimestampFormat.parse(p.format());
    if (format.isEmpty()) {
      result.error(
          at + ".format",
          "property.format-unknown",
          "Property `"
              + label
              + "` has format `"
              + p.format()
              + "`, which is not one of "
              + String.join(", ", TimestampFormat.names())
              + ".");
      return Optional.empty();
    }
    if (format.get() == TimestampFormat.PATTERN) {
      if (blank(p.pattern())) {
        result.error(
            at + ".pattern",
            "property.pattern-missing",
            "Property `" + label + "` is read with a pattern: give the pattern.");
        return Optional.empty();
      }
      if (OFFSET_LETTERS.matcher(withoutQuoted(p.pattern())).find()) {
        result.error(
            at + ".pattern",
            "property.pattern-offset",
            "The pattern of property `"
                + label
                + "` reads a zone or offset (X, x, Z, O, V or z), which Flink's pattern parsing"
                + " ignores: use format `auto` for ISO-8601 times with an offset.");
        return Optional.empty();
      }
      try {
        DateTimeFormatter.ofPattern(p.pattern(), Locale.ROOT);
      } catch (IllegalArgumentException e) {
        result.error(
            at + ".pattern",
            "property.pattern-invalid",
            "The pattern of property `" + label + "` is not valid: " + e.getMessage());
        return Optional.empty();
      }
    } else if (p.pattern() != null) {
      result.error(
          at + ".pattern",
          "property.pattern-unexpected",
          "Property `"
              + label
              + "` has a pattern but format `"
              + format.get().json()
              + "`: choose format `pattern` or remove the pattern.");
      return Optional.empty();
    }
    return Optional.of(
        new Property(null, type, false, null, null, null, null, null, p.format(), p.pattern()));
  }

  private static final java.util.regex.Pattern OFFSET_LETTERS =
      java.util.regex.Pattern.compile("[XxZOVz]");

  /** A pattern without its quoted literal text ('T'). */
  private static String withoutQuoted(String pattern) {
    return pattern.replaceAll("'[^']*'", "");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
