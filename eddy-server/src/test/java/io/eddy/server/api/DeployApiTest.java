package io.eddy.server.api;

import static io.eddy.server.api.ApiContract.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.engine.testing.TestTopics;
import io.eddy.server.EddyServer;
import io.eddy.server.Http;
import io.eddy.server.ServerConfig;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Deploying from the server: a real server with its own embedded Kafka broker and Flink
 * MiniCluster, driven over HTTP. One test walks the whole path (deploy, results, stop with
 * savepoint, resume without losing or repeating a window, cancel); the others check the errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "hunter2-deploy-secret";
  private static final String NO_SUCH_JOB = "0123456789abcdef0123456789abcdef";

  Path dataDir;
  EddyServer server;
  Http http;
  TestTopics topics;

  @BeforeAll
  void start() throws Exception {
    dataDir = Files.createTempDirectory("eddy-deploy-api-test");
    server =
        EddyServer.start(
            ServerConfig.defaults(dataDir).withPort(0).withKafkaPort(0).withDemo(false));
    http = Http.signedIn(server);
    topics = new TestTopics(server.kafkaBootstrap());
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /**
   * The example "Hourly sales by region" reading {@code in}, with 1-minute windows (orders counted
   * per region), and, unless {@code out} is null, an event destination writing to {@code out}.
   */
  ObjectNode ordersPerMinute(String in, String out) throws Exception {
    ObjectNode doc =
        (ObjectNode)
            JSON.readTree(
                Files.readString(Path.of("..", "examples", "hourly-sales-by-region.json")));
    for (JsonNode node : doc.path("nodes")) {
      ObjectNode config = (ObjectNode) node.path("config");
      if (node.path("type").asText().equals("source")) {
        ObjectNode kafka = (ObjectNode) config.path("kafka");
        kafka.putArray("bootstrapServers").add(server.kafkaBootstrap());
        kafka.put("topic", in);
      }
      if (node.path("type").asText().equals("aggregate")) {
        ((ObjectNode) config.path("window").path("size")).put("unit", "MINUTE");
        config.putArray("aggregates").addObject().put("function", "COUNT").put("as", "orders");
      }
    }
    if (out != null) {
      ObjectNode dest = ((ArrayNode) doc.path("nodes")).addObject();
      dest.put("id", "out").put("type", "destination").put("name", "Publish counts");
      dest.putObject("position").put("x", 640).put("y", 120);
      ObjectNode kafka = dest.putObject("config").putObject("kafka");
      kafka.putArray("bootstrapServers").add(server.kafkaBootstrap());
      kafka.put("topic", out);
      ((ArrayNode) doc.path("edges")).addObject().put("from", "hourly").put("to", "out");
    }
    return doc;
  }

  /** Imports a flow document into the server; its id. */
  String importFlow(JsonNode doc, String name) {
    HttpResponse<String> r =
        http.raw(
            "POST",
            "/api/flows/import?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
            "application/json",
            doc.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r).get(0).get("id").asText();
  }

  static String order(String id, String time) {
    return JSON.createObjectNode()
        .put("id", id)
        .put("customer", "Ada")
        .put("customerid", "c1")
        .put("description", "Jeans")
        .put("price", 10.0)
        .put("quantity", 1)
        .put("region", "EMEA")
        .put("ordertime", "2024-01-01 " + time)
        .toString();
  }

  /** Window start → the counts that arrived for it (one entry per result message). */
  static Map<String, List<Integer>> countsByWindow(List<JsonNode> results) {
    Map<String, List<Integer>> out = new TreeMap<>();
    for (JsonNode r : results) {
      out.computeIfAbsent(r.path("aggregateStartTime").asText(), k -> new ArrayList<>())
          .add(r.path("orders").asInt());
    }
    return out;
  }

  JsonNode jobInList(String jobId) {
    HttpResponse<String> r = http.get("/api/jobs");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    for (JsonNode job : json(r).get("jobs")) {
      if (job.get("jobId").asText().equals(jobId)) {
        return job;
      }
    }
    throw new AssertionError("job " + jobId + " is not listed: " + r.body());
  }

  static List<String> actions(JsonNode job) {
    List<String> out = new ArrayList<>();
    job.get("actions").forEach(a -> out.add(a.asText()));
    return out;
  }

  @Test
  void environment_names_the_embedded_kafka_and_flink() {
    JsonNode env = json(http.get("/api/environment"));
    assertThat(env.at("/kafka/bootstrapServers").asText()).isEqualTo(server.kafkaBootstrap());
    assertThat(env.at("/kafka/embedded").asBoolean()).isTrue();
    assertThat(env.at("/flink/restUrl").asText()).isEqualTo(server.flinkRestAddress());
    assertThat(env.at("/flink/embedded").asBoolean()).isTrue();
  }

  @Test
  void deploys_stops_with_a_savepoint_resumes_without_losing_or_repeating_a_window_and_cancels()
      throws Exception {
    long t0 = System.nanoTime();
    topics.create("deploy-api.orders", "deploy-api.counts");
    String flowId =
        importFlow(ordersPerMinute("deploy-api.orders", "deploy-api.counts"), "Orders per minute");

    // Event time is `ordertime`, 5 s of delay: the watermark is the latest order time - 5 s.
    // Window 10:00 gets o1, o2, o3 (3); window 10:01 gets o4, o5 (2); o6 (10:02:30) moves the
    // watermark to 10:02:25, which closes both and opens window 10:02 with 1 order.
    topics.produce(
        "deploy-api.orders",
        List.of(
            order("o1", "10:00:10.000"),
            order("o2", "10:00:20.000"),
            order("o3", "10:00:50.000"),
            order("o4", "10:01:10.000"),
            order("o5", "10:01:40.000"),
            order("o6", "10:02:30.000")));

    HttpResponse<String> deploy =
        http.post(
            "/api/flows/" + flowId + "/deploy",
            "{\"name\": \"orders-per-minute\", \"parallelism\": 1}");
    assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(201);
    JsonNode first = json(deploy);
    String firstId = first.get("jobId").asText();
    assertThat(first.get("jobName").asText()).isEqualTo("orders-per-minute");
    assertThat(first.get("state").asText()).isEqualTo("RUNNING");
    assertThat(first.get("flinkUrl").asText()).isEqualTo(server.flinkRestAddress());
    assertThat(first.has("error")).isTrue();
    assertThat(first.get("error").isNull()).isTrue();
    System.out.printf("deployed and running in %.1f s%n", (System.nanoTime() - t0) / 1e9);

    JsonNode listed = jobInList(firstId);
    assertThat(listed.get("state").asText()).isEqualTo("RUNNING");
    assertThat(listed.get("flowId").asText()).isEqualTo(flowId);
    assertThat(listed.get("flowName").asText()).isEqualTo("Orders per minute");
    assertThat(listed.get("savepointPath").isNull()).isTrue();
    assertThat(listed.get("delivery").asText()).isEqualTo("exactly-once");
    assertThat(actions(listed)).containsExactly("stop", "cancel");
    ObjectNode single = (ObjectNode) json(http.get("/api/jobs/" + firstId));
    assertThat(single.remove("durationMs").asLong()).isPositive();
    ((ObjectNode) listed).remove("durationMs");
    assertThat(single).isEqualTo(listed);

    List<JsonNode> results = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = topics.consumer("deploy-api.counts")) {
      TestTopics.poll(consumer, results, r -> r.size() >= 2, Duration.ofSeconds(60));
      assertThat(countsByWindow(results))
          .containsExactly(
              Map.entry("2024-01-01 10:00:00", List.of(3)),
              Map.entry("2024-01-01 10:01:00", List.of(2)));

      HttpResponse<String> stop = http.post("/api/jobs/" + firstId + "/stop", "");
      assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
      JsonNode stopped = json(stop);
      assertThat(stopped.get("state").asText()).isEqualTo("FINISHED");
      assertThat(stopped.get("savepointPath").asText()).contains(dataDir.toString(), "savepoints");
      assertThat(actions(stopped)).containsExactly("resume");
      System.out.printf("stopped with savepoint at %.1f s%n", (System.nanoTime() - t0) / 1e9);

      // While stopped: o7 and o8 join window 10:02 (with o6, read before the stop and kept in
      // the savepoint: 3 orders); o9 (10:03:30) moves the watermark to 10:03:25 and closes it.
      topics.produce(
          "deploy-api.orders",
          List.of(
              order("o7", "10:02:40.000"),
              order("o8", "10:02:50.000"),
              order("o9", "10:03:30.000")));

      HttpResponse<String> resume = http.post("/api/jobs/" + firstId + "/resume", "");
      assertThat(resume.statusCode()).as(resume.body()).isEqualTo(201);
      JsonNode second = json(resume);
      String secondId = second.get("jobId").asText();
      assertThat(secondId).isNotEqualTo(firstId);
      assertThat(second.get("state").asText()).isEqualTo("RUNNING");
      assertThat(second.get("jobName").asText()).isEqualTo("orders-per-minute");

      JsonNode old = jobInList(firstId);
      assertThat(old.get("resumedAs").asText()).isEqualTo(secondId);
      assertThat(actions(old)).as("resumed once while its resumed job runs").isEmpty();
      JsonNode resumed = jobInList(secondId);
      assertThat(resumed.get("resumedFrom").asText()).isEqualTo(firstId);
      assertThat(resumed.get("flowId").asText()).isEqualTo(flowId);
      assertThat(actions(resumed)).containsExactly("stop", "cancel");

      HttpResponse<String> again = http.post("/api/jobs/" + firstId + "/resume", "");
      assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
      assertThat(json(again).get("error").asText()).contains("already resumed", secondId);

      TestTopics.poll(consumer, results, r -> r.size() >= 3, Duration.ofSeconds(60));
      // Anything repeated would arrive right behind: keep listening a little.
      TestTopics.poll(consumer, results, r -> false, Duration.ofSeconds(3));
      // Each closed window exactly once; 10:02 counts o6 from before the stop.
      assertThat(countsByWindow(results))
          .containsExactly(
              Map.entry("2024-01-01 10:00:00", List.of(3)),
              Map.entry("2024-01-01 10:01:00", List.of(2)),
              Map.entry("2024-01-01 10:02:00", List.of(3)));

      HttpResponse<String> cancel = http.post("/api/jobs/" + secondId + "/cancel", "");
      assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
      assertThat(json(cancel).get("state").asText()).isEqualTo("CANCELED");
      assertThat(actions(json(cancel))).isEmpty();

      // Errors on ended jobs: cancel again, resume a job that has no savepoint.
      HttpResponse<String> cancelAgain = http.post("/api/jobs/" + secondId + "/cancel", "");
      assertThat(cancelAgain.statusCode()).as(cancelAgain.body()).isEqualTo(409);
      assertThat(json(cancelAgain).get("error").asText()).contains("already ended");
      HttpResponse<String> noSavepoint = http.post("/api/jobs/" + secondId + "/resume", "");
      assertThat(noSavepoint.statusCode()).as(noSavepoint.body()).isEqualTo(409);
      assertThat(json(noSavepoint).get("error").asText()).contains("savepoint");
      HttpResponse<String> stopEnded = http.post("/api/jobs/" + secondId + "/stop", "");
      assertThat(stopEnded.statusCode()).as(stopEnded.body()).isEqualTo(409);

      // the audit log has each of them, newest first, with its outcome
      List<String> audited = new ArrayList<>();
      for (JsonNode e : json(http.get("/api/audit?limit=500")).get("entries")) {
        String target = e.path("target").asText();
        if (target.endsWith("(" + flowId + ")")
            || target.equals("job " + firstId)
            || target.equals("job " + secondId)) {
          audited.add(
              e.get("user").asText()
                  + " "
                  + e.get("action").asText()
                  + " "
                  + target
                  + " "
                  + e.get("outcome").asText());
        }
      }
      assertThat(audited)
          .containsExactly(
              "owner job.stop job " + secondId + " failed",
              "owner job.resume job " + secondId + " failed",
              "owner job.cancel job " + secondId + " failed",
              "owner job.cancel job " + secondId + " ok",
              "owner job.resume job " + firstId + " failed",
              "owner job.resume job " + firstId + " ok",
              "owner job.stop job " + firstId + " ok",
              "owner deploy flow `Orders per minute` (" + flowId + ") ok");
    }
    System.out.printf("whole path in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  @Test
  void an_invalid_flow_is_refused_with_the_same_problems_as_a_run() {
    String id = json(http.post("/api/flows", "{\"name\": \"Nothing yet\"}")).get("id").asText();
    HttpResponse<String> deploy = http.post("/api/flows/" + id + "/deploy", "");
    HttpResponse<String> run = http.post("/api/flows/" + id + "/run", "{\"mode\": \"fromNow\"}");
    assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(409);
    assertThat(json(deploy).get("error").asText()).startsWith("Only a valid flow can be deployed");
    assertThat(json(deploy).get("problems")).isNotEmpty().isEqualTo(json(run).get("problems"));
  }

  @Test
  void delivery_settings_that_mean_nothing_are_refused_with_400() throws Exception {
    String id = importFlow(ordersPerMinute("deploy-api.bad", "deploy-api.bad.out"), "Settings");
    HttpResponse<String> guarantee =
        http.post("/api/flows/" + id + "/deploy", "{\"delivery\": \"twice\"}");
    assertThat(guarantee.statusCode()).as(guarantee.body()).isEqualTo(400);
    assertThat(json(guarantee).get("error").asText())
        .isEqualTo("`twice` is not a delivery guarantee: use exactly-once or at-least-once.");
    HttpResponse<String> interval =
        http.post("/api/flows/" + id + "/deploy", "{\"checkpointInterval\": \"often\"}");
    assertThat(interval.statusCode()).as(interval.body()).isEqualTo(400);
    assertThat(json(interval).get("error").asText())
        .isEqualTo("`often` is not a checkpoint interval: write it like 10s, 30s or 2min.");
    HttpResponse<String> retention =
        http.post("/api/flows/" + id + "/deploy", "{\"checkpointRetention\": 3}");
    assertThat(retention.statusCode()).as(retention.body()).isEqualTo(400);
    assertThat(json(retention).get("error").asText())
        .isEqualTo("\"checkpointRetention\" must be a string.");
  }

  @Test
  void a_flow_without_an_event_destination_is_refused_with_422() throws Exception {
    String id = importFlow(ordersPerMinute("deploy-api.nowhere", null), "No destination");
    HttpResponse<String> r = http.post("/api/flows/" + id + "/deploy", "");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    assertThat(json(r).get("error").asText()).contains("no event destination");
  }

  @Test
  void runs_from_the_canvas_are_not_listed_as_jobs() throws Exception {
    String id = importFlow(ordersPerMinute("deploy-api.canvas", null), "Canvas run");
    String run = "/api/flows/" + id + "/run";
    assertThat(http.post(run, "{\"mode\": \"fromNow\"}").statusCode()).isEqualTo(202);
    String jobId = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (jobId == null && System.nanoTime() < deadline) {
      JsonNode status = json(http.get(run));
      jobId = status.has("jobId") ? status.get("jobId").asText() : null;
      Thread.sleep(200);
    }
    assertThat(jobId).as("the run was submitted").isNotNull();

    HttpResponse<String> jobs = http.get("/api/jobs");
    assertThat(jobs.statusCode()).isEqualTo(200);
    assertThat(json(jobs).get("jobs").findValuesAsText("jobId")).doesNotContain(jobId);
    assertThat(http.get("/api/jobs/" + jobId).statusCode()).isEqualTo(404);
    http.delete(run);
  }

  @Test
  void bad_requests_and_unknown_things_are_refused() throws Exception {
    String id = importFlow(ordersPerMinute("deploy-api.bad", "deploy-api.bad-out"), "Bad requests");
    Consumer<String> badRequest =
        body -> {
          HttpResponse<String> r = http.post("/api/flows/" + id + "/deploy", body);
          assertThat(r.statusCode()).as(body + " → " + r.body()).isEqualTo(400);
          assertThat(json(r).get("error").asText()).isNotBlank();
        };
    badRequest.accept("{\"parallelism\": 0}");
    badRequest.accept("{\"parallelism\": \"two\"}");
    badRequest.accept("{\"parallelism\": 1.5}");
    badRequest.accept("{\"name\": \"  \"}");

    assertThat(http.post("/api/flows/no-such-flow/deploy", "").statusCode()).isEqualTo(404);
    HttpResponse<String> unknown = http.get("/api/jobs/" + NO_SUCH_JOB);
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
    assertThat(json(unknown).get("error").asText()).contains("knows no job");
    HttpResponse<String> malformed = http.get("/api/jobs/xyz");
    assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
    assertThat(http.post("/api/jobs/xyz/cancel", "").statusCode()).isEqualTo(400);
    assertThat(http.post("/api/jobs/" + NO_SUCH_JOB + "/cancel", "").statusCode()).isEqualTo(404);
    HttpResponse<String> noRecord = http.post("/api/jobs/" + NO_SUCH_JOB + "/resume", "");
    assertThat(noRecord.statusCode()).as(noRecord.body()).isEqualTo(404);
    assertThat(json(noRecord).get("error").asText()).contains("no record");
  }

  /** The flow with a SASL PLAIN password on its source. */
  ObjectNode withPassword(ObjectNode doc, String password) {
    ObjectNode kafka = (ObjectNode) doc.at("/nodes/0/config/kafka");
    kafka
        .putObject("security")
        .put("protocol", "SASL_PLAINTEXT")
        .put("mechanism", "PLAIN")
        .put("username", "alice")
        .put("password", password);
    return doc;
  }

  @Test
  void a_secret_is_resolved_from_the_flow_and_never_answered_or_stored() throws Exception {
    String id =
        importFlow(
            withPassword(ordersPerMinute("deploy-api.secret", "deploy-api.secret-out"), PASSWORD),
            "With a password");
    HttpResponse<String> deploy = http.post("/api/flows/" + id + "/deploy", "{\"parallelism\": 1}");
    // The broker takes no SASL, so the job may run or fail: either way the password stays hidden.
    assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(201);
    assertThat(deploy.body()).doesNotContain(PASSWORD);
    String jobId = json(deploy).get("jobId").asText();
    try {
      HttpResponse<String> list = http.get("/api/jobs");
      assertThat(list.body()).doesNotContain(PASSWORD).contains(jobId);
      assertThat(http.get("/api/jobs/" + jobId).body()).doesNotContain(PASSWORD);
      assertThat(Files.readString(dataDir.resolve("jobs.json")))
          .contains(jobId)
          .doesNotContain(PASSWORD);
    } finally {
      HttpResponse<String> cancel = http.post("/api/jobs/" + jobId + "/cancel", "");
      assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
      assertThat(cancel.body()).doesNotContain(PASSWORD);
    }

    String unresolved =
        importFlow(
            withPassword(
                ordersPerMinute("deploy-api.secret", "deploy-api.secret-out"),
                "${EDDY_TEST_UNSET_PASSWORD}"),
            "With a reference");
    HttpResponse<String> missing = http.post("/api/flows/" + unresolved + "/deploy", "");
    assertThat(missing.statusCode()).as(missing.body()).isEqualTo(422);
    assertThat(json(missing).get("error").asText()).contains("EDDY_TEST_UNSET_PASSWORD");
  }

  /**
   * Deploys a stored flow, waiting as long as a cold, busy machine needs (the first deployment of a
   * JVM plans and compiles for a minute or more when the CPU is shared).
   */
  HttpResponse<String> deployPatiently(String flowId) throws Exception {
    return http.client()
        .send(
            http.request("/api/flows/" + flowId + "/deploy")
                .timeout(Duration.ofSeconds(240))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"parallelism\": 1}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /**
   * "Orders without personal data" from {@code in} to {@code out}, with a constant {@code home}.
   */
  ObjectNode ordersWithConstant(String in, String out, String constant) throws Exception {
    ObjectNode doc =
        (ObjectNode)
            JSON.readTree(
                Files.readString(Path.of("..", "examples", "orders-without-personal-data.json")));
    for (JsonNode node : doc.path("nodes")) {
      if (node.path("config").path("kafka") instanceof ObjectNode kafka) {
        kafka.putArray("bootstrapServers").add(server.kafkaBootstrap());
        kafka.put("topic", node.path("type").asText().equals("source") ? in : out);
      }
    }
    ((ObjectNode) doc.at("/nodes/1/config/properties/0"))
        .put("name", "home")
        .put("expression", constant);
    return doc;
  }

  /** Issue 13 (1): only Eddy's secret references are resolved, only where Eddy put them. */
  @Test
  void a_dollar_brace_in_a_constant_or_a_name_is_deployed_as_written() throws Exception {
    assertThat(System.getenv("HOME")).as("the test needs HOME set").isNotBlank();
    topics.create("deploy-api.literal-in", "deploy-api.literal-out");
    ObjectNode doc =
        ordersWithConstant("deploy-api.literal-in", "deploy-api.literal-out", "'${HOME}'");
    String id = importFlow(doc, "${HOME}");
    HttpResponse<String> deploy = deployPatiently(id);
    assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(201);
    String jobId = json(deploy).get("jobId").asText();
    try {
      assertThat(json(deploy).get("jobName").asText()).isEqualTo("${HOME}");
      topics.produce("deploy-api.literal-in", List.of(order("o1", "10:00:10.000")));
      List<JsonNode> results = new ArrayList<>();
      try (KafkaConsumer<String, String> consumer = topics.consumer("deploy-api.literal-out")) {
        TestTopics.poll(consumer, results, r -> !r.isEmpty(), Duration.ofSeconds(60));
      }
      assertThat(results).hasSize(1);
      assertThat(results.get(0).get("home").asText()).isEqualTo("${HOME}");
    } finally {
      assertThat(http.post("/api/jobs/" + jobId + "/cancel", "").statusCode()).isEqualTo(200);
    }
  }

  /**
   * Issue 13 (5): a multi-line truststore PEM stays in its literal (the statements are intact and
   * Flink accepts them), and no answer or log line holds any line of it.
   */
  @Test
  void a_multi_line_truststore_deploys_and_no_part_of_it_is_answered_or_logged() throws Exception {
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + "MIIBszCCAVmgAwIBAgIUQ1secretLineOneAAAAAAAAAAAAAAAAAAAAAAAAAAA\n"
            + "c2VjcmV0TGluZVR3byc7IERST1AgVEFCTEUgeDsgLS0gJ30pOyBBTkQg\n"
            + "-----END CERTIFICATE-----\n";
    List<String> secretLines = pem.lines().filter(l -> !l.startsWith("-----")).toList();
    ObjectNode doc = ordersWithConstant("deploy-api.pem-in", "deploy-api.pem-out", "'x'");
    ((ObjectNode) doc.at("/nodes/0/config/kafka"))
        .putObject("security")
        .put("protocol", "SSL")
        .put("truststorePem", pem);
    String id = importFlow(doc, "With a truststore");

    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    root.addAppender(logged);
    List<String> answers = new ArrayList<>();
    try {
      HttpResponse<String> deploy = deployPatiently(id);
      answers.add(deploy.body());
      // The broker speaks no TLS: the job may fail when it connects, but Flink took the script.
      assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(201);
      String jobId = json(deploy).get("jobId").asText();
      answers.add(http.get("/api/jobs").body());
      answers.add(http.get("/api/jobs/" + jobId).body());
      answers.add(http.post("/api/jobs/" + jobId + "/cancel", "").body());
      answers.add(Files.readString(dataDir.resolve("jobs.json")));
    } finally {
      root.detachAppender(logged);
    }
    StringBuilder log = new StringBuilder();
    for (ch.qos.logback.classic.spi.ILoggingEvent e : logged.list) {
      log.append(e.getFormattedMessage()).append('\n');
      for (ch.qos.logback.classic.spi.IThrowableProxy t = e.getThrowableProxy();
          t != null;
          t = t.getCause()) {
        log.append(t.getMessage()).append('\n');
      }
    }
    for (String line : secretLines) {
      for (String answer : answers) {
        assertThat(answer).doesNotContain(line);
      }
      assertThat(log.toString()).doesNotContain(line);
    }
  }
}
