package io.eddy.engine.counts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.formats.avro.AvroFormatOptions.AvroEncoding;
import org.apache.flink.formats.avro.AvroRowDataSerializationSchema;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * What the run counts learn of one raw message, read with Flink's own JSON deserializer as the
 * source reads it (issue 16): unreadable messages, the event time's text and nulled properties, by
 * path inside ROW properties.
 */
class MessageReadingTest {
  private static final String TYPE =
      "ROW<`id` STRING, `price` DOUBLE, `customer` ROW<`name` STRING, `age` INT,"
          + " `address` ROW<`zip` INT>>, `tags` ARRAY<INT>, `ordertime` STRING>";

  private static List<String> findings(String message, String timeColumn) throws Exception {
    return findings(
        message == null ? null : message.getBytes(StandardCharsets.UTF_8),
        TYPE,
        timeColumn,
        "json");
  }

  private static List<String> findings(
      byte[] message, String type, String timeColumn, String format) throws Exception {
    MessageReading reading = new MessageReading();
    List<String> out = new ArrayList<>();
    reading.setCollector(
        new Collector<>() {
          @Override
          public void collect(Row row) {
            out.add(row.getField(0) + " " + row.getField(1));
          }

          @Override
          public void close() {}
        });
    reading.eval(message, type, timeColumn, format);
    return out;
  }

  @Test
  void aMessageTheFormatCannotReadIsUnreadable() throws Exception {
    for (String message :
        new String[] {"this is not JSON", "{not JSON", "<xml/>", "42", "\"text\"", "", "[]"}) {
      assertThat(findings(message, "ordertime")).as(message).containsExactly("unreadable ");
    }
    assertThat(findings(null, "ordertime")).containsExactly("unreadable ");
  }

  @Test
  void eachEventGivesItsEventTimeTextOrNull() throws Exception {
    assertThat(findings("{\"id\": \"a\", \"ordertime\": \"2023-05-21 10:05:00\"}", "ordertime"))
        .containsExactly("time 2023-05-21 10:05:00");
    assertThat(findings("{\"id\": \"a\"}", "ordertime")).containsExactly("time null");
    // An array of objects is one event per object, as the format reads it.
    assertThat(findings("[{\"ordertime\": \"x\"}, {\"ordertime\": \"y\"}]", "ordertime"))
        .containsExactly("time x", "time y");
    assertThat(findings("{\"id\": \"a\"}", null)).isEmpty();
  }

  @Test
  void nulledPropertiesAreNamedByTheirPathInsideRows() throws Exception {
    String message =
        new ObjectMapper()
            .readTree(
                """
                {"id": "a", "price": "cheap",
                 "customer": {"name": "Ada", "age": "old", "address": {"zip": "SW1"}},
                 "tags": [1, 2], "ordertime": "t"}
                """)
            .toString();
    assertThat(findings(message, null))
        .containsExactlyInAnyOrder(
            "nulled price", "nulled customer.age", "nulled customer.address.zip");
    // A ROW whose value is no object is nulled whole; absent and null values are not nulled.
    assertThat(findings("{\"id\": \"a\", \"customer\": \"Ada\", \"price\": null}", null))
        .containsExactly("nulled customer");
    assertThat(findings("{\"id\": \"a\", \"customer\": {\"name\": null}}", null)).isEmpty();
  }

  /**
   * Avro: a message that decodes gives its event time's text (only whether it is null matters), one
   * that does not is unreadable, and nothing is ever nulled (Avro decodes whole or not at all).
   */
  @Test
  void anAvroMessageIsReadAsTheEddyAvroFormatReadsIt() throws Exception {
    String type = "ROW<`id` STRING NOT NULL, `note` STRING, `t` TIMESTAMP_LTZ(3)>";
    // Written as a producer writes them: a plain record (not a union with null).
    RowType row =
        (RowType)
            LogicalTypeParser.parse(type, MessageReadingTest.class.getClassLoader()).copy(false);
    AvroRowDataSerializationSchema writer =
        new AvroRowDataSerializationSchema(row, AvroEncoding.BINARY, false);
    writer.open(null);
    byte[] timed =
        writer.serialize(
            GenericRowData.of(
                StringData.fromString("a"),
                null,
                TimestampData.fromInstant(Instant.parse("2024-03-04T09:03:25Z"))));
    byte[] untimed = writer.serialize(GenericRowData.of(StringData.fromString("b"), null, null));
    assertThat(findings(timed, type, "t", "avro")).containsExactly("time 2024-03-04T09:03:25");
    assertThat(findings(untimed, type, "t", "avro")).containsExactly("time null");
    assertThat(findings(untimed, type, null, "avro")).isEmpty();
    assertThat(findings("not avro".getBytes(StandardCharsets.UTF_8), type, "t", "avro"))
        .containsExactly("unreadable ");
    assertThat(findings(null, type, "t", "avro")).containsExactly("unreadable ");
  }
}
