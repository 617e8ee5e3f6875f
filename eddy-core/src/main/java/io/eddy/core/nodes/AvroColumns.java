package io.eddy.core.nodes;

import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The columns of a source's Kafka table for Avro messages, derived from the record schema the
 * messages are written with.
 *
 * <p>Flink's {@code avro} format takes no schema: it reads each message with the schema it derives
 * from the table's column types (Flink's {@code AvroSchemaConverter}). Avro's binary encoding
 * carries no names, so a message written with the user's schema is read exactly when the derived
 * schema has the same fields in the same order with the same encodings: every field is a column, a
 * field that is not a union with null is {@code NOT NULL}, a union {@code ["null", T]} is a
 * nullable T (Flink always puts null first), records are ROWs, arrays ARRAYs, maps MAPs, a {@code
 * decimal} on bytes a DECIMAL of its precision and scale. Where Flink's column type is not the
 * property's type the view converts it: a top-level enum is read as its INT position (an enum is
 * encoded as that number) and turned into its symbol, and a timestamp inside a ROW, ARRAY or MAP is
 * read as a TIMESTAMP (Flink 2.2.1 derives the schema of nested types with its legacy timestamp
 * mapping) and cast to TIMESTAMP_LTZ in the session's UTC. What cannot be read exactly (other
 * unions, fixed, microsecond timestamps and times, nested enums) is refused with the reason.
 */
final class AvroColumns {
  private AvroColumns() {}

  /**
   * One field of the record: the property it is ({@code property}, named), the column type of the
   * Kafka table ({@code columnType}, nullability included) and the SQL that reads the column as the
   * property ({@code select}, given the quoted column).
   */
  record Column(Property property, String columnType, String select) {}

  /** The columns of a schema, or the sentence saying why the schema cannot be read. */
  record Reading(List<Column> columns, String problem) {
    boolean ok() {
      return problem == null;
    }

    /** The properties of every field, in the schema's order. */
    List<Property> properties() {
      return columns.stream().map(Column::property).toList();
    }
  }

  /** A field Flink's Avro format cannot read exactly. */
  private static final class Unsupported extends RuntimeException {
    Unsupported(String message) {
      super(message, null, false, false);
    }
  }

  /** A type: the property type, the column type with and without NOT NULL. */
  private record Typed(Property property, String column, String plainColumn) {}

  /** Reads {@code schemaText}, an Avro schema of a record. */
  static Reading read(String schemaText) {
    if (schemaText == null || schemaText.isBlank()) {
      return new Reading(List.of(), "Paste the Avro record schema the messages are written with.");
    }
    Schema schema;
    try {
      schema = new Schema.Parser().setValidateDefaults(false).parse(schemaText);
    } catch (org.apache.avro.AvroRuntimeException e) {
      return new Reading(List.of(), "The Avro schema cannot be read: " + e.getMessage());
    } catch (RuntimeException e) {
      // Jackson's parse errors (text that is not JSON) come through as their own exceptions.
      return new Reading(
          List.of(), "The Avro schema cannot be read: it is not JSON (" + firstLine(e) + ").");
    }
    if (schema.getType() != Schema.Type.RECORD) {
      return new Reading(
          List.of(),
          "The Avro schema must be a record (\"type\": \"record\" with fields), not "
              + schema.getType().getName()
              + ".");
    }
    if (schema.getFields().isEmpty()) {
      return new Reading(List.of(), "The Avro record `" + schema.getName() + "` has no fields.");
    }
    List<Column> columns = new ArrayList<>();
    try {
      for (Schema.Field f : schema.getFields()) {
        columns.add(column(f));
      }
    } catch (Unsupported e) {
      return new Reading(List.of(), e.getMessage());
    }
    return new Reading(List.copyOf(columns), null);
  }

  private static Column column(Schema.Field field) {
    String name = field.name();
    Schema schema = field.schema();
    boolean nullable = false;
    if (schema.getType() == Schema.Type.UNION) {
      schema = optional(schema, name);
      nullable = true;
    }
    String notNull = nullable ? "" : " NOT NULL";
    if (schema.getType() == Schema.Type.ENUM) {
      // An enum is encoded as the position of its symbol, an Avro int: read that, name it here.
      StringBuilder select = new StringBuilder("CAST(CASE {c}");
      List<String> symbols = schema.getEnumSymbols();
      for (int i = 0; i < symbols.size(); i++) {
        select.append(" WHEN ").append(i).append(" THEN ").append(Sql.str(symbols.get(i)));
      }
      // As STRING, the property's type (a CASE of literals is a VARCHAR of the longest).
      select.append(" END AS STRING)");
      return new Column(Property.of(name, PropertyType.STRING), "INT" + notNull, select.toString());
    }
    Typed t = type(schema, name, true);
    String select =
        t.plainColumn().equals(t.property().sqlType())
            ? "{c}"
            : "CAST({c} AS " + t.property().sqlType() + ")";
    return new Column(t.property().withName(name), t.column() + notNull, select);
  }

  /** The T of a union {@code ["null", T]}; any other union cannot be read. */
  private static Schema optional(Schema union, String path) {
    List<Schema> types = union.getTypes();
    if (types.size() == 2 && types.get(0).getType() == Schema.Type.NULL) {
      Schema t = types.get(1);
      if (t.getType() != Schema.Type.NULL && t.getType() != Schema.Type.UNION) {
        return t;
      }
    }
    if (types.size() == 2 && types.get(1).getType() == Schema.Type.NULL) {
      throw new Unsupported(
          "Field `"
              + path
              + "`: write the union with null first ([\"null\", \""
              + types.get(0).getType().getName()
              + "\"]): Flink's Avro format reads a union with null only in that order.");
    }
    throw new Unsupported(
        "Field `"
            + path
            + "` is a union of "
            + types.size()
            + " types: Flink's Avro format reads only unions of null and one type ([\"null\", T]).");
  }

  /** The property type and column type of a (non-union) schema; {@code top}: a table column. */
  private static Typed type(Schema schema, String path, boolean top) {
    LogicalType logical = schema.getLogicalType();
    if (logical != null) {
      return logicalType(schema, logical, path, top);
    }
    return switch (schema.getType()) {
      case STRING -> scalar(PropertyType.STRING);
      case BOOLEAN -> scalar(PropertyType.BOOLEAN);
      case INT -> scalar(PropertyType.INTEGER);
      case LONG -> scalar(PropertyType.BIGINT);
      case FLOAT -> scalar(PropertyType.FLOAT);
      case DOUBLE -> scalar(PropertyType.DOUBLE);
      case BYTES -> scalar(PropertyType.BYTES);
      case RECORD -> record(schema, path);
      case ARRAY -> {
        Typed items = nested(schema.getElementType(), path + "[]");
        yield new Typed(
            Property.array(null, items.property()),
            "ARRAY<" + items.column() + ">",
            "ARRAY<" + items.plainColumn() + ">");
      }
      case MAP -> {
        Typed values = nested(schema.getValueType(), path + "{}");
        yield new Typed(
            Property.map(null, values.property()),
            "MAP<STRING NOT NULL, " + values.column() + ">",
            "MAP<STRING, " + values.plainColumn() + ">");
      }
      case ENUM ->
          throw new Unsupported(
              "Field `"
                  + path
                  + "` is an enum inside a record, array or map: Flink's Avro format reads enums"
                  + " only as top-level fields here (make it a string, or a top-level field).");
      case FIXED ->
          throw new Unsupported(
              "Field `"
                  + path
                  + "` is a fixed type: Flink's Avro format reads bytes, not fixed (use \"bytes\").");
      default ->
          throw new Unsupported(
              "Field `"
                  + path
                  + "` is of type "
                  + schema.getType().getName()
                  + ", which Flink's Avro format cannot read.");
    };
  }

  /** A type inside a ROW, ARRAY or MAP: a union with null is nullable, else NOT NULL. */
  private static Typed nested(Schema schema, String path) {
    if (schema.getType() == Schema.Type.UNION) {
      return type(optional(schema, path), path, false);
    }
    Typed t = type(schema, path, false);
    return new Typed(t.property(), t.column() + " NOT NULL", t.plainColumn());
  }

  private static Typed record(Schema schema, String path) {
    List<Property> properties = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    List<String> plain = new ArrayList<>();
    if (schema.getFields().isEmpty()) {
      throw new Unsupported("Field `" + path + "` is a record without fields.");
    }
    for (Schema.Field f : schema.getFields()) {
      Typed t = nested(f.schema(), path + "." + f.name());
      properties.add(t.property().withName(f.name()));
      columns.add(Sql.id(f.name()) + " " + t.column());
      plain.add(Sql.id(f.name()) + " " + t.plainColumn());
    }
    return new Typed(
        Property.row(null, properties),
        "ROW<" + String.join(", ", columns) + ">",
        "ROW<" + String.join(", ", plain) + ">");
  }

  private static Typed logicalType(Schema schema, LogicalType logical, String path, boolean top) {
    if (logical instanceof LogicalTypes.Decimal d) {
      if (schema.getType() != Schema.Type.BYTES) {
        throw new Unsupported(
            "Field `"
                + path
                + "` is a decimal on a fixed type: Flink's Avro format reads decimals on bytes.");
      }
      if (d.getPrecision() > 38) {
        throw new Unsupported(
            "Field `" + path + "` has a precision above 38, the most Flink's DECIMAL holds.");
      }
      String type = "DECIMAL(" + d.getPrecision() + ", " + d.getScale() + ")";
      return new Typed(Property.decimal(null, d.getPrecision(), d.getScale()), type, type);
    }
    String name = logical.getName();
    switch (name) {
      case "date":
        return scalar(PropertyType.DATE);
      case "time-millis":
        return scalar(PropertyType.TIME);
      case "uuid":
        return scalar(PropertyType.STRING);
      case "timestamp-millis":
        // An instant. Flink reads it as TIMESTAMP_LTZ only at the top level (see the class).
        return top
            ? scalar(PropertyType.TIMESTAMP_LTZ)
            : new Typed(
                Property.of(null, PropertyType.TIMESTAMP_LTZ), "TIMESTAMP(3)", "TIMESTAMP(3)");
      case "local-timestamp-millis":
        return scalar(PropertyType.TIMESTAMP);
      case "timestamp-micros", "local-timestamp-micros", "time-micros":
        throw new Unsupported(
            "Field `"
                + path
                + "` is "
                + name
                + ": Flink 2.2.1's Avro format reads such numbers as milliseconds; write"
                + " milliseconds (timestamp-millis) instead.");
      default:
        throw new Unsupported(
            "Field `" + path + "` is " + name + ", which Flink's Avro format cannot read.");
    }
  }

  /**
   * The column type a destination writes {@code p} as with Flink's {@code avro} format: its own
   * type, except that a TIMESTAMP_LTZ inside an ARRAY or MAP is written as a TIMESTAMP (the same
   * milliseconds in the session's UTC): Flink 2.2.1 derives the schema of array elements and map
   * values with its legacy timestamp mapping, which has no TIMESTAMP_LTZ (and writes TIMESTAMP as
   * timestamp-millis).
   */
  static String writtenType(Property p) {
    return writtenType(p, false);
  }

  private static String writtenType(Property p, boolean inCollection) {
    return switch (p.type()) {
      case TIMESTAMP_LTZ -> inCollection ? "TIMESTAMP(3)" : p.sqlType();
      case ROW ->
          "ROW<"
              + String.join(
                  ", ",
                  p.properties().stream()
                      .map(q -> Sql.id(q.name()) + " " + writtenType(q, inCollection))
                      .toList())
              + ">";
      case ARRAY -> "ARRAY<" + writtenType(p.items(), true) + ">";
      case MAP -> "MAP<STRING, " + writtenType(p.values(), true) + ">";
      default -> p.sqlType();
    };
  }

  /** The first name in {@code p} (itself or nested) that is not a valid Avro name, if any. */
  static java.util.Optional<String> invalidName(Property p) {
    if (p.name() != null && !p.name().matches("[A-Za-z_][A-Za-z0-9_]*")) {
      return java.util.Optional.of(p.name());
    }
    return switch (p.type()) {
      case ROW ->
          p.properties().stream()
              .map(AvroColumns::invalidName)
              .flatMap(java.util.Optional::stream)
              .findFirst();
      case ARRAY -> invalidName(p.items());
      case MAP -> invalidName(p.values());
      default -> java.util.Optional.empty();
    };
  }

  private static Typed scalar(PropertyType type) {
    return new Typed(Property.of(null, type), type.sqlType(), type.sqlType());
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
