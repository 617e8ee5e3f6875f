package io.eddy.engine.flowtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Fixture events of {@code eddy test}: JSON lines, one Kafka message each. A line is a bare JSON
 * object (the message value); or {@code {"value": {...}, "timestamp": ..., "key": ...}} (only those
 * fields, {@code value} required) to also set the record's timestamp and key, and {@code "headers":
 * {"name": "text"}} its headers; or {@code {"raw": "text"}} to send the text as the value byte for
 * byte. Timestamps are {@code yyyy-MM-dd HH:mm:ss.SSS} (UTC), ISO-8601, or epoch milliseconds.
 * Blank lines are ignored.
 */
public final class FixtureEvents {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ENVELOPE = Set.of("value", "timestamp", "key", "headers");

  /** Datetime text in the SQL form with 0–9 fraction digits, or with a {@code T}. */
  static final DateTimeFormatter LOCAL =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd")
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .appendPattern("HH:mm")
          .optionalStart()
          .appendPattern(":ss")
          .optionalEnd()
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter();

  /**
   * One message to produce; {@code headers} in order, values as UTF-8 text (null allowed); {@code
   * raw}: the value is sent byte for byte ({@code {"raw": ...}}), else it is JSON text.
   */
  public record Message(
      byte[] key,
      byte[] value,
      Long timestamp,
      java.util.Map<String, String> headers,
      boolean raw) {
    public Message(
        byte[] key, byte[] value, Long timestamp, java.util.Map<String, String> headers) {
      this(key, value, timestamp, headers, false);
    }

    public Message(byte[] key, byte[] value, Long timestamp) {
      this(key, value, timestamp, java.util.Map.of());
    }

    /**
     * The value as a source with {@code avroSchema} (when present) reads it: a JSON value written
     * as Avro binary with that schema by Avro's own writer; raw values and JSON sources unchanged.
     */
    public byte[] valueFor(java.util.Optional<org.apache.avro.Schema> avroSchema) {
      if (avroSchema.isEmpty() || raw || value == null) {
        return value;
      }
      try {
        return AvroMessages.encode(JSON.readTree(value), avroSchema.get());
      } catch (IOException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }

    /** The headers as Kafka record headers. */
    public java.util.List<org.apache.kafka.common.header.Header> kafkaHeaders() {
      java.util.List<org.apache.kafka.common.header.Header> out = new ArrayList<>();
      headers.forEach(
          (k, v) ->
              out.add(
                  new org.apache.kafka.common.header.internals.RecordHeader(
                      k, v == null ? null : v.getBytes(StandardCharsets.UTF_8))));
      return out;
    }
  }

  private FixtureEvents() {}

  /** Reads a fixture file. */
  public static List<Message> read(Path file) throws FlowTestException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new FlowTestException("The events file " + file + " cannot be read: " + e.getMessage());
    }
    return parse(lines, file.toString());
  }

  /** Parses fixture lines; {@code source} names them in messages. */
  public static List<Message> parse(List<String> lines, String source) throws FlowTestException {
    List<Message> messages = new ArrayList<>();
    int number = 0;
    for (String line : lines) {
      number++;
      String text = line.strip();
      if (text.isEmpty()) {
        continue;
      }
      if (number == 1 && text.charAt(0) == '\uFEFF') {
        text = text.substring(1);
      }
      messages.add(parseLine(text, source, number));
    }
    return messages;
  }

  private static Message parseLine(String text, String source, int line) throws FlowTestException {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new FlowTestException(
          where(source, line)
              + " is not JSON ("
              + e.getOriginalMessage()
              + "); to send text that is not JSON write {\"raw\": \"...\"}.");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new FlowTestException(where(source, line) + " is not a JSON object.");
    }
    if (object.size() == 1 && object.has("raw")) {
      JsonNode raw = object.get("raw");
      if (!raw.isTextual()) {
        throw new FlowTestException(where(source, line) + ": `raw` must be a string.");
      }
      return new Message(
          null, raw.asText().getBytes(StandardCharsets.UTF_8), null, java.util.Map.of(), true);
    }
    if (object.has("value") && allIn(object.fieldNames(), ENVELOPE)) {
      JsonNode value = object.get("value");
      byte[] valueBytes = value.isNull() ? null : value.toString().getBytes(StandardCharsets.UTF_8);
      Long timestamp = null;
      JsonNode ts = object.get("timestamp");
      if (ts != null && !ts.isNull()) {
        if (ts.isIntegralNumber()) {
          timestamp = ts.asLong();
        } else if (ts.isTextual()) {
          timestamp = epochMillis(ts.asText());
          if (timestamp == null) {
            throw new FlowTestException(
                where(source, line)
                    + ": timestamp `"
                    + ts.asText()
                    + "` is neither yyyy-MM-dd HH:mm:ss.SSS, ISO-8601 nor epoch milliseconds.");
          }
        } else {
          throw new FlowTestException(
              where(source, line) + ": timestamp must be a string or epoch milliseconds.");
        }
      }
      byte[] key = null;
      JsonNode k = object.get("key");
      if (k != null && !k.isNull()) {
        key = (k.isTextual() ? k.asText() : k.toString()).getBytes(StandardCharsets.UTF_8);
      }
      java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
      JsonNode h = object.get("headers");
      if (h != null && !h.isNull()) {
        if (!(h instanceof ObjectNode ho)) {
          throw new FlowTestException(
              where(source, line) + ": headers must be an object of names and texts.");
        }
        for (var it = ho.fields(); it.hasNext(); ) {
          var f = it.next();
          if (!f.getValue().isTextual() && !f.getValue().isNull()) {
            throw new FlowTestException(
                where(source, line) + ": header `" + f.getKey() + "` must be a text (or null).");
          }
          headers.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText());
        }
      }
      return new Message(key, valueBytes, timestamp, headers);
    }
    return new Message(null, text.getBytes(StandardCharsets.UTF_8), null);
  }

  private static boolean allIn(Iterator<String> names, Set<String> allowed) {
    while (names.hasNext()) {
      if (!allowed.contains(names.next())) {
        return false;
      }
    }
    return true;
  }

  /** Epoch milliseconds of a timestamp text (SQL form or ISO-8601; UTC without zone), or null. */
  public static Long epochMillis(String text) {
    String t = text.strip();
    try {
      return OffsetDateTime.parse(t).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      // not with an offset
    }
    try {
      // Flink's JSON writes a TIMESTAMP_LTZ nested in a ROW as 2024-03-04 09:03:25.000Z.
      return Instant.parse(t.endsWith("Z") ? t.replace(' ', 'T') : t).toEpochMilli();
    } catch (DateTimeParseException e) {
      // not an instant
    }
    try {
      return LocalDateTime.parse(t, LOCAL).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String where(String source, int line) {
    return "Line " + line + " of " + source;
  }
}
