package io.eddy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResultStreamTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void readsJsonObjectsToTheEndAndCountsWhatIsNotJson() throws Exception {
    EmbeddedKafka kafka = Shared.kafka();
    String topic = "results-" + UUID.randomUUID();
    kafka.createTopic(topic, 1);
    EmbeddedKafkaTest.produce(
        kafka.bootstrapServers(),
        topic,
        List.of("{\"a\":1}", "not json", "{\"a\":2}", "[1,2]", "{\"a\":3}"));
    try (ResultStream stream = ResultStream.open(kafka.bootstrapServers(), topic, 10)) {
      List<ObjectNode> events = stream.readToEnd(Duration.ofSeconds(30));
      assertThat(events).extracting(e -> e.get("a").asInt()).containsExactly(1, 2, 3);
      assertThat(stream.received()).isEqualTo(5);
      assertThat(stream.skipped()).isEqualTo(2);
      assertThat(stream.delivered()).isEqualTo(3);
    }
  }

  @Test
  void waitsForATopicThatDoesNotExistYet() throws Exception {
    EmbeddedKafka kafka = Shared.kafka();
    String topic = "later-" + UUID.randomUUID();
    try (ResultStream stream = ResultStream.open(kafka.bootstrapServers(), topic, 10)) {
      assertThat(stream.poll(Duration.ofMillis(300))).isNull();
      kafka.createTopic(topic, 1);
      EmbeddedKafkaTest.produce(kafka.bootstrapServers(), topic, List.of("{\"late\":true}"));
      ObjectNode event = stream.poll(Duration.ofSeconds(20));
      assertThat(event).isNotNull();
      assertThat(event.get("late").asBoolean()).isTrue();
    }
  }

  @Test
  void aSlowListenerHoldsBackTheReadingSoMemoryStaysBounded() throws Exception {
    EmbeddedKafka kafka = Shared.kafka();
    String topic = "many-" + UUID.randomUUID();
    kafka.createTopic(topic, 1);
    int count = 20_000;
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add("{\"i\":" + i + ",\"region\":\"EMEA\"}");
    }
    EmbeddedKafkaTest.produce(kafka.bootstrapServers(), topic, values);
    int capacity = 100;
    AtomicLong last = new AtomicLong(-1);
    AtomicLong outOfOrder = new AtomicLong();
    LatestEvents latest = new LatestEvents(1_000);
    long maxLag = 0;
    try (ResultStream stream =
        ResultStream.open(
            kafka.bootstrapServers(),
            topic,
            capacity,
            e -> {
              long i = e.get("i").asLong();
              if (i != last.get() + 1) {
                outOfOrder.incrementAndGet();
              }
              last.set(i);
              latest.add(e);
              if (i % 10 == 0) {
                sleep(1); // a slow consumer: about 2 s for all events
              }
            })) {
      long deadline = System.currentTimeMillis() + 60_000;
      while (stream.delivered() < count && System.currentTimeMillis() < deadline) {
        maxLag = Math.max(maxLag, stream.received() - stream.delivered());
        Thread.sleep(5);
      }
      assertThat(stream.delivered()).isEqualTo(count);
      assertThat(stream.maxQueued()).isLessThanOrEqualTo(capacity);
    }
    // The reader never ran ahead by more than the queue plus one poll's batch.
    assertThat(maxLag).isLessThanOrEqualTo(capacity + capacity + 1);
    assertThat(outOfOrder.get()).isZero();
    assertThat(latest.total()).isEqualTo(count);
    assertThat(latest.newestFirst()).hasSize(1_000);
    assertThat(latest.newestFirst().get(0).get("i").asInt()).isEqualTo(count - 1);
    assertThat(latest.newestFirst().get(999).get("i").asInt()).isEqualTo(count - 1_000);
  }

  @Test
  void latestEventsKeepsTheNewestFirst() {
    LatestEvents latest = new LatestEvents(3);
    assertThat(latest.newestFirst()).isEmpty();
    for (int i = 1; i <= 5; i++) {
      latest.add(JSON.createObjectNode().put("i", i));
    }
    assertThat(latest.total()).isEqualTo(5);
    assertThat(latest.newestFirst()).extracting(e -> e.get("i").asInt()).containsExactly(5, 4, 3);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
