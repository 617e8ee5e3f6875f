package io.eddy.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.eddy.core.sql.Sql;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A named, typed property of the events flowing out of a node. {@code eventTime} marks a property
 * that is an event-time attribute (windows and interval joins need one). Types nest: a ROW has
 * {@code properties}, an ARRAY the type of its elements ({@code items}, a property without a name),
 * a MAP the type of its values ({@code values}; keys are strings); a DECIMAL has {@code precision}
 * and {@code scale}. A source's timestamps may say how they are written ({@code format}, {@code
 * pattern}). Absent parts are left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "name",
  "type",
  "eventTime",
  "properties",
  "items",
  "values",
  "precision",
  "scale",
  "format",
  "pattern"
})
public record Property(
    String name,
    PropertyType type,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean eventTime,
    List<Property> properties,
    Property items,
    Property values,
    Integer precision,
    Integer scale,
    String format,
    String pattern) {

  public Property {
    properties = properties == null ? null : List.copyOf(properties);
  }

  /** A property of a type without parameters. */
  public static Property of(String name, PropertyType type) {
    return new Property(name, type, false, null, null, null, null, null, null, null);
  }

  /** A scalar property, marked as event time when {@code eventTime}. */
  public Property(String name, PropertyType type, boolean eventTime) {
    this(name, type, eventTime, null, null, null, null, null, null, null);
  }

  public static Property decimal(String name, int precision, int scale) {
    return new Property(
        name, PropertyType.DECIMAL, false, null, null, null, precision, scale, null, null);
  }

  public static Property row(String name, List<Property> properties) {
    return new Property(
        name, PropertyType.ROW, false, properties, null, null, null, null, null, null);
  }

  public static Property array(String name, Property items) {
    return new Property(
        name, PropertyType.ARRAY, false, null, items.withName(null), null, null, null, null, null);
  }

  public static Property map(String name, Property values) {
    return new Property(
        name, PropertyType.MAP, false, null, null, values.withName(null), null, null, null, null);
  }

  public Property withName(String newName) {
    return new Property(
        newName, type, eventTime, properties, items, values, precision, scale, format, pattern);
  }

  public Property withEventTime(boolean isEventTime) {
    return new Property(
        name, type, isEventTime, properties, items, values, precision, scale, format, pattern);
  }

  /** The same property without the event-time mark. */
  public Property asPlain() {
    return new Property(
        name, type, false, properties, items, values, precision, scale, format, pattern);
  }

  /**
   * The same property without the source-only {@code format} and {@code pattern} (how a timestamp
   * is written in a message), at any depth: what the events carry.
   */
  public Property withoutFormat() {
    return new Property(
        name,
        type,
        eventTime,
        properties == null ? null : properties.stream().map(Property::withoutFormat).toList(),
        items == null ? null : items.withoutFormat(),
        values == null ? null : values.withoutFormat(),
        precision,
        scale,
        null,
        null);
  }

  /** The complete Flink SQL type, e.g. {@code ARRAY<ROW<`sku` STRING, `price` DECIMAL(10, 2)>>}. */
  public String sqlType() {
    return switch (type) {
      case DECIMAL -> "DECIMAL(" + precision + ", " + scale + ")";
      case ROW ->
          "ROW<"
              + properties.stream()
                  .map(p -> Sql.id(p.name()) + " " + p.sqlType())
                  .collect(Collectors.joining(", "))
              + ">";
      case ARRAY -> "ARRAY<" + items.sqlType() + ">";
      case MAP -> "MAP<STRING, " + values.sqlType() + ">";
      default -> type.sqlType();
    };
  }

  /** True when this type, or one nested in it, is {@code wanted}. */
  public boolean contains(PropertyType wanted) {
    if (type == wanted) {
      return true;
    }
    return switch (type) {
      case ROW -> properties.stream().anyMatch(p -> p.contains(wanted));
      case ARRAY -> items.contains(wanted);
      case MAP -> values.contains(wanted);
      default -> false;
    };
  }
}
