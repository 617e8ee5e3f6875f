package io.eddy.engine.flowtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.engine.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads back every message of a finished run's topic: key, headers (as UTF-8 text) and value. */
final class WrittenMessages {
  private static final ObjectMapper JSON = EventJson.MAPPER;

  private WrittenMessages() {}

  /** The messages of {@code topic}; values in Avro binary of {@code avro} when given, else JSON. */
  static List<ObjectNode> read(
      String bootstrap, String topic, java.util.Optional<org.apache.avro.Schema> avro) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ObjectNode> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(message(r, avro));
        }
      }
    }
    return out;
  }

  private static ObjectNode message(
      ConsumerRecord<byte[], byte[]> r, java.util.Optional<org.apache.avro.Schema> avro) {
    ObjectNode m = JSON.createObjectNode();
    m.put("key", r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8));
    ObjectNode headers = m.putObject("headers");
    for (Header h : r.headers()) {
      headers.put(
          h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
    }
    JsonNode value;
    try {
      value =
          r.value() == null
              ? null
              : avro.isPresent()
                  ? AvroMessages.decode(r.value(), avro.get())
                  : JSON.readTree(r.value());
    } catch (java.io.IOException e) {
      value = JSON.getNodeFactory().textNode(new String(r.value(), StandardCharsets.UTF_8));
    }
    m.set("value", value);
    return m;
  }
}
