package io.eddy.engine.flowtest;

import static io.eddy.engine.flowtest.Flows.assertOutput;
import static io.eddy.engine.flowtest.Flows.events;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Avro in and out (issue 11) with {@code eddy test}: the fixture values are written as Avro binary
 * by Avro's own {@code GenericDatumWriter} with the source's schema (as a producer would), read by
 * Flink's Avro format (through Eddy's {@code eddy-avro}, which skips what it cannot decode) through
 * the columns derived from that schema, and an Avro destination's messages are read back by Avro's
 * {@code GenericDatumReader}.
 *
 * <p>The schema has a nested record (with a nullable field and a timestamp inside), an array of
 * records with a decimal, an enum, a nullable field the source leaves out ({@code note}, between
 * two fields it reads: the order of the fields must still be kept), a decimal and a
 * timestamp-millis event time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AvroFlowTest {
  static final String SCHEMA =
      """
      {"type": "record", "name": "Order", "namespace": "shop", "fields": [
        {"name": "id", "type": "string"},
        {"name": "customer", "type": {"type": "record", "name": "Customer", "fields": [
          {"name": "name", "type": "string"},
          {"name": "country", "type": ["null", "string"], "default": null},
          {"name": "since", "type": {"type": "long", "logicalType": "timestamp-millis"}}]}},
        {"name": "items", "type": {"type": "array", "items": {"type": "record", "name": "Item",
          "fields": [{"name": "sku", "type": "string"}, {"name": "qty", "type": "int"},
            {"name": "price", "type": {"type": "bytes", "logicalType": "decimal",
                                       "precision": 10, "scale": 2}}]}}},
        {"name": "status", "type": {"type": "enum", "name": "Status",
                                    "symbols": ["NEW", "PAID", "SHIPPED"]}},
        {"name": "note", "type": ["null", "string"], "default": null},
        {"name": "total", "type": {"type": "bytes", "logicalType": "decimal",
                                   "precision": 10, "scale": 2}},
        {"name": "ordertime", "type": {"type": "long", "logicalType": "timestamp-millis"}}]}
      """;

  static final String SOURCE =
      """
        {"id": "s", "type": "source", "name": "Orders", "config": {
          "kafka": {"bootstrapServers": ["localhost:9092"], "topic": "ORDERS.AVRO"},
          "format": "avro",
          "avroSchema": %s,
          "properties": [
            {"name": "id", "type": "STRING"},
            {"name": "customer", "type": "ROW", "properties": [
              {"name": "name", "type": "STRING"}, {"name": "country", "type": "STRING"},
              {"name": "since", "type": "TIMESTAMP_LTZ"}]},
            {"name": "items", "type": "ARRAY", "items": {"type": "ROW", "properties": [
              {"name": "sku", "type": "STRING"}, {"name": "qty", "type": "INTEGER"},
              {"name": "price", "type": "DECIMAL", "precision": 10, "scale": 2}]}},
            {"name": "status", "type": "STRING"},
            {"name": "total", "type": "DECIMAL", "precision": 10, "scale": 2},
            {"name": "ordertime", "type": "TIMESTAMP_LTZ"}],
          "eventTime": {"property": "ordertime"}}}
      """
          .formatted(SCHEMA);

  /** Source → Avro destination (a copy of each event). */
  static final String COPY =
      """
      {"format": "eddy-flow", "version": 2, "name": "Avro copy", "nodes": [%s,
        {"id": "out", "type": "destination", "name": "Copies", "config": {
          "kafka": {"bootstrapServers": ["localhost:9092"], "topic": "ORDERS.COPY"},
          "format": "avro", "key": {"property": "id"}}}],
       "edges": [{"from": "s", "to": "out"}]}
      """
          .formatted(SOURCE);

  /** Source → hourly revenue (tumbling window on the Avro event time) → Avro destination. */
  static final String HOURLY =
      """
      {"format": "eddy-flow", "version": 2, "name": "Avro revenue", "nodes": [%s,
        {"id": "a", "type": "aggregate", "name": "Hourly revenue", "config": {
          "window": {"timeProperty": "ordertime", "size": {"value": 1, "unit": "HOUR"}},
          "aggregates": [{"function": "SUM", "property": "total", "as": "revenue"},
                         {"function": "COUNT", "as": "orders"}]}},
        {"id": "out", "type": "destination", "name": "Revenue", "config": {
          "kafka": {"bootstrapServers": ["localhost:9092"], "topic": "REVENUE.AVRO"},
          "format": "avro"}}],
       "edges": [{"from": "s", "to": "a"}, {"from": "a", "to": "out"}]}
      """
          .formatted(SOURCE);

  // o1 at 10:03:25+01:00 = 09:03:25 UTC; two lines 2 × 19.99 + 1 × 0.01 = 39.99.
  static final String O1 =
      "{\"id\": \"o1\", \"customer\": {\"name\": \"Ada\", \"country\": \"DE\", \"since\":"
          + " \"2023-01-02 03:04:05.678\"}, \"items\": [{\"sku\": \"JE-01\", \"qty\": 2, \"price\":"
          + " 19.99}, {\"sku\": \"TE-02\", \"qty\": 1, \"price\": 0.01}], \"status\": \"PAID\","
          + " \"note\": \"gift\", \"total\": 39.99, \"ordertime\": \"2024-03-04T10:03:25+01:00\"}";
  // o2: no country (null), no items, no note; epoch millis 1709545200000 = 2024-03-04 09:40:00 UTC.
  static final String O2 =
      "{\"id\": \"o2\", \"customer\": {\"name\": \"Bo\", \"country\": null, \"since\":"
          + " \"2024-01-01 00:00:00\"}, \"items\": [], \"status\": \"NEW\", \"note\": null,"
          + " \"total\": 0.10, \"ordertime\": 1709545200000}";
  static final String O3 =
      "{\"id\": \"o3\", \"customer\": {\"name\": \"Cy\", \"country\": \"FR\", \"since\":"
          + " \"2024-02-29 12:00:00\"}, \"items\": [{\"sku\": \"SH-07\", \"qty\": 3, \"price\":"
          + " 1.75}], \"status\": \"SHIPPED\", \"note\": null, \"total\": 5.25, \"ordertime\":"
          + " \"2024-03-04 10:15:00\"}";

  /** What o1 and o3 come out as (the nested timestamp read in UTC, note left out). */
  static final String E1 =
      "{\"id\": \"o1\", \"customer\": {\"name\": \"Ada\", \"country\": \"DE\", \"since\":"
          + " \"2023-01-02 03:04:05.678\"}, \"items\": [{\"sku\": \"JE-01\", \"qty\": 2,"
          + " \"price\": 19.99}, {\"sku\": \"TE-02\", \"qty\": 1, \"price\": 0.01}], \"status\":"
          + " \"PAID\", \"total\": 39.99, \"ordertime\": \"2024-03-04 09:03:25.000\"}";

  static final String E3 =
      "{\"id\": \"o3\", \"customer\": {\"name\": \"Cy\", \"country\": \"FR\", \"since\":"
          + " \"2024-02-29 12:00:00.000\"}, \"items\": [{\"sku\": \"SH-07\", \"qty\": 3,"
          + " \"price\": 1.75}], \"status\": \"SHIPPED\", \"total\": 5.25, \"ordertime\":"
          + " \"2024-03-04 10:15:00.000\"}";

  /**
   * Every field comes out as written: the nested record (the nested timestamp read in UTC), the
   * array of records with exact decimals, the enum symbol, the decimal total to the cent and the
   * event time; {@code note} is left out. The Avro copies, read back with Avro, hold the same.
   */
  @Test
  @Order(1)
  void avroMessagesAreReadExactlyAndWrittenAsAvro() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .withMetadata()
            .runLines(
                Flows.read(COPY),
                Map.of("Orders", List.of(withKey(O1, "k1"), O2, O3)),
                Optional.empty());
    String e2 =
        "{\"id\": \"o2\", \"customer\": {\"name\": \"Bo\", \"country\": null, \"since\":"
            + " \"2024-01-01 00:00:00.000\"}, \"items\": [], \"status\": \"NEW\", \"total\": 0.10,"
            + " \"ordertime\": \"2024-03-04 09:40:00.000\"}";
    assertOutput(result, events(E1, e2, E3));
    assertThat(result.jsonLines()).contains("\"total\":39.99,").contains("\"price\":0.01}");

    // Written as Avro (keyed by id), decoded by Avro's reader with the schema Flink writes.
    assertThat(result.written()).hasSize(3);
    assertThat(result.written().get(0).get("key").asText()).isEqualTo("o1");
    assertThat(result.written().get(0).get("value").toString())
        .isEqualTo(
            "{\"id\":\"o1\",\"customer\":{\"name\":\"Ada\",\"country\":\"DE\",\"since\":"
                + "\"2023-01-02 03:04:05.678\"},\"items\":[{\"sku\":\"JE-01\",\"qty\":2,"
                + "\"price\":19.99},{\"sku\":\"TE-02\",\"qty\":1,\"price\":0.01}],"
                + "\"status\":\"PAID\",\"total\":39.99,\"ordertime\":\"2024-03-04 09:03:25.000\"}");
    assertThat(result.written().get(1).get("value").toString())
        .contains("\"country\":null")
        .contains("\"items\":[]")
        .contains("\"total\":0.10");
  }

  /**
   * A tumbling hour on the Avro event time, its results written as Avro:
   *
   * <pre>
   * 09:00–10:00: o1 39.99 (09:03:25) + o2 0.10 (09:40) = 40.09, 2 orders
   * 10:00–11:00: o3 5.25 (10:15), 1 order (closed by the end of the bounded run)
   * </pre>
   *
   * The written schema is the one docs/flow-format.md describes (written out here by hand).
   */
  @Test
  @Order(2)
  void windowAfterAvroEventTimeWritesAvro() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .withMetadata()
            .runLines(Flows.read(HOURLY), Map.of("Orders", List.of(O1, O2, O3)), Optional.empty());
    assertThat(result.written()).hasSize(2);
    assertThat(result.written().get(0).get("value").toString())
        .isEqualTo(
            "{\"revenue\":40.09,\"orders\":2,\"aggregateStartTime\":\"2024-03-04 09:00:00.000\","
                + "\"aggregateEndTime\":\"2024-03-04 10:00:00.000\","
                + "\"aggregateResultTime\":\"2024-03-04 09:59:59.999\"}");
    assertThat(result.written().get(1).get("value").toString())
        .isEqualTo(
            "{\"revenue\":5.25,\"orders\":1,\"aggregateStartTime\":\"2024-03-04 10:00:00.000\","
                + "\"aggregateEndTime\":\"2024-03-04 11:00:00.000\","
                + "\"aggregateResultTime\":\"2024-03-04 10:59:59.999\"}");
    Schema documented =
        new Schema.Parser()
            .parse(
                """
                {"type": "record", "name": "record", "namespace": "org.apache.flink.avro.generated",
                 "fields": [
                  {"name": "revenue", "type": ["null", {"type": "bytes", "logicalType": "decimal",
                                                        "precision": 38, "scale": 2}], "default": null},
                  {"name": "orders", "type": ["null", "long"], "default": null},
                  {"name": "aggregateStartTime", "type": ["null", {"type": "long",
                    "logicalType": "local-timestamp-millis"}], "default": null},
                  {"name": "aggregateEndTime", "type": ["null", {"type": "long",
                    "logicalType": "local-timestamp-millis"}], "default": null},
                  {"name": "aggregateResultTime", "type": ["null", {"type": "long",
                    "logicalType": "timestamp-millis"}], "default": null}]}
                """);
    assertThat(AvroMessages.writtenSchema(result.properties())).isEqualTo(documented);
  }

  /**
   * Messages that cannot be decoded with the schema are skipped and the run goes on (SPEC §2), as
   * for JSON: Eddy's {@code eddy-avro} format (Flink's Avro reading, which alone would stop the
   * job). Between o1 and o3 on the topic:
   *
   * <pre>
   * "not avro"        'n' (0x6E) is read as the id's zig-zag length 55; 7 bytes follow: fails
   * "o is no length"  'o' (0x6F) is the length -56: fails at once, 13 bytes left in Avro's buffer
   * </pre>
   *
   * so the copies are o1 and o3 exactly as in the first test: o3 is read whole although the second
   * bad message's bytes were left in Avro's buffer. The run's counts say so: 4 messages read, 2
   * skipped, 2 events out of the source, 2 written.
   */
  @Test
  @Order(3)
  void aMessageThatIsNotAvroIsSkippedAndTheRunGoesOn() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .withStats()
            .runLines(
                Flows.read(COPY),
                Map.of(
                    "Orders",
                    List.of(O1, "{\"raw\": \"not avro\"}", "{\"raw\": \"o is no length\"}", O3)),
                Optional.empty());
    assertOutput(result, events(E1, E3));
    assertThat(result.counts())
        .containsEntry("s", Map.of("in", 4L, "out", 2L, "skipped", 2L, "nulled", Map.of()))
        .containsEntry("out", Map.of("out", 2L));
  }

  private static String withKey(String value, String key) {
    return "{\"key\": \"" + key + "\", \"value\": " + value + "}";
  }
}
