package io.eddy.core.nodes;

import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A source's Kafka metadata as properties ({@code metadata}): the message key and headers (bytes
 * read as UTF-8 text, null when absent), the partition, the offset and the message timestamp.
 */
final class KafkaMetadata {
  private KafkaMetadata() {}

  /** One entry: the property {@code name} holds what {@code from} says. */
  record Entry(String name, String from, String header) {}

  static final Map<String, PropertyType> TYPES =
      Map.of(
          "key", PropertyType.STRING,
          "header", PropertyType.STRING,
          "partition", PropertyType.INTEGER,
          "offset", PropertyType.BIGINT,
          "timestamp", PropertyType.TIMESTAMP_LTZ);

  static final Field FIELD =
      Field.list(
          "metadata",
          "Kafka metadata",
          "Message key, headers, partition, offset or timestamp as properties of the events.",
          Field.object(
              "entry",
              "Metadata property",
              null,
              Field.string("name", "Property name", "The name of the new property.").asRequired(),
              Field.choice(
                      "from",
                      "From",
                      "key and header: text (STRING); partition: INTEGER; offset: BIGINT;"
                          + " timestamp: TIMESTAMP_LTZ.",
                      "key",
                      "header",
                      "partition",
                      "offset",
                      "timestamp")
                  .asRequired(),
              Field.string("header", "Header", "The header's name.")
                  .dependsOn("metadata[].from", "header")));

  /**
   * The metadata properties, reported at {@code metadata[i]} when wrong; {@code taken} are the
   * message properties, whose names they must not reuse.
   */
  static List<Property> read(List<Entry> entries, List<Property> taken, NodeAnalysis result) {
    List<Property> out = new ArrayList<>();
    if (entries == null) {
      return out;
    }
    List<String> names = new ArrayList<>();
    taken.forEach(p -> names.add(p.name().toLowerCase(Locale.ROOT)));
    boolean key = false;
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      String at = "metadata[" + i + "]";
      if (e == null || e.name() == null || e.name().isBlank()) {
        result.missing(at + ".name", "metadata.name-missing", "Name every metadata property.");
        continue;
      }
      PropertyType type = e.from() == null ? null : TYPES.get(e.from());
      if (type == null) {
        result.error(
            at + ".from",
            "metadata.from-unknown",
            "Metadata property `"
                + e.name()
                + "` must come from key, header, partition, offset or timestamp.");
        continue;
      }
      if (e.from().equals("header") && (e.header() == null || e.header().isEmpty())) {
        result.missing(
            at + ".header",
            "metadata.header-missing",
            "Say which header metadata property `" + e.name() + "` reads.");
        continue;
      }
      if (e.from().equals("key")) {
        if (key) {
          result.error(at + ".from", "metadata.key-twice", "The key can be read only once.");
          continue;
        }
        key = true;
      }
      String lower = e.name().toLowerCase(Locale.ROOT);
      if (Sql.hasControlCharacters(e.name()) || OutputColumns.RESERVED.contains(lower)) {
        result.error(
            at + ".name",
            "name.reserved",
            "`" + Sql.commentText(e.name()) + "` cannot name a property: choose another name.");
        continue;
      }
      if (names.contains(lower)) {
        result.error(
            at + ".name",
            "metadata.name-clash",
            "Metadata property `" + e.name() + "` has the name of another property.");
        continue;
      }
      names.add(lower);
      out.add(Property.of(e.name(), type));
    }
    return out;
  }

  /** The Kafka table's column for {@code e}, or null for a header (read from the headers map). */
  static String column(Entry e) {
    return switch (e.from()) {
      case "key" -> Sql.id(e.name()) + " STRING";
      case "partition" -> Sql.id(e.name()) + " INT METADATA FROM 'partition' VIRTUAL";
      case "offset" -> Sql.id(e.name()) + " BIGINT METADATA FROM 'offset' VIRTUAL";
      case "timestamp" -> Sql.id(e.name()) + " TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL";
      default -> null;
    };
  }

  /** What the view selects for {@code e}; headers come from the map column {@code headers}. */
  static String select(Entry e, String headers) {
    if (e.from().equals("header")) {
      return "CAST(" + Sql.id(headers) + "[" + Sql.str(e.header()) + "] AS STRING)";
    }
    return Sql.id(e.name());
  }
}
