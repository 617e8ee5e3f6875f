package io.eddy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {
  @TempDir Path dir;

  @Test
  void startsQuicklyServesClientsAndKeepsTopicsAcrossRestarts() throws Exception {
    long started = System.nanoTime();
    String bootstrap;
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
      long startMillis = (System.nanoTime() - started) / 1_000_000;
      assertThat(startMillis).as("start-up in ms").isLessThan(10_000);
      bootstrap = kafka.bootstrapServers();
      assertThat(bootstrap).startsWith("127.0.0.1:");
      kafka.createTopic("greetings", 1);
      kafka.createTopic("greetings", 1); // creating again is harmless
      produce(bootstrap, "greetings", List.of("hello", "world"));
      assertThat(consume(bootstrap, "greetings", 2)).containsExactly("hello", "world");
      // Transactions need the transaction log with replication factor 1.
      try (KafkaProducer<String, String> tx =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap,
                  ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                  "eddy-test-tx"),
              new StringSerializer(),
              new StringSerializer())) {
        tx.initTransactions();
        tx.beginTransaction();
        tx.send(new ProducerRecord<>("greetings", "again"));
        tx.commitTransaction();
      }
    }
    long restart = System.nanoTime();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
      assertThat((System.nanoTime() - restart) / 1_000_000).isLessThan(10_000);
      assertThat(kafka.topics()).contains("greetings");
      assertThat(consume(kafka.bootstrapServers(), "greetings", 3))
          .containsExactly("hello", "world", "again");
    }
  }

  static void produce(String bootstrap, String topic, List<String> values) {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(),
            new StringSerializer())) {
      for (String v : values) {
        producer.send(new ProducerRecord<>(topic, v));
      }
      producer.flush();
    }
  }

  static List<String> consume(String bootstrap, String topic, int count) {
    List<String> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.assign(List.of(new org.apache.kafka.common.TopicPartition(topic, 0)));
      consumer.seekToBeginning(consumer.assignment());
      long deadline = System.currentTimeMillis() + 20_000;
      while (out.size() < count && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
      }
    }
    return out;
  }
}
