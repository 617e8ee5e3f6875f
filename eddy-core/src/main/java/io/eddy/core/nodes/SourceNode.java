package io.eddy.core.nodes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.Duration;
import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import io.eddy.core.sql.Sql;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Event source: reads one Kafka topic of JSON messages. Timestamps are read as text and converted,
 * so that both the SQL form ({@code 2023-05-21 14:47:20.742}) and ISO-8601 ({@code ...T...Z}) are
 * understood; a value that does not fit its type becomes null instead of failing the job.
 */
public final class SourceNode extends NodeType<SourceNode.Config> {

  /** The source's config. */
  public record Config(
      KafkaConfig kafka,
      String format,
      String sample,
      @JsonDeserialize(using = TextOrJson.class) String avroSchema,
      List<PropertyConfig> properties,
      List<KafkaMetadata.Entry> metadata,
      EventTime eventTime,
      Duration eventTimeDelay,
      Changelog changelog) {}

  /**
   * The topic is a changelog keyed by {@code key} (one STRING property, the message key read as
   * text): each message is the newest version of its key, a message without a value deletes the
   * key. Read as a versioned table (upsert-kafka with a primary key).
   */
  public record Changelog(List<String> key) {}

  /** The Avro schema, written in the document as text or as the schema's JSON object. */
  static final class TextOrJson extends JsonDeserializer<String> {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return p.currentToken() == JsonToken.VALUE_STRING
          ? p.getText()
          : p.readValueAsTree().toString();
    }
  }

  /** A timestamp property, or the Kafka message timestamp under a new property name. */
  public record EventTime(String property, String kafkaTimestamp) {}

  /**
   * What the analysis read for the SQL: the message's properties as declared (timestamps with their
   * forms), the metadata properties, and for Avro messages every field of the schema as a column of
   * the Kafka table (empty for JSON).
   */
  record Read(
      List<Property> message, List<Property> metadata, List<AvroColumns.Column> avroColumns) {}

  @Override
  public String type() {
    return "source";
  }

  @Override
  public String label() {
    return "Event source";
  }

  @Override
  public String group() {
    return "Events";
  }

  @Override
  public String description() {
    return "Reads the events of one Kafka topic, ordered by event time.";
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
    return Set.of(Role.READS_KAFKA, Role.PER_EVENT);
  }

  private static final List<Field> FIELDS =
      Field.config(
          KafkaConfig.FIELD,
          Field.choice(
                  "format",
                  "Message format",
                  "How messages are written: JSON, or Avro binary with the record schema in"
                      + " `avroSchema`.",
                  "json",
                  "avro")
              .withDefault("json"),
          Field.text("sample", "Sample message", "Kept so that the structure can be edited again.")
              .asCustom(),
          Field.text(
                  "avroSchema",
                  "Avro schema",
                  "Kept so that the structure can be edited again (text or a JSON object).")
              .withSchema(Map.of("type", List.of("string", "object")))
              .asCustom(),
          Field.properties("properties", "Properties", "The message properties the flow uses.")
              .asRequired()
              .asCustom(),
          KafkaMetadata.FIELD,
          Field.object(
                  "eventTime",
                  "Event time",
                  "A TIMESTAMP/TIMESTAMP_LTZ property, or the Kafka message timestamp under a new"
                      + " property name.",
                  Field.property("property", "Event time property", "A timestamp property."),
                  Field.string(
                      "kafkaTimestamp",
                      "Kafka timestamp property",
                      "Adds the Kafka message timestamp under this name."))
              .asRequired()
              .asCustom(),
          Field.duration(
              "eventTimeDelay",
              "Event time delay",
              "How late events may arrive (the watermark's bound); without it events are expected"
                  + " in order."),
          Field.object(
                  "changelog",
                  "Changelog",
                  "The topic is a changelog (e.g. compacted): each message is the newest version of"
                      + " its key and a message without a value deletes the key. It is read as a"
                      + " versioned table, for a node input that takes a changelog.",
                  Field.list(
                          "key",
                          "Key",
                          "The property the message key holds (one STRING property, the key read"
                              + " as text).",
                          Field.property("property", "Property", null))
                      .asRequired())
              .asCustom());

  @Override
  public String documentation() {
    return """
        Output: the properties (plus the Kafka timestamp property), the event time marked.
        A top-level TIMESTAMP/TIMESTAMP_LTZ property may say how it is written (`format`):
        `auto` (default) reads the SQL form (`2023-05-21 14:47:20.742`) and ISO-8601 with `Z`, with an
        offset (`2023-05-21T16:47:20+02:00` is 14:47:20 UTC) or without a zone; `epochMillis` and
        `epochSeconds` read a JSON number or numeric text; `pattern` reads `pattern` (Java DateTimeFormatter
        letters, without zone or offset letters: Flink's pattern parsing ignores offsets). A timestamp nested in a
        ROW, ARRAY or MAP is read in the SQL form. A message that is not JSON is skipped; a value that does not
        fit its type becomes null; an event whose event time cannot be read is skipped (it cannot be placed in
        time).

        With `changelog` (`{"key": ["customerid"]}`) the topic is a changelog, read as a versioned table
        (Flink's `upsert-kafka` with `PRIMARY KEY (customerid) NOT ENFORCED`): the key property is the
        message key read as UTF-8 text (whatever the value holds under that name), and each message is the
        newest version of its key as of its event time. A message without a value (a tombstone) deletes
        the key; having no event time of its own, it takes the place of the key's last version (see
        docs/sql-export.md, "Temporal enrichment"). A message without a key is skipped. The topic is always
        read from its start (the versions before a run matter too), and a changelog source may only feed
        the `versions` port of a temporal enrichment.

        With `"format": "avro"` each message is Avro binary written with the record schema `avroSchema`
        (text or the schema's JSON object; no schema registry). The properties must be fields of the schema
        with the types derived from it (record → ROW, array → ARRAY, map → MAP, `["null", T]` → nullable T,
        decimal on bytes → DECIMAL, timestamp-millis → TIMESTAMP_LTZ, local-timestamp-millis → TIMESTAMP,
        date → DATE, time-millis → TIME, enum → STRING); a field may be left out. Flink's Avro format reads
        with a schema derived from the table's columns, so every field is a column of the Kafka table with
        the type that derives the same encoding (see docs/sql-export.md, "Avro"). Unions other than
        `["null", T]`, fixed, enums inside records, and microsecond timestamps cannot be read and are refused.
        A message that cannot be decoded with the schema is skipped, as a message that is not JSON is (the
        table's format is `eddy-avro`: Flink's Avro reading that skips such a message, from `eddy-formats`).
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
  public List<String> inputPorts() {
    return List.of();
  }

  @Override
  public void analyse(Config config, NodeContext context, NodeAnalysis result) {
    KafkaConfig.check(config.kafka(), result);
    if (config.format() != null && !"json".equalsIgnoreCase(config.format()) && !isAvro(config)) {
      result.error(
          "format",
          "source.format-unsupported",
          "Message format `"
              + config.format()
              + "` is not supported: messages must be JSON or Avro.");
    }
    List<Property> properties = readProperties(config.properties(), result);
    List<Property> messageProperties = List.copyOf(properties);
    // Names a metadata property may not take: the properties, and for Avro every field.
    List<Property> taken = new ArrayList<>(properties);
    List<AvroColumns.Column> avroColumns = List.of();
    if (isAvro(config)) {
      AvroColumns.Reading avro = AvroColumns.read(config.avroSchema());
      if (!avro.ok()) {
        result.error("avroSchema", "source.avro-schema", avro.problem());
      } else {
        checkAgainstSchema(config.properties(), properties, avro, result);
        taken.addAll(avro.properties());
        avroColumns = avro.columns();
      }
      if (config.changelog() != null) {
        result.error(
            "changelog",
            "source.avro-changelog",
            "A changelog source reads JSON messages: Avro changelogs are not supported yet.");
      }
    }
    List<Property> metadata = KafkaMetadata.read(config.metadata(), taken, result);
    properties.addAll(metadata);
    result.keep(new Read(messageProperties, metadata, avroColumns));
    EventTime eventTime = config.eventTime();
    String eventTimeName = null;
    if (eventTime == null || (blank(eventTime.property()) && blank(eventTime.kafkaTimestamp()))) {
      result.missing(
          "eventTime",
          "source.event-time-missing",
          "Choose the event time: a timestamp property, or the Kafka message timestamp.");
    } else if (!blank(eventTime.property()) && !blank(eventTime.kafkaTimestamp())) {
      result.error(
          "eventTime",
          "source.event-time-ambiguous",
          "Choose either an event time property or the Kafka message timestamp, not both.");
    } else if (!blank(eventTime.property())) {
      eventTimeName = eventTime.property();
      String name = eventTimeName;
      Optional<Property> p = properties.stream().filter(q -> q.name().equals(name)).findFirst();
      if (p.isEmpty()) {
        if (!properties.isEmpty()) {
          result.error(
              "eventTime.property",
              "source.event-time-unknown",
              "The event time property `" + name + "` is not one of the properties.");
        }
      } else if (!p.get().type().isTimestamp()) {
        result.error(
            "eventTime.property",
            "source.event-time-not-timestamp",
            "The event time property `"
                + name
                + "` is "
                + p.get().type()
                + ": it must be a TIMESTAMP or TIMESTAMP_LTZ.");
      }
    } else {
      eventTimeName = eventTime.kafkaTimestamp();
      String name = eventTimeName;
      if (properties.stream().anyMatch(q -> q.name().equalsIgnoreCase(name))) {
        result.error(
            "eventTime.kafkaTimestamp",
            "source.kafka-timestamp-clash",
            "The Kafka timestamp property `"
                + name
                + "` has the name of another property: choose another name.");
      } else if (OutputColumns.RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        result.error(
            "eventTime.kafkaTimestamp",
            "name.reserved",
            "`" + name + "` is a reserved name: choose another name for the Kafka timestamp.");
      }
      properties.add(Property.of(name, PropertyType.TIMESTAMP_LTZ));
    }
    Duration delay = config.eventTimeDelay();
    if (delay != null) {
      if (!delay.isComplete()) {
        result.error(
            "eventTimeDelay",
            "duration.incomplete",
            "The event time delay needs a value and a unit.");
      } else if (delay.value() < 0) {
        result.error(
            "eventTimeDelay", "duration.negative", "The event time delay cannot be negative.");
      }
    }
    String eventTimeProperty = eventTimeName;
    if (config.changelog() != null) {
      checkChangelog(config, messageProperties, eventTimeProperty, result);
    }
    result.output(
        properties.stream()
            // How a timestamp is written is the source's business; the events carry the instant.
            .map(p -> p.withoutFormat().withEventTime(p.name().equals(eventTimeProperty)))
            .toList());
  }

  /**
   * The format an Avro source's table reads with: eddy-formats' {@code LenientAvroFormatFactory}
   * (eddy-core does not depend on it: the name is the contract, checked by its tests).
   */
  public static final String AVRO_READING = "eddy-avro";

  /** True when the messages are Avro. */
  static boolean isAvro(Config config) {
    return "avro".equalsIgnoreCase(config.format());
  }

  /**
   * Each declared property must be a field of the Avro schema with the type derived from it (how
   * the messages are written decides what they hold); fields may be left out.
   */
  private static void checkAgainstSchema(
      List<PropertyConfig> declared,
      List<Property> properties,
      AvroColumns.Reading avro,
      NodeAnalysis result) {
    if (declared == null) {
      return;
    }
    Map<String, Property> fields = new HashMap<>();
    avro.properties().forEach(p -> fields.put(p.name(), p));
    for (int i = 0; i < declared.size(); i++) {
      PropertyConfig d = declared.get(i);
      if (d == null || d.name() == null) {
        continue;
      }
      Property field = fields.get(d.name());
      if (field == null) {
        result.error(
            "properties[" + i + "].name",
            "source.avro-field-unknown",
            "`" + d.name() + "` is not a field of the Avro schema.");
        continue;
      }
      Optional<Property> read =
          properties.stream().filter(p -> p.name().equals(d.name())).findFirst();
      if (read.isPresent() && !read.get().sqlType().equals(field.sqlType())) {
        result.error(
            "properties[" + i + "].type",
            "source.avro-type",
            "`"
                + d.name()
                + "` is "
                + field.sqlType()
                + " in the Avro schema, not "
                + read.get().sqlType()
                + ".");
      }
    }
  }

  /** A changelog's key: one STRING message property, neither the event time nor read twice. */
  private static void checkChangelog(
      Config config, List<Property> properties, String eventTime, NodeAnalysis result) {
    List<String> key = config.changelog().key() == null ? List.of() : config.changelog().key();
    if (key.isEmpty() || key.stream().allMatch(SourceNode::blank)) {
      result.missing(
          "changelog.key",
          "changelog.key-missing",
          "Choose the changelog's key: the property the message key holds.");
      return;
    }
    if (key.size() > 1) {
      result.error(
          "changelog.key",
          "changelog.key-several",
          "A changelog key is one property (the message key read as text), not "
              + key.size()
              + ".");
      return;
    }
    String name = key.get(0);
    Optional<Property> p = properties.stream().filter(q -> q.name().equals(name)).findFirst();
    if (p.isEmpty()) {
      if (!properties.isEmpty()) {
        result.error(
            "changelog.key",
            "changelog.key-unknown",
            "The changelog key `" + name + "` is not one of the message properties.");
      }
      return;
    }
    if (p.get().type() != PropertyType.STRING) {
      result.error(
          "changelog.key",
          "changelog.key-not-text",
          "The changelog key `"
              + name
              + "` is "
              + p.get().type()
              + ": it must be a STRING (the message key is read as text).");
      return;
    }
    if (name.equals(eventTime)) {
      result.error(
          "changelog.key",
          "changelog.key-event-time",
          "The changelog key `" + name + "` cannot also be the event time.");
      return;
    }
    List<KafkaMetadata.Entry> metadata = config.metadata() == null ? List.of() : config.metadata();
    for (int i = 0; i < metadata.size(); i++) {
      if (metadata.get(i) != null && "key".equals(metadata.get(i).from())) {
        result.error(
            "metadata[" + i + "].from",
            "changelog.key-metadata",
            "A changelog source reads the message key as its key property `"
                + name
                + "`: remove this metadata property.");
      }
    }
    result.changelog(List.of(name));
  }

  /** True when the source reads its topic as a changelog. */
  static boolean isChangelog(Config config) {
    return config.changelog() != null
        && config.changelog().key() != null
        && !config.changelog().key().isEmpty();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** Reads declared properties, reporting wrong names and types. */
  static List<Property> readProperties(List<PropertyConfig> declared, NodeAnalysis result) {
    if (declared == null || declared.isEmpty()) {
      result.missing("Define the event structure: paste a sample message or an Avro schema.");
      return new ArrayList<>();
    }
    return new ArrayList<>(DeclaredProperties.read(declared, "properties", true, result));
  }

  /** Reads the recorded columns of a database table. */
  static List<Property> readColumns(List<PropertyConfig> declared, NodeAnalysis result) {
    if (declared == null || declared.isEmpty()) {
      result.missing("Read the table's columns from the database.");
      return new ArrayList<>();
    }
    return new ArrayList<>(DeclaredProperties.read(declared, "columns", false, result));
  }

  @Override
  public NodeSql compile(Config config, CompileContext context) {
    List<Property> output = context.output();
    Read read = context.analysed(Read.class);
    boolean avro = isAvro(config);
    // Avro: the table has every field of the schema (Flink reads with a schema derived from them).
    List<AvroColumns.Column> avroColumns = read.avroColumns();
    List<Property> messageProperties =
        avro ? avroColumns.stream().map(AvroColumns.Column::property).toList() : read.message();
    List<Property> names = new ArrayList<>(output);
    names.addAll(messageProperties);
    String table = context.helperRelation("(Kafka topic)");
    Property eventTime = output.stream().filter(Property::eventTime).findFirst().orElseThrow();
    boolean kafkaTimestamp =
        config.eventTime().kafkaTimestamp() != null
            && !config.eventTime().kafkaTimestamp().isBlank();
    String timeColumn =
        kafkaTimestamp ? eventTime.name() : CompileContext.freeColumn("eddy_event_time", names);

    Map<String, Property> declared = new HashMap<>();
    // How the view reads each message property from its column.
    Map<String, String> reading = new HashMap<>();
    List<String> columns = new ArrayList<>();
    for (Property p : messageProperties) {
      declared.put(p.name(), p);
      // Timestamps are read as the column their form needs and converted below.
      columns.add(Sql.id(p.name()) + " " + messageColumnType(p));
      reading.put(
          p.name(), p.type().isTimestamp() ? TimestampReading.conversion(p) : Sql.id(p.name()));
    }
    if (avro) {
      columns.clear();
      for (AvroColumns.Column c : avroColumns) {
        String column = Sql.id(c.property().name());
        columns.add(column + " " + c.columnType());
        reading.put(c.property().name(), c.select().replace("{c}", column));
      }
    }
    if (kafkaTimestamp) {
      columns.add(Sql.id(timeColumn) + " TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL");
    } else {
      Property declaredTime = declared.get(eventTime.name());
      columns.add(
          Sql.id(timeColumn)
              + " AS "
              + (declaredTime == null
                  // The Kafka message timestamp read as metadata.
                  ? "CAST(" + Sql.id(eventTime.name()) + " AS TIMESTAMP_LTZ(3))"
                  : reading.get(declaredTime.name())));
    }
    List<KafkaMetadata.Entry> metadata =
        read.metadata().stream().map(p -> metadataEntry(config, p.name())).toList();
    String headers = CompileContext.freeColumn("eddy_headers", names);
    Map<String, String> metadataSelect = new HashMap<>();
    String keyColumn = null;
    for (KafkaMetadata.Entry e : metadata) {
      String column = KafkaMetadata.column(e);
      if (column != null) {
        columns.add(column);
      }
      if (e.from().equals("key")) {
        keyColumn = e.name();
      }
      metadataSelect.put(e.name(), KafkaMetadata.select(e, headers));
    }
    if (metadata.stream().anyMatch(e -> e.from().equals("header"))) {
      columns.add(Sql.id(headers) + " MAP<STRING, BYTES> METADATA FROM 'headers' VIRTUAL");
    }
    if (context.watermarks()) {
      columns.add("WATERMARK FOR " + Sql.id(timeColumn) + " AS " + watermark(timeColumn, config));
    }
    boolean changelog = isChangelog(config);
    if (changelog) {
      columns.add("PRIMARY KEY (" + Sql.id(config.changelog().key().get(0)) + ") NOT ENFORCED");
    }

    List<String[]> options = readingOptions(config, context, "");
    // One meaning of lateness everywhere (export, runs, tests, deployments): a watermark per event,
    // so an event is late exactly when a window it belongs to has already closed on the events
    // before it, on a backlog as live. Flink's default (periodic) reads a backlog before its first
    // watermark and drops nothing. See docs/sql-export.md, "Event time and lateness".
    if (context.watermarks()) {
      options.add(new String[] {"scan.watermark.emit.strategy", "on-event"});
    }
    if (changelog) {
      changelogOptions(options);
    } else {
      if (keyColumn != null) {
        // The key is read as UTF-8 text into a column of its own, not part of the JSON value.
        options.add(new String[] {"key.format", "raw"});
        options.add(new String[] {"key.fields", keyColumn});
        options.add(new String[] {"value.fields-include", "EXCEPT_KEY"});
      }
      if (avro) {
        // Flink's avro reading, except that a message it cannot decode is skipped (eddy-formats:
        // Flink's own avro format stops the job on one, and has no option to skip it).
        options.add(new String[] {"format", AVRO_READING});
        // timestamp-millis as TIMESTAMP_LTZ, local-timestamp-millis as TIMESTAMP (Avro's meaning).
        options.add(new String[] {AVRO_READING + ".timestamp_mapping.legacy", "false"});
      } else {
        options.add(new String[] {"format", "json"});
        options.add(new String[] {"json.ignore-parse-errors", "true"});
        options.add(new String[] {"json.fail-on-missing-field", "false"});
      }
    }

    String create =
        "CREATE TABLE "
            + Sql.id(table)
            + " (\n  "
            + String.join(",\n  ", columns)
            + "\n) "
            + Sql.withOptions(options);

    List<String> select = new ArrayList<>();
    for (Property p : output) {
      if (metadataSelect.containsKey(p.name()) && !p.name().equals(eventTime.name())) {
        select.add(metadataSelect.get(p.name()) + " AS " + Sql.id(p.name()));
      } else if (p.name().equals(eventTime.name())) {
        select.add(
            kafkaTimestamp ? Sql.id(p.name()) : Sql.id(timeColumn) + " AS " + Sql.id(p.name()));
      } else if (reading.containsKey(p.name())) {
        String expression = reading.get(p.name());
        select.add(
            expression.equals(Sql.id(p.name()))
                ? expression
                : expression + " AS " + Sql.id(p.name()));
      } else {
        select.add(Sql.id(p.name()));
      }
    }
    String view =
        "CREATE TEMPORARY VIEW "
            + Sql.id(context.relation())
            + " AS\nSELECT\n  "
            + String.join(",\n  ", select)
            + "\nFROM "
            + Sql.id(table)
            // An event whose event time cannot be read cannot be placed in time: it is skipped.
            + "\nWHERE "
            + Sql.id(timeColumn)
            + " IS NOT NULL";
    return NodeSql.of(create, view);
  }

  /**
   * A changelog is read by upsert-kafka: the primary key is the message key as UTF-8 text (not the
   * value's copy, so that a tombstone, which has no value, names its key too), the value JSON as
   * for events. It reads the whole topic, always: it has no startup mode.
   */
  private static void changelogOptions(List<String[]> options) {
    options.removeIf(o -> o[0].equals("scan.startup.mode"));
    options.replaceAll(
        o -> o[0].equals("connector") ? new String[] {"connector", "upsert-kafka"} : o);
    options.add(new String[] {"key.format", "raw"});
    options.add(new String[] {"value.format", "json"});
    options.add(new String[] {"value.json.ignore-parse-errors", "true"});
    options.add(new String[] {"value.json.fail-on-missing-field", "false"});
    options.add(new String[] {"value.fields-include", "EXCEPT_KEY"});
  }

  /** The SQL type of a message property's column: a timestamp's is the one its form is read as. */
  static String messageColumnType(Property p) {
    return p.type().isTimestamp() ? TimestampReading.columnType(p) : p.sqlType();
  }

  /**
   * How a table reads the source's topic: its connection, the consumer group ({@code groupSuffix}
   * after the node's), where to start and whether to stop at the latest offset.
   */
  static List<String[]> readingOptions(Config config, CompileContext context, String groupSuffix) {
    List<String[]> options = config.kafka().connectionOptions(context);
    options.add(
        new String[] {
          "properties.group.id",
          context.options().consumerGroup() + "-" + context.node().id() + groupSuffix
        });
    options.add(new String[] {"scan.startup.mode", context.options().startupMode().option()});
    if (context.options().bounded()) {
      options.add(new String[] {"scan.bounded.mode", "latest-offset"});
    }
    return options;
  }

  private static KafkaMetadata.Entry metadataEntry(Config config, String name) {
    return config.metadata().stream().filter(e -> name.equals(e.name())).findFirst().orElseThrow();
  }

  private static String watermark(String column, Config config) {
    Duration delay = config.eventTimeDelay();
    if (delay == null || delay.value() == 0) {
      // Events arrive in event-time order: the watermark trails the latest event by 1 ms.
      return Sql.id(column) + " - INTERVAL '0.001' SECOND";
    }
    return Sql.id(column) + " - " + delay.toSqlInterval();
  }
}
