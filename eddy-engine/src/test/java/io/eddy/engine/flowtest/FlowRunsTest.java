package io.eddy.engine.flowtest;

import static io.eddy.engine.flowtest.Flows.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.compile.SqlCompiler;
import io.eddy.core.model.Flow;
import io.eddy.engine.EmbeddedKafka;
import io.eddy.engine.FlowRuns;
import io.eddy.engine.RunState;
import io.eddy.engine.SharedAccess;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Runs started, observed and stopped through the engine API, several in one process. */
class FlowRunsTest {

  private static Flow emea(String topic) throws Exception {
    ObjectNode doc = Flows.exampleTree("emea-orders.json");
    ((ObjectNode) Flows.config(doc, "orders").get("kafka")).put("topic", topic);
    ((ObjectNode) Flows.config(doc, "out").get("kafka")).put("topic", topic + ".EMEA");
    return Flows.read(doc.toString());
  }

  private static void produce(String topic, String... lines) {
    try (KafkaProducer<String, String> p =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedAccess.kafka().bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      for (String l : lines) {
        p.send(new ProducerRecord<>(topic, l));
      }
      p.flush();
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void startObserveStopAndRunAgain() throws Exception {
    EmbeddedKafka kafka = SharedAccess.kafka();
    String topic = "orders-" + UUID.randomUUID();
    String other = "orders-" + UUID.randomUUID();
    kafka.createTopic(topic, 1);
    kafka.createTopic(other, 1);
    produce(
        topic,
        order("h1", "EMEA", 1.0, 1, "2023-05-21 10:00:00.000"),
        order("h2", "NA", 1.0, 1, "2023-05-21 10:00:01.000"),
        order("h3", "EMEA", 1.0, 1, "2023-05-21 10:00:02.000"));
    try (FlowRuns runs =
        new FlowRuns(
            SharedAccess.engine(),
            new SqlCompiler(new FlowAnalyzer(new FlinkExpressionChecker())),
            kafka.bootstrapServers(),
            kafka.bootstrapServers(),
            name -> Optional.empty())) {
      // Historical: the two EMEA orders already on the topic come out.
      FlowRuns.FlowRun run =
          runs.start("f1", emea(topic), FlowRuns.Mode.HISTORICAL, Optional.empty());
      assertThat(run.nodeName()).isEqualTo("Publish EMEA orders");
      await(() -> run.eventsOut() == 2, "two historical events");
      assertThat(run.status().state()).isIn(RunState.STARTING, RunState.RUNNING);
      assertThatThrownBy(
              () -> runs.start("f1", emea(topic), FlowRuns.Mode.FROM_NOW, Optional.empty()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("The flow is already running.");

      // A second flow runs at the same time, from now, showing a chosen node.
      FlowRuns.FlowRun second =
          runs.start("f2", emea(other), FlowRuns.Mode.FROM_NOW, Optional.of("orders"));
      assertThat(second.nodeName()).isEqualTo("Orders");
      await(() -> second.status().state() == RunState.RUNNING, "the second run to be running");
      await(() -> run.status().state() == RunState.RUNNING, "the first run to be running");

      // A listener sees what arrives from now on; the latest events are kept newest first.
      List<String> seen = new CopyOnWriteArrayList<>();
      AutoCloseable subscription = run.subscribe(e -> seen.add(e.get("id").asText()));
      produce(topic, order("h4", "EMEA", 1.0, 1, "2023-05-21 10:00:03.000"));
      produce(other, order("x1", "NA", 1.0, 1, "2023-05-21 10:00:03.000"));
      await(() -> seen.contains("h4"), "the live event");
      subscription.close();
      assertThat(run.eventsOut()).isEqualTo(3);
      assertThat(run.latestEvents())
          .extracting(e -> e.get("id").asText())
          .containsExactly("h4", "h3", "h1");
      await(() -> second.eventsOut() == 1, "the second flow's event");
      assertThat(second.latestEvents().get(0).get("region").asText()).isEqualTo("NA");

      run.stop();
      await(() -> run.status().state() == RunState.STOPPED, "the first run to stop");
      assertThat(runs.run("f2").orElseThrow().status().state()).isEqualTo(RunState.RUNNING);

      // Run again, from now: only new events.
      FlowRuns.FlowRun again =
          runs.start("f1", emea(topic), FlowRuns.Mode.FROM_NOW, Optional.empty());
      await(() -> again.status().state() == RunState.RUNNING, "the new run to be running");
      produce(topic, order("h5", "EMEA", 1.0, 1, "2023-05-21 10:00:04.000"));
      await(() -> again.eventsOut() == 1, "the new event");
      assertThat(again.latestEvents().get(0).get("id").asText()).isEqualTo("h5");
      assertThat(again.jobId()).isNotEqualTo(run.jobId());
    }
  }
}
