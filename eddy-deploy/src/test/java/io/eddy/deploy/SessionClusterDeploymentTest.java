package io.eddy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.compile.SqlCompiler;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import io.eddy.engine.EmbeddedKafka;
import io.eddy.engine.FlinkEngine;
import io.eddy.engine.flowtest.FlowTestResult;
import io.eddy.engine.flowtest.FlowTestRunner;
import io.eddy.engine.testing.TestTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * The issue's "done when": a real two-process session cluster, an aggregate flow deployed reading
 * from and writing to a real Kafka broker, stopped with a savepoint and resumed from it without
 * losing or repeating the results of closed windows, then cancelled.
 */
class SessionClusterDeploymentTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The example "Hourly sales by region" with 1-minute windows and an event destination. */
  static Flow salesPerMinute(String ordersTopic, String salesTopic) throws Exception {
    ObjectNode doc =
        (ObjectNode)
            JSON.readTree(
                Files.readString(Path.of("..", "examples", "hourly-sales-by-region.json")));
    doc.put("name", "Sales per minute by region");
    for (JsonNode node : doc.path("nodes")) {
      ObjectNode config = (ObjectNode) node.path("config");
      if (node.path("type").asText().equals("source")) {
        ((ObjectNode) config.path("kafka")).put("topic", ordersTopic);
      }
      if (node.path("type").asText().equals("aggregate")) {
        ((ObjectNode) config.path("window").path("size")).put("unit", "MINUTE");
        ((ObjectNode) node).put("name", "Sales per minute");
      }
    }
    ObjectNode out = ((ArrayNode) doc.path("nodes")).addObject();
    out.put("id", "out").put("type", "destination").put("name", "Publish sales");
    out.putObject("position").put("x", 640).put("y", 120);
    ObjectNode kafka = out.putObject("config").putObject("kafka");
    kafka.putArray("bootstrapServers").add("localhost:9092");
    kafka.put("topic", salesTopic);
    ((ArrayNode) doc.path("edges")).addObject().put("from", "hourly").put("to", "out");
    return FlowDocuments.read(doc.toString());
  }

  static String order(String id, String region, int quantity, String time) {
    return JSON.createObjectNode()
        .put("id", id)
        .put("customer", "Ada")
        .put("customerid", "c1")
        .put("description", "Jeans")
        .put("price", 10.0)
        .put("quantity", quantity)
        .put("region", region)
        .put("ordertime", "2024-01-01 " + time)
        .toString();
  }

  /** region@windowStart -> "unitsSold/orders", and how often each window arrived. */
  static Map<String, List<String>> byWindow(List<JsonNode> results) {
    Map<String, List<String>> out = new HashMap<>();
    for (JsonNode r : results) {
      String key = r.path("region").asText() + "@" + r.path("aggregateStartTime").asText();
      out.computeIfAbsent(key, k -> new ArrayList<>())
          .add(r.path("unitsSold").asInt() + "/" + r.path("orders").asInt());
    }
    return out;
  }

  @Test
  void deploysStopsWithSavepointResumesAndCancelsAnAggregateFlow() throws Exception {
    EmbeddedKafka kafka = TestCluster.kafka();
    LocalFlinkCluster cluster = TestCluster.flink();
    kafka.createTopic("deploy.orders", 1);
    kafka.createTopic("deploy.sales", 1);
    JobRegistry registry = JobRegistry.in(TestCluster.dir().resolve("data-deploy"));
    FlinkClusterClient client = new FlinkClusterClient(cluster.restUrl(), registry);
    Flow flow = salesPerMinute("deploy.orders", "deploy.sales");

    TestCluster.topics()
        .produce(
            "deploy.orders",
            List.of(
                order("o1", "EMEA", 1, "10:00:10.000"),
                order("o2", "EMEA", 2, "10:00:20.000"),
                order("o3", "APAC", 3, "10:00:30.000"),
                order("o4", "EMEA", 4, "10:01:10.000"),
                // In the third window: its watermark closes the first two.
                order("o5", "APAC", 5, "10:02:30.000")));

    long t0 = System.nanoTime();
    FlinkClusterClient.Deployment first =
        client.deploy(
            flow,
            FlinkClusterClient.DeployOptions.defaults()
                .withParallelism(1)
                .withName("sales-per-minute")
                .withKafkaOverride(kafka.bootstrapServers()),
            Secrets.ofMap(Map.of()));
    List<String> started = new ArrayList<>(List.of(first.jobId()));
    try {
      runAndResume(client, cluster, registry, flow, first, started, t0);
    } finally {
      started.forEach(job -> cancelQuietly(client, job));
    }
  }

  private void runAndResume(
      FlinkClusterClient client,
      LocalFlinkCluster cluster,
      JobRegistry registry,
      Flow flow,
      FlinkClusterClient.Deployment first,
      List<String> started,
      long t0)
      throws Exception {
    assertThat(first.jobName()).isEqualTo("sales-per-minute");
    awaitAllRunning(client, first.jobId());
    System.out.printf("deployed and running in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    assertThat(client.jobs().list())
        .anySatisfy(
            j -> {
              assertThat(j.jobId()).isEqualTo(first.jobId());
              assertThat(j.state()).isEqualTo("RUNNING");
              assertThat(j.flowName()).isEqualTo("Sales per minute by region");
            });

    List<JsonNode> results = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = TestCluster.topics().consumer("deploy.sales")) {
      TestTopics.poll(consumer, results, r -> r.size() >= 3, Duration.ofSeconds(60));
      assertThat(byWindow(results))
          .containsOnly(
              Map.entry("EMEA@2024-01-01 10:00:00", List.of("3/2")),
              Map.entry("APAC@2024-01-01 10:00:00", List.of("3/1")),
              Map.entry("EMEA@2024-01-01 10:01:00", List.of("4/1")));

      String savepoint = client.stopWithSavepoint(first.jobId(), null, Duration.ofSeconds(60));
      assertThat(savepoint).contains(cluster.dir().resolve("savepoints").toString());
      assertThat(
              client.jobs().awaitState(first.jobId(), Set.of("FINISHED"), Duration.ofSeconds(30)))
          .isEqualTo("FINISHED");
      assertThat(registry.find(first.jobId()).orElseThrow().savepointPath()).isEqualTo(savepoint);

      // While the job is stopped, the third window gets more orders and a fourth window starts.
      TestCluster.topics()
          .produce(
              "deploy.orders",
              List.of(
                  order("o6", "APAC", 6, "10:02:40.000"),
                  order("o7", "EMEA", 7, "10:02:50.000"),
                  order("o8", "EMEA", 8, "10:03:30.000")));

      FlinkClusterClient.Deployment resumed =
          client.resume(
              first.jobId(),
              FlinkClusterClient.DeployOptions.defaults(),
              Secrets.ofMap(Map.of()),
              null);
      started.add(resumed.jobId());
      assertThat(resumed.jobId()).isNotEqualTo(first.jobId());
      assertThat(resumed.jobName()).isEqualTo("sales-per-minute");
      awaitAllRunning(client, resumed.jobId());
      JobRegistry.JobRecord record = registry.find(resumed.jobId()).orElseThrow();
      assertThat(record.resumedFrom()).isEqualTo(first.jobId());
      assertThat(record.restoredFrom()).isEqualTo(savepoint);

      TestTopics.poll(consumer, results, r -> r.size() >= 5, Duration.ofSeconds(60));
      // Anything repeated would arrive right behind: keep listening a little.
      TestTopics.poll(consumer, results, r -> false, Duration.ofSeconds(3));
      // APAC 10:02 holds o5 (read before the stop, kept in the savepoint) and o6 (after it);
      // the windows closed before the stop are not repeated.
      assertThat(byWindow(results))
          .containsOnly(
              Map.entry("EMEA@2024-01-01 10:00:00", List.of("3/2")),
              Map.entry("APAC@2024-01-01 10:00:00", List.of("3/1")),
              Map.entry("EMEA@2024-01-01 10:01:00", List.of("4/1")),
              Map.entry("APAC@2024-01-01 10:02:00", List.of("11/2")),
              Map.entry("EMEA@2024-01-01 10:02:00", List.of("7/1")));

      client.cancel(resumed.jobId());
      assertThat(
              client.jobs().awaitState(resumed.jobId(), Set.of("CANCELED"), Duration.ofSeconds(30)))
          .isEqualTo("CANCELED");
      assertThat(client.jobs().list())
          .anySatisfy(
              j -> {
                assertThat(j.jobId()).isEqualTo(resumed.jobId());
                assertThat(j.state()).isEqualTo("CANCELED");
              });
    }
  }

  /** The engine's remote mode on the session cluster: what `eddy test --flink URL` would do. */
  @Test
  void flowTestsRunOnTheSessionClusterThroughTheEngine() throws Exception {
    EmbeddedKafka kafka = TestCluster.kafka();
    LocalFlinkCluster cluster = TestCluster.flink();
    java.net.URI rest = java.net.URI.create(cluster.restUrl());
    Flow flow =
        FlowDocuments.read(
            Files.readString(Path.of("..", "examples", "hourly-sales-by-region.json")));
    try (FlinkEngine engine = FlinkEngine.remote(rest.getHost(), rest.getPort(), List.of())) {
      FlowTestRunner runner =
          new FlowTestRunner(kafka, engine, new SqlCompiler(FlinkClusterClient.analyzer()));
      FlowTestResult result =
          runner.runLines(
              flow,
              Map.of(
                  "Orders",
                  List.of(
                      order("t1", "EMEA", 2, "10:05:00.000"),
                      order("t2", "EMEA", 3, "10:35:00.000"),
                      order("t3", "NA", 1, "10:40:00.000"))),
              java.util.Optional.empty());
      assertThat(result.events())
          .extracting(e -> e.path("region").asText() + " " + e.path("unitsSold").asInt())
          .containsExactlyInAnyOrder("EMEA 5", "NA 1");
      FlinkClusterClient client =
          new FlinkClusterClient(
              cluster.restUrl(), JobRegistry.in(TestCluster.dir().resolve("data-flowtest")));
      assertThat(client.jobs().state(result.jobId())).isEqualTo("FINISHED");
    }
  }

  /** Cancels a job unless it has ended, so that a failed test leaves no job holding slots. */
  static void cancelQuietly(FlinkClusterClient client, String jobId) {
    try {
      client.cancel(jobId);
    } catch (DeployException ended) {
      // already ended
    }
  }

  static void awaitAllRunning(FlinkClusterClient client, String jobId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!client.jobs().allTasksRunning(jobId)) {
      String state = client.jobs().state(jobId);
      assertThat(state).as("job %s", jobId).isIn("INITIALIZING", "CREATED", "RUNNING");
      assertThat(System.nanoTime()).as("job %s running within 60 s", jobId).isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
