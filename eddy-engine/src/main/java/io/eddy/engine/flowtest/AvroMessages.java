package io.eddy.engine.flowtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.model.Property;
import io.eddy.core.nodes.DestinationNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.formats.avro.typeutils.AvroSchemaConverter;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;

/**
 * Avro messages for {@code eddy test}: a fixture line's JSON value written as Avro binary with a
 * source's record schema (by Avro's own {@link GenericDatumWriter}, as any producer would), and a
 * destination's Avro messages read back with the schema Flink writes them with and shown as JSON.
 */
public final class AvroMessages {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroMessages() {}

  /** The record schema of a node config with {@code "format": "avro"}, else empty. */
  public static Optional<Schema> schemaOf(JsonNode config) {
    if (config == null || !"avro".equalsIgnoreCase(config.path("format").asText())) {
      return Optional.empty();
    }
    JsonNode schema = config.get("avroSchema");
    if (schema == null || schema.isNull()) {
      return Optional.empty();
    }
    return Optional.of(
        new Schema.Parser().parse(schema.isTextual() ? schema.asText() : schema.toString()));
  }

  /**
   * The schema Flink's {@code avro} format writes a destination's messages with: derived by Flink
   * from the destination's column types (see {@link DestinationNode#avroRowType}).
   */
  public static Schema writtenSchema(List<Property> properties) {
    org.apache.flink.table.types.logical.LogicalType row =
        LogicalTypeParser.parse(
                DestinationNode.avroRowType(properties), AvroMessages.class.getClassLoader())
            // The table's row itself is never null: the schema is a record, not a union.
            .copy(false);
    return AvroSchemaConverter.convertToSchema(row, false);
  }

  /** {@code value} (JSON) as Avro binary of {@code schema}; a value that does not fit throws. */
  public static byte[] encode(JsonNode value, Schema schema) {
    Object datum = toAvro(value, schema, "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      new GenericDatumWriter<Object>(schema).write(datum, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** An Avro binary message of {@code schema} as JSON (timestamps as SQL text, decimals exact). */
  public static JsonNode decode(byte[] message, Schema schema) throws IOException {
    GenericRecord record =
        new GenericDatumReader<GenericRecord>(schema)
            .read(null, DecoderFactory.get().binaryDecoder(message, null));
    return toJson(record, schema);
  }

  private static Object toAvro(JsonNode v, Schema schema, String path) {
    if (schema.getType() == Schema.Type.UNION) {
      if (v == null || v.isNull()) {
        if (schema.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL)) {
          return null;
        }
        throw new IllegalArgumentException(at(path) + " is missing");
      }
      IllegalArgumentException last = null;
      for (Schema branch : schema.getTypes()) {
        if (branch.getType() == Schema.Type.NULL) {
          continue;
        }
        try {
          return toAvro(v, branch, path);
        } catch (IllegalArgumentException e) {
          last = e;
        }
      }
      throw last;
    }
    if (v == null || v.isNull()) {
      if (schema.getType() == Schema.Type.NULL) {
        return null;
      }
      throw new IllegalArgumentException(at(path) + " is missing (the schema allows no null)");
    }
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal d) {
      BigDecimal number;
      try {
        number = new BigDecimal(v.asText()).setScale(d.getScale(), RoundingMode.UNNECESSARY);
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException(
            at(path) + " `" + v.asText() + "` is not a decimal with " + d.getScale() + " digits");
      }
      byte[] bytes = number.unscaledValue().toByteArray();
      return schema.getType() == Schema.Type.FIXED
          ? new GenericData.Fixed(schema, fixed(bytes, schema.getFixedSize(), number))
          : ByteBuffer.wrap(bytes);
    }
    if (logical != null) {
      switch (logical.getName()) {
        case "timestamp-millis", "local-timestamp-millis" -> {
          return millis(v, path);
        }
        case "timestamp-micros", "local-timestamp-micros" -> {
          return millis(v, path) * 1000;
        }
        case "date" -> {
          return v.isNumber() ? v.asInt() : (int) LocalDate.parse(v.asText()).toEpochDay();
        }
        case "time-millis" -> {
          return v.isNumber()
              ? v.asInt()
              : (int) (LocalTime.parse(v.asText()).toNanoOfDay() / 1_000_000);
        }
        default -> {
          // read as the underlying type below
        }
      }
    }
    switch (schema.getType()) {
      case RECORD -> {
        if (!v.isObject()) {
          throw new IllegalArgumentException(at(path) + " must be an object");
        }
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field f : schema.getFields()) {
          record.put(f.pos(), toAvro(v.get(f.name()), f.schema(), join(path, f.name())));
        }
        return record;
      }
      case ARRAY -> {
        if (!v.isArray()) {
          throw new IllegalArgumentException(at(path) + " must be an array");
        }
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
          items.add(toAvro(v.get(i), schema.getElementType(), path + "[" + (i + 1) + "]"));
        }
        return items;
      }
      case MAP -> {
        if (!v.isObject()) {
          throw new IllegalArgumentException(at(path) + " must be an object");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          map.put(
              e.getKey(),
              toAvro(e.getValue(), schema.getValueType(), path + "['" + e.getKey() + "']"));
        }
        return map;
      }
      case ENUM -> {
        if (!schema.hasEnumSymbol(v.asText())) {
          throw new IllegalArgumentException(
              at(path) + " `" + v.asText() + "` is not one of " + schema.getEnumSymbols());
        }
        return new GenericData.EnumSymbol(schema, v.asText());
      }
      case STRING -> {
        return v.isTextual() ? v.asText() : v.toString();
      }
      case BOOLEAN -> {
        return bool(v, path);
      }
      case INT -> {
        return number(v, path).intValueExact();
      }
      case LONG -> {
        return number(v, path).longValueExact();
      }
      case FLOAT -> {
        return number(v, path).floatValue();
      }
      case DOUBLE -> {
        return number(v, path).doubleValue();
      }
      case BYTES -> {
        return ByteBuffer.wrap(Base64.getDecoder().decode(v.asText()));
      }
      case FIXED -> {
        return new GenericData.Fixed(schema, Base64.getDecoder().decode(v.asText()));
      }
      default ->
          throw new IllegalArgumentException(
              at(path)
                  + " has type "
                  + schema.getType().getName()
                  + ", which fixtures cannot write");
    }
  }

  private static JsonNode toJson(Object datum, Schema schema) {
    if (datum == null) {
      return NODES.nullNode();
    }
    if (schema.getType() == Schema.Type.UNION) {
      return toJson(datum, schema.getTypes().get(GenericData.get().resolveUnion(schema, datum)));
    }
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal d) {
      byte[] bytes = datum instanceof ByteBuffer b ? bytes(b) : ((GenericData.Fixed) datum).bytes();
      return NODES.numberNode(new BigDecimal(new BigInteger(bytes), d.getScale()));
    }
    if (logical != null) {
      switch (logical.getName()) {
        case "timestamp-millis", "local-timestamp-millis" -> {
          return NODES.textNode(sqlTime((Long) datum));
        }
        case "timestamp-micros", "local-timestamp-micros" -> {
          return NODES.textNode(sqlTime((Long) datum / 1000));
        }
        case "date" -> {
          return NODES.textNode(LocalDate.ofEpochDay((Integer) datum).toString());
        }
        case "time-millis" -> {
          return NODES.textNode(LocalTime.ofNanoOfDay((Integer) datum * 1_000_000L).toString());
        }
        default -> {
          // shown as the underlying type below
        }
      }
    }
    switch (schema.getType()) {
      case RECORD -> {
        ObjectNode o = NODES.objectNode();
        GenericRecord r = (GenericRecord) datum;
        for (Schema.Field f : schema.getFields()) {
          o.set(f.name(), toJson(r.get(f.pos()), f.schema()));
        }
        return o;
      }
      case ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        for (Object item : (List<?>) datum) {
          a.add(toJson(item, schema.getElementType()));
        }
        return a;
      }
      case MAP -> {
        ObjectNode o = NODES.objectNode();
        ((Map<?, ?>) datum)
            .forEach((k, v) -> o.set(k.toString(), toJson(v, schema.getValueType())));
        return o;
      }
      case BYTES -> {
        return NODES.textNode(Base64.getEncoder().encodeToString(bytes((ByteBuffer) datum)));
      }
      case FIXED -> {
        return NODES.textNode(
            Base64.getEncoder().encodeToString(((GenericData.Fixed) datum).bytes()));
      }
      case INT -> {
        return NODES.numberNode((Integer) datum);
      }
      case LONG -> {
        return NODES.numberNode((Long) datum);
      }
      case FLOAT -> {
        return NODES.numberNode((Float) datum);
      }
      case DOUBLE -> {
        return NODES.numberNode((Double) datum);
      }
      case BOOLEAN -> {
        return NODES.booleanNode((Boolean) datum);
      }
      default -> {
        return NODES.textNode(datum.toString());
      }
    }
  }

  private static long millis(JsonNode v, String path) {
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    Long millis = FixtureEvents.epochMillis(v.asText());
    if (millis == null) {
      throw new IllegalArgumentException(
          at(path) + " `" + v.asText() + "` is not a timestamp (SQL form, ISO-8601 or epoch ms)");
    }
    return millis;
  }

  private static BigDecimal number(JsonNode v, String path) {
    try {
      return new BigDecimal(v.asText());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(at(path) + " `" + v.asText() + "` is not a number");
    }
  }

  private static boolean bool(JsonNode v, String path) {
    if (!v.isBoolean()) {
      throw new IllegalArgumentException(at(path) + " must be true or false");
    }
    return v.asBoolean();
  }

  private static byte[] fixed(byte[] unscaled, int size, BigDecimal number) {
    if (unscaled.length > size) {
      throw new IllegalArgumentException(number + " does not fit " + size + " bytes");
    }
    byte[] out = new byte[size];
    byte pad = (byte) (number.signum() < 0 ? -1 : 0);
    java.util.Arrays.fill(out, 0, size - unscaled.length, pad);
    System.arraycopy(unscaled, 0, out, size - unscaled.length, unscaled.length);
    return out;
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer copy = b.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }

  private static String sqlTime(long millis) {
    return FlowTestRunner.TIMESTAMP.format(
        LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String at(String path) {
    return path.isEmpty() ? "The value" : "`" + path + "`";
  }
}
