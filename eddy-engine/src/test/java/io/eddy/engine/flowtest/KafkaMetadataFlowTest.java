package io.eddy.engine.flowtest;

import static io.eddy.engine.flowtest.Flows.assertOutput;
import static io.eddy.engine.flowtest.Flows.events;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Kafka metadata end to end (issue 11): a source reading the key, a header, the partition, the
 * offset and the message timestamp as properties, and a destination writing a key and headers, read
 * back from its topic ({@code eddy test --with-metadata}).
 */
class KafkaMetadataFlowTest {
  static final String FLOW =
      """
      {"format": "eddy-flow", "version": 2, "name": "Keys and headers", "nodes": [
        {"id": "s", "type": "source", "name": "Orders", "config": {
          "kafka": {"bootstrapServers": ["localhost:9092"], "topic": "KEYED.ORDERS"},
          "properties": [{"name": "id", "type": "STRING"},
                         {"name": "amount", "type": "DECIMAL", "precision": 10, "scale": 2},
                         {"name": "ordertime", "type": "TIMESTAMP"}],
          "metadata": [{"name": "orderKey", "from": "key"},
                       {"name": "channel", "from": "header", "header": "channel"},
                       {"name": "part", "from": "partition"},
                       {"name": "off", "from": "offset"},
                       {"name": "kafkaTime", "from": "timestamp"}],
          "eventTime": {"property": "ordertime"}}},
        {"id": "out", "type": "destination", "name": "Out", "config": {
          "kafka": {"bootstrapServers": ["localhost:9092"], "topic": "KEYED.OUT"},
          "key": {"property": "id"},
          "headers": [{"name": "order", "property": "orderKey"},
                      {"name": "amount", "property": "amount"}]}}],
       "edges": [{"from": "s", "to": "out"}]}
      """;

  /**
   * m1 has key k-1, header channel=web and the record timestamp 09:00:05; m2 has key k-2 and no
   * headers (channel is null). Both are on partition 0, at offsets 0 and 1. The destination writes
   * each with the id as key and headers order (the source key) and amount (the DECIMAL as text,
   * 5.00 with its two digits).
   */
  @Test
  void keyHeadersPartitionOffsetAndTimestampInAndKeyAndHeadersOut() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .withMetadata()
            // A later copy keeps the metadata reading (it used to be dropped by withTimeout).
            .withTimeout(java.time.Duration.ofMinutes(5))
            .runLines(
                Flows.read(FLOW),
                Map.of(
                    "Orders",
                    List.of(
                        "{\"key\": \"k-1\", \"headers\": {\"channel\": \"web\"},"
                            + " \"timestamp\": \"2024-03-04 09:00:05.000\", \"value\": {\"id\":"
                            + " \"m1\", \"amount\": 19.99, \"ordertime\": \"2024-03-04"
                            + " 09:00:00\"}}",
                        "{\"key\": \"k-2\", \"timestamp\": \"2024-03-04 09:01:05.000\","
                            + " \"value\": {\"id\": \"m2\", \"amount\": 5.00, \"ordertime\":"
                            + " \"2024-03-04 09:01:00\"}}")),
                Optional.empty());
    String m1 =
        "{\"id\": \"m1\", \"amount\": 19.99, \"ordertime\": \"2024-03-04 09:00:00.000\","
            + " \"orderKey\": \"k-1\", \"channel\": \"web\", \"part\": 0, \"off\": 0,"
            + " \"kafkaTime\": \"2024-03-04 09:00:05.000\"}";
    String m2 =
        "{\"id\": \"m2\", \"amount\": 5.00, \"ordertime\": \"2024-03-04 09:01:00.000\","
            + " \"orderKey\": \"k-2\", \"channel\": null, \"part\": 0, \"off\": 1,"
            + " \"kafkaTime\": \"2024-03-04 09:01:05.000\"}";
    assertOutput(result, events(m1, m2));
    assertThat(result.written()).hasSize(2);
    assertThat(result.written().get(0).toString())
        .startsWith(
            "{\"key\":\"m1\",\"headers\":{\"order\":\"k-1\",\"amount\":\"19.99\"},\"value\":"
                + "{\"id\":\"m1\",\"amount\":19.99,");
    assertThat(result.written().get(1).toString())
        .startsWith(
            "{\"key\":\"m2\",\"headers\":{\"order\":\"k-2\",\"amount\":\"5.00\"},\"value\":"
                + "{\"id\":\"m2\",\"amount\":5.00,");
    // The value holds the properties only: the key column is not written into it.
    assertThat(result.written().get(0).get("value").has("eddy_key")).isFalse();
    assertThat(result.written().get(0).get("value").get("channel").asText()).isEqualTo("web");
  }
}
