package io.eddy.core.nodes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Event destination: writes every event it receives to a Kafka topic as JSON or Avro. */
public final class DestinationNode extends NodeType<DestinationNode.Config> {

  /** The destination's config. */
  public record Config(KafkaConfig kafka, String format, Key key, List<Header> headers) {}

  /** The property written (as text) as the message key. */
  public record Key(String property) {}

  /** A header {@code name} holding property {@code property} as UTF-8 text. */
  public record Header(String name, String property) {}

  @Override
  public String type() {
    return "destination";
  }

  @Override
  public String label() {
    return "Event destination";
  }

  @Override
  public String group() {
    return "Events";
  }

  @Override
  public String description() {
    return "Writes every event it receives to a Kafka topic as a JSON object (or Avro).";
  }

  @Override
  public Class<Config> configClass() {
    return Config.class;
  }

  @Override
  public String color() {
    return "#8a3ffc";
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.WRITES_KAFKA, Role.SINK, Role.PER_EVENT);
  }

  private static final List<Field> FIELDS =
      Field.config(
          KafkaConfig.FIELD,
          Field.choice(
                  "format",
                  "Message format",
                  "How messages are written: JSON, or Avro binary with a record schema derived from"
                      + " the properties.",
                  "json",
                  "avro")
              .withDefault("json"),
          Field.object(
              "key",
              "Message key",
              "Optional: a property written (as text) as each message's key.",
              Field.property("property", "Key property", "The property written as the key.")),
          Field.list(
              "headers",
              "Headers",
              "Optional: headers written with each message, each holding a property as text.",
              Field.object(
                  "header",
                  "Header",
                  null,
                  Field.string("name", "Header name", "The header's name.").asRequired(),
                  Field.property("property", "Property", "The property written as its value.")
                      .asRequired())));

  @Override
  public String documentation() {
    return """
        Writes every event as a JSON object with all its properties; timestamps as
        `yyyy-MM-dd HH:mm:ss.SSS`; ROW, ARRAY and MAP properties as nested JSON objects and arrays; DECIMAL
        values as exact JSON numbers (`39.98`); BYTES as base64 text. With `key` the property (as text) is the
        message key; with `headers` each header holds its property as UTF-8 text; without them, no key and
        no headers.

        With `"format": "avro"` each event is written as Avro binary (no schema registry, no schema in the
        message) with the schema Flink's `avro` format derives from the properties: a record
        `org.apache.flink.avro.generated.record` with one field per property in order, each a union
        `["null", T]` with default null; ROW → a record named after its path
        (`org.apache.flink.avro.generated.record_customer`), ARRAY → array, MAP → map, DECIMAL → bytes with
        the decimal logical type, TIMESTAMP_LTZ → long timestamp-millis, TIMESTAMP → long
        local-timestamp-millis (timestamp-millis inside an array or map), DATE → int date, TIME → int
        time-millis, INTEGER → int, BIGINT → long, BYTES → bytes (docs/sql-export.md, "Avro").
        """;
  }

  @Override
  public List<Field> fields() {
    return FIELDS;
  }

  @Override
  public ObjectNode connectTo(
      ObjectNode config, List<String> bootstrapServers, UnaryOperator<String> topic) {
    return KafkaConfig.connectTo(config, bootstrapServers, topic);
  }

  @Override
  public Optional<String> kafkaTopic(ObjectNode config) {
    return KafkaConfig.topicIn(config);
  }

  @Override
  public void analyse(Config config, NodeContext context, NodeAnalysis result) {
    KafkaConfig.check(config.kafka(), result);
    NodeInput input = context.input();
    result.output(input.properties().stream().map(Property::asPlain).toList());
    if (config.format() != null && !"json".equalsIgnoreCase(config.format()) && !isAvro(config)) {
      result.error(
          "format",
          "destination.format-unsupported",
          "Message format `" + config.format() + "` is not supported: write JSON or Avro.");
    }
    if (isAvro(config)) {
      for (Property p : input.properties()) {
        AvroColumns.invalidName(p)
            .ifPresent(
                name ->
                    result.error(
                        "format",
                        "destination.avro-name",
                        "`"
                            + name
                            + "` is not a valid Avro field name (letters, digits and _, not"
                            + " starting with a digit): rename the property before an Avro"
                            + " destination."));
      }
    }
    if (config.key() != null
        && config.key().property() != null
        && !config.key().property().isBlank()
        && input.property(config.key().property()).isEmpty()) {
      result.error(
          "key.property",
          "property.unknown",
          "The key property `" + config.key().property() + "` is not a property of the input.");
    }
    List<Header> headers = config.headers() == null ? List.of() : config.headers();
    for (int i = 0; i < headers.size(); i++) {
      Header h = headers.get(i);
      String at = "headers[" + i + "]";
      if (h == null || h.name() == null || h.name().isEmpty()) {
        result.missing(at + ".name", "header.name-missing", "Name every header.");
      } else if (h.property() == null || h.property().isBlank()) {
        result.missing(
            at + ".property",
            "header.property-missing",
            "Choose the property header `" + h.name() + "` holds.");
      } else if (input.property(h.property()).isEmpty()) {
        result.error(
            at + ".property",
            "property.unknown",
            "Header `" + h.name() + "`: `" + h.property() + "` is not a property of the input.");
      }
    }
  }

  @Override
  public NodeSql compile(Config config, CompileContext context) {
    List<String[]> options = config.kafka().connectionOptions(context);
    boolean avro = isAvro(config);
    if (avro) {
      options.add(new String[] {"format", "avro"});
      // TIMESTAMP_LTZ as timestamp-millis, TIMESTAMP as local-timestamp-millis (Avro's meaning).
      options.add(new String[] {"avro.timestamp_mapping.legacy", "false"});
    } else {
      options.add(new String[] {"format", "json"});
      options.add(new String[] {"json.timestamp-format.standard", "SQL"});
    }
    if (!avro && context.output().stream().anyMatch(p -> p.contains(PropertyType.DECIMAL))) {
      // 1E+2 is a valid JSON number, but not how people write 100: write decimals digit by digit.
      options.add(new String[] {"json.encode.decimal-as-plain-number", "true"});
    }
    List<Property> properties = context.input().properties();
    String columns = avro ? avroColumnList(context.output()) : columnList(context.output());
    List<String> extra = new ArrayList<>();
    boolean key =
        config.key() != null
            && config.key().property() != null
            && !config.key().property().isBlank();
    List<Header> headers = config.headers() == null ? List.of() : config.headers();
    String keyColumn = CompileContext.freeColumn("eddy_key", properties);
    String headersColumn = CompileContext.freeColumn("eddy_headers", properties);
    if (key) {
      columns += ",\n  " + Sql.id(keyColumn) + " STRING";
      extra.add("CAST(" + Sql.id(config.key().property()) + " AS STRING) AS " + Sql.id(keyColumn));
      // The key as UTF-8 text in a column of its own, not written into the JSON value.
      options.add(new String[] {"key.format", "raw"});
      options.add(new String[] {"key.fields", keyColumn});
      options.add(new String[] {"value.fields-include", "EXCEPT_KEY"});
    }
    if (!headers.isEmpty()) {
      columns += ",\n  " + Sql.id(headersColumn) + " MAP<STRING, BYTES> METADATA FROM 'headers'";
      extra.add(
          "MAP["
              + String.join(
                  ", ",
                  headers.stream()
                      .map(
                          h ->
                              Sql.str(h.name())
                                  + ", CAST(CAST("
                                  + Sql.id(h.property())
                                  + " AS STRING) AS BYTES)")
                      .toList())
              + "] AS "
              + Sql.id(headersColumn));
    }
    String create =
        "CREATE TABLE "
            + Sql.id(context.relation())
            + " (\n"
            + columns
            + "\n) "
            + Sql.withOptions(options);
    String select =
        avro
            ? avroSelect(properties, context.input().relation())
            : plainSelect(properties, context.input().relation());
    if (!extra.isEmpty()) {
      int from = select.lastIndexOf("\nFROM ");
      select =
          select.substring(0, from)
              + ",\n  "
              + String.join(",\n  ", extra)
              + select.substring(from);
    }
    String insert = "INSERT INTO " + Sql.id(context.relation()) + "\n" + select;
    return new NodeSql(List.of(create), insert);
  }

  /** True when the destination writes Avro. */
  static boolean isAvro(Config config) {
    return "avro".equalsIgnoreCase(config.format());
  }

  /**
   * The row type an Avro destination's table has for {@code properties} (its messages' schema is
   * what Flink's {@code avro} format derives from it): see {@code AvroColumns.writtenType}.
   */
  public static String avroRowType(List<Property> properties) {
    return "ROW<"
        + String.join(
            ", ",
            properties.stream()
                .map(p -> Sql.id(p.name()) + " " + AvroColumns.writtenType(p))
                .toList())
        + ">";
  }

  private static String avroColumnList(List<Property> properties) {
    return String.join(
        ",\n",
        properties.stream()
            .map(p -> "  " + Sql.id(p.name()) + " " + AvroColumns.writtenType(p))
            .toList());
  }

  /** As {@link #plainSelect}, each property cast to the type its Avro column has. */
  private static String avroSelect(List<Property> properties, String relation) {
    return "SELECT\n  "
        + String.join(
            ",\n  ",
            properties.stream()
                .map(
                    p -> {
                      String type = AvroColumns.writtenType(p);
                      return p.type().isTimestamp() || !type.equals(p.sqlType())
                          ? "CAST(" + Sql.id(p.name()) + " AS " + type + ") AS " + Sql.id(p.name())
                          : Sql.id(p.name());
                    })
                .toList())
        + "\nFROM "
        + Sql.id(relation);
  }

  /** Column definitions for a table holding {@code properties}. */
  public static String columnList(List<Property> properties) {
    return String.join(
        ",\n", properties.stream().map(p -> "  " + Sql.id(p.name()) + " " + p.sqlType()).toList());
  }

  /**
   * Selects every property of {@code relation}, with time attributes turned into plain timestamps:
   * a sink accepts at most one time attribute, and an interval join keeps two.
   */
  public static String plainSelect(List<Property> properties, String relation) {
    return "SELECT\n  "
        + String.join(
            ",\n  ",
            properties.stream()
                .map(
                    p ->
                        p.type().isTimestamp()
                            ? "CAST("
                                + Sql.id(p.name())
                                + " AS "
                                + p.sqlType()
                                + ") AS "
                                + Sql.id(p.name())
                            : Sql.id(p.name()))
                .toList())
        + "\nFROM "
        + Sql.id(relation);
  }
}
