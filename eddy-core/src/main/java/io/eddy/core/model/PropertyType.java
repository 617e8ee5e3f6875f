package io.eddy.core.model;

import java.util.Optional;

/**
 * The property types a flow can carry; each is the Flink SQL type of the same name. DECIMAL, ROW,
 * ARRAY and MAP take parameters (precision and scale, nested properties, an element or value type),
 * which {@link Property} holds; {@link Property#sqlType()} writes the complete type.
 */
public enum PropertyType {
  STRING("STRING"),
  BOOLEAN("BOOLEAN"),
  INTEGER("INT"),
  BIGINT("BIGINT"),
  FLOAT("FLOAT"),
  DOUBLE("DOUBLE"),
  DECIMAL("DECIMAL"),
  DATE("DATE"),
  TIME("TIME(0)"),
  // Millisecond precision: Flink refuses a watermark on TIMESTAMP(6), which plain TIMESTAMP means.
  TIMESTAMP("TIMESTAMP(3)"),
  TIMESTAMP_LTZ("TIMESTAMP_LTZ(3)"),
  BYTES("BYTES"),
  ROW("ROW"),
  ARRAY("ARRAY"),
  MAP("MAP");

  private final String sqlType;

  PropertyType(String sqlType) {
    this.sqlType = sqlType;
  }

  /**
   * The Flink SQL type of a scalar type; for DECIMAL, ROW, ARRAY and MAP only the type's name (use
   * {@link Property#sqlType()}).
   */
  public String sqlType() {
    return sqlType;
  }

  public boolean isTimestamp() {
    return this == TIMESTAMP || this == TIMESTAMP_LTZ;
  }

  public boolean isNumeric() {
    return this == INTEGER || this == BIGINT || this == FLOAT || this == DOUBLE || this == DECIMAL;
  }

  /** ROW, ARRAY and MAP: types made of other types. */
  public boolean isComposite() {
    return this == ROW || this == ARRAY || this == MAP;
  }

  /** Parses a type name as written in flow documents (case-insensitive). */
  public static Optional<PropertyType> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (PropertyType type : values()) {
      if (type.name().equalsIgnoreCase(name.trim())) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
