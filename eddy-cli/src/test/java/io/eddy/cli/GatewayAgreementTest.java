package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.cli.gateway.FlinkJobs;
import io.eddy.cli.gateway.FlinkSqlGateway;
import io.eddy.core.compile.CompileOptions;
import io.eddy.core.compile.SqlCompiler;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import io.eddy.core.model.Node;
import io.eddy.deploy.LocalFlinkCluster;
import io.eddy.deploy.SqlScript;
import io.eddy.engine.EmbeddedKafka;
import io.eddy.engine.FlinkEngine;
import io.eddy.engine.flowtest.AvroMessages;
import io.eddy.engine.flowtest.ExpectedEventsComparator;
import io.eddy.engine.flowtest.FixtureEvents;
import io.eddy.engine.flowtest.FlowTestRunner;
import io.eddy.engine.testing.TestPostgres;
import io.eddy.server.EddyServer;
import io.eddy.server.ServerConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * "Exports run unchanged on stock Flink", proven: the SQL export of every example flow (and of the
 * variants below) runs statement by statement through Apache Flink's own SQL Gateway (REST API v4)
 * on a real two-process session cluster, on fixture events on a real broker, and gives exactly the
 * events {@code eddy test} gives for the same fixtures. The backlog is read at once and holds late
 * events; one flow has two sources with different delays; one source topic has three partitions.
 *
 * <p>A running job closes the windows that later events pass; {@code eddy test} reads to the end of
 * its input, where Flink's final watermark closes every window. To compare whole outputs the
 * gateway's job is stopped with {@code STOP JOB ... WITH SAVEPOINT WITH DRAIN} once it has read
 * every fixture event, which likewise ends the input with the final watermark.
 *
 * <p>Only what a user sets for their own environment is changed in the exports: the broker's
 * address, topic names (unique per run) and the PostgreSQL address; {@code ${SHOP_DB_PASSWORD}} is
 * substituted as {@code envsubst} would. One cluster, one gateway and one broker serve the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayAgreementTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path FIXTURES = Path.of("src/test/resources/gateway");
  private static final String PASSWORD = "gw-secret-9";

  /** The fixture file of each source topic of the examples. */
  private static final Map<String, String> FIXTURE_OF_TOPIC =
      Map.of(
          "ORDERS.NEW", "orders.jsonl",
          "CANCELLATIONS", "cancellations.jsonl",
          "DOOR.BADGEIN", "badges.jsonl",
          "STOCK.MOVEMENT", "stock-movements.jsonl",
          "ONLINE.ORDERS", "online-orders.jsonl",
          // The same orders, written as Avro with the source's schema.
          "ONLINE.ORDERS.AVRO", "online-orders.jsonl",
          "PAYMENTS", "payments.jsonl",
          "WEBSHOP.ORDERS", "webshop-orders.jsonl",
          "TRANSACTIONS", "transactions.jsonl",
          "CUSTOMER.TIERS", "customer-tiers.jsonl");

  private final AtomicInteger runs = new AtomicInteger();
  private Path dir;
  private EmbeddedKafka kafka;
  private LocalFlinkCluster cluster;
  private FlinkSqlGateway gateway;
  private FlinkJobs flink;
  private FlinkEngine miniCluster;
  private FlowTestRunner eddyTest;
  private String jdbcUrl;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("eddy-gateway-test");
    kafka = EmbeddedKafka.start(dir.resolve("kafka"));
    cluster = LocalFlinkCluster.start(dir.resolve("cluster"));
    gateway = FlinkSqlGateway.start(cluster.restUrl());
    flink = new FlinkJobs(cluster.restUrl());
    // What `eddy test` runs on: an embedded MiniCluster, here sharing the test's broker.
    miniCluster = FlinkEngine.embedded(dir.resolve("minicluster"), 2);
    eddyTest =
        new FlowTestRunner(kafka, miniCluster, FlowFiles.analyzer())
            .withSecrets(
                name -> Optional.ofNullable(Map.of("SHOP_DB_PASSWORD", PASSWORD).get(name)));
    EmbeddedPostgres pg = TestPostgres.server();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS shop");
      s.execute("DROP ROLE IF EXISTS eddy");
      s.execute("CREATE ROLE eddy LOGIN PASSWORD '" + PASSWORD + "'");
      s.execute("CREATE DATABASE shop OWNER eddy");
    }
    try (Connection c = pg.getDatabase("eddy", "shop").getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT, country TEXT)");
      s.execute("INSERT INTO customers VALUES ('c1', 'Ada', 'UK'), ('c2', 'Grace', 'US')");
    }
    jdbcUrl = "jdbc:postgresql://localhost:" + pg.getPort() + "/shop";
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (miniCluster != null) {
      miniCluster.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void everyExampleExportGivesThroughTheGatewayWhatEddyTestGives() throws Exception {
    List<Path> examples;
    try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
      examples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(examples).hasSizeGreaterThanOrEqualTo(10);
    for (Path file : examples) {
      Flow flow = FlowDocuments.read(local(example(file.getFileName().toString())).toString());
      Map<String, Path> fixtures = fixturesBySourceName(flow);
      List<ObjectNode> expected = eddyTest.run(flow, fixtures, Optional.empty()).events();
      assertThat(expected).as("eddy test of " + file.getFileName()).isNotEmpty();
      List<ObjectNode> actual = throughGateway(flow, fixtures, partitions -> 0, 1);
      assertSame(file.getFileName().toString(), actual, expected);
    }
  }

  @Test
  void twoSourcesWithDifferentDelaysGiveTheSameJoin() throws Exception {
    // Cancellations may arrive 10 minutes late, orders 5 seconds.
    ObjectNode doc = example("orders-cancelled-within-30-minutes.json");
    for (JsonNode node : doc.path("nodes")) {
      if (node.path("name").asText().equals("Cancellations")) {
        ((ObjectNode) node.path("config"))
            .set("eventTimeDelay", JSON.readTree("{\"value\": 10, \"unit\": \"MINUTE\"}"));
      }
    }
    Flow flow = FlowDocuments.read(doc.toString());
    Map<String, Path> fixtures = fixturesBySourceName(flow);
    List<ObjectNode> expected = eddyTest.run(flow, fixtures, Optional.empty()).events();
    // Orders o1 and o8 were cancelled within 30 minutes.
    assertThat(expected).hasSize(2);
    assertSame("two delays", throughGateway(flow, fixtures, p -> 0, 1), expected);
  }

  @Test
  void aSourceTopicWithThreePartitionsGivesTheSameWindowsAsOne() throws Exception {
    Flow flow = FlowDocuments.read(example("door-badge-ins-per-building.json").toString());
    Map<String, Path> fixtures =
        Map.of("Door badge-ins", FIXTURES.resolve("badges-in-order.jsonl"));
    List<ObjectNode> expected = eddyTest.run(flow, fixtures, Optional.empty()).events();
    assertThat(expected).hasSize(8);
    // Each building's badge-ins on a partition of their own: buildings A, B, C → 0, 1, 2.
    IntFunction<Integer> byBuilding = line -> line;
    List<ObjectNode> actual = throughGateway(flow, fixtures, byBuilding, 3);
    assertSame("three partitions", actual, expected);
  }

  /**
   * Issue 16's case: door badge-ins per building per 10 minutes with a 1-minute delay, fed a
   * backlog in which 4 badge-ins arrive 14-17 minutes behind the newest (late-badges.jsonl, worked
   * out there). They are late everywhere: 12 windows of the day through a canvas run on historical
   * events (server API), {@code eddy test}, {@code eddy deploy} to the session cluster and the
   * gateway. The last badge-in, the next morning in building Z, passes every window of the day, so
   * the running jobs close them too; {@code eddy test}, whose input ends, also closes Z's window.
   * Where a way of running counts late events ({@code eddy test --stats}, the canvas run's counts)
   * it counts the same 4.
   */
  @Test
  void lateBadgeInsGiveTheSameWindowsEverywhere() throws Exception {
    ObjectNode doc = example("door-badge-ins-per-building.json");
    for (JsonNode node : doc.path("nodes")) {
      ObjectNode config = (ObjectNode) node.path("config");
      switch (node.path("type").asText()) {
        case "source" -> {
          config.set("eventTimeDelay", JSON.readTree("{\"value\": 1, \"unit\": \"MINUTE\"}"));
          ((ObjectNode) config.path("kafka")).put("topic", "late.DOOR.BADGEIN");
        }
        case "aggregate" ->
            ((ObjectNode) config.path("window"))
                .set("size", JSON.readTree("{\"value\": 10, \"unit\": \"MINUTE\"}"));
        default -> {}
      }
      if (config.has("kafka")) {
        // The user's Kafka: this test's broker (a canvas run uses the cluster the flow names).
        ((ObjectNode) config.path("kafka"))
            .putArray("bootstrapServers")
            .add(kafka.bootstrapServers());
      }
    }
    Path fixture = FIXTURES.resolve("late-badges.jsonl").toAbsolutePath();

    // eddy test, the command (its own broker and MiniCluster).
    Path flowFile = dir.resolve("late-badge-ins.json");
    Files.writeString(flowFile, doc.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        EddyCli.execute(
            new String[] {
              "test", flowFile.toString(), "--events", "Door badge-ins=" + fixture, "--stats"
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(exit).as(err.toString()).isZero();
    // The same late count where a way of running reports one: eddy test --stats and the canvas.
    assertThat(err.toString()).containsPattern("Badge-ins per building +late 4; out 13\n");
    List<ObjectNode> tested = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isBlank()) {
        tested.add((ObjectNode) JSON.readTree(line));
      }
    }
    List<ObjectNode> expected =
        tested.stream().filter(e -> !e.path("building").asText().equals("Z")).toList();
    assertThat(tested).hasSize(13);
    assertThat(expected).hasSize(12);
    // The late badge-ins are not counted: A 08:10-08:20 has one (not two), there is no C window.
    assertThat(expected)
        .anySatisfy(
            e -> {
              assertThat(e.path("building").asText()).isEqualTo("A");
              assertThat(FlowTestRunner.formatTimestamp(e.path("aggregateStartTime").asText()))
                  .isEqualTo("2023-05-21 08:10:00.000");
              assertThat(e.path("badgeIns").asLong()).isEqualTo(1);
            })
        .noneMatch(e -> e.path("building").asText().equals("C"));

    // The same backlog on the shared broker, read by the three running jobs.
    kafka.createTopic("late.DOOR.BADGEIN", 1);
    produce("late.DOOR.BADGEIN", fixture, b -> 0);

    // eddy deploy to the session cluster, writing to its own topic.
    ObjectNode deployed = destination(doc.deepCopy(), "late.deploy.COUNTS");
    Path deployFile = dir.resolve("late-badge-ins-deploy.json");
    Files.writeString(deployFile, deployed.toString());
    exit =
        EddyCli.execute(
            new String[] {
              "deploy",
              deployFile.toString(),
              "--flink",
              cluster.restUrl(),
              "--kafka",
              kafka.bootstrapServers(),
              "--data-dir",
              dir.resolve("eddy-data").toString(),
              "--name",
              "late badge-ins (eddy deploy)"
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(exit).as(err.toString()).isZero();
    String deployJob = awaitJob("late badge-ins (eddy deploy)");

    // A canvas run on historical events, through the server's API (runs on the session cluster).
    CanvasRun canvas;
    try (EddyServer server =
        EddyServer.start(
            ServerConfig.defaults(dir.resolve("server"))
                .withPort(0)
                .withKafkaBootstrap(kafka.bootstrapServers())
                .withFlinkUrl(cluster.restUrl())
                .withDemo(false))) {
      canvas = canvasRun(server, doc, expected.size());
    }

    // The gateway, stopped with drain once it has read the backlog: it closes Z's window too.
    ObjectNode gatewayDoc = destination(doc.deepCopy(), "late.gateway.COUNTS");
    gatewayDoc.put("name", "late badge-ins (gateway)");
    Flow gatewayFlow = FlowDocuments.read(gatewayDoc.toString());
    List<ObjectNode> throughGateway =
        throughGateway(gatewayFlow, Map.of("Door badge-ins", fixture), b -> 0, 1, false);

    List<ObjectNode> deployedOut = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (deployedOut.size() < expected.size() && System.nanoTime() < deadline) {
      deployedOut = readAll("late.deploy.COUNTS");
      Thread.sleep(500);
    }
    try {
      assertSame("eddy deploy", deployedOut, expected);
      assertSame("canvas run", canvas.events(), expected);
      assertThat(canvas.counts().path("counts").path("late").asLong()).isEqualTo(4);
      assertSame("gateway", throughGateway, tested);
    } finally {
      cancel(deployJob);
    }
  }

  private static ObjectNode destination(ObjectNode doc, String topic) {
    for (JsonNode node : doc.path("nodes")) {
      if (node.path("type").asText().equals("destination")) {
        ((ObjectNode) node.path("config").path("kafka")).put("topic", topic);
      }
    }
    return doc;
  }

  private void cancel(String job) throws Exception {
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(cluster.restUrl() + "/jobs/" + job + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding());
  }

  /** A canvas run's output events and its counts per node (the API's {@code counts}). */
  private record CanvasRun(List<ObjectNode> events, JsonNode counts) {}

  /**
   * Imports the flow, runs it on historical events and reads its output events and, once the
   * aggregate has counted its late events, the run's counts from the API.
   */
  private static CanvasRun canvasRun(EddyServer server, ObjectNode doc, int events)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + server.port();
    String bearer = "Bearer " + server.accessToken();
    HttpResponse<String> imported =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/flows/import?name=late"))
                .header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(doc.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
    JsonNode answer = JSON.readTree(imported.body());
    String id = (answer.isArray() ? answer.get(0) : answer).path("id").asText();
    HttpResponse<String> run =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/flows/" + id + "/run"))
                .header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\": \"historical\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
    List<ObjectNode> received = new ArrayList<>();
    HttpResponse<java.io.InputStream> stream =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/flows/" + id + "/run/events"))
                .header("Authorization", bearer)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(3))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    java.util.concurrent.CompletableFuture<Void> reading =
        java.util.concurrent.CompletableFuture.runAsync(
            () -> {
              try (java.io.BufferedReader lines =
                  new java.io.BufferedReader(
                      new java.io.InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while (received.size() < events && (line = lines.readLine()) != null) {
                  if (line.startsWith("data:")) {
                    received.add((ObjectNode) JSON.readTree(line.substring(5)));
                  }
                }
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    try {
      reading.get(3, java.util.concurrent.TimeUnit.MINUTES);
    } catch (java.util.concurrent.TimeoutException e) {
      stream.body().close();
      String status =
          http.send(
                  HttpRequest.newBuilder(URI.create(base + "/api/flows/" + id + "/run"))
                      .header("Authorization", bearer)
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      throw new AssertionError(
          "the canvas run gave " + received.size() + " of " + events + " events: " + status);
    }
    HttpRequest status =
        HttpRequest.newBuilder(URI.create(base + "/api/flows/" + id + "/run"))
            .header("Authorization", bearer)
            .build();
    JsonNode counts = JSON.readTree(http.send(status, HttpResponse.BodyHandlers.ofString()).body());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    // The counts are flushed every half second, apart from the events.
    while (counts.path("counts").path("counts").path("late").asLong() < 4
        && System.nanoTime() < deadline) {
      Thread.sleep(300);
      counts = JSON.readTree(http.send(status, HttpResponse.BodyHandlers.ofString()).body());
    }
    http.send(
        HttpRequest.newBuilder(URI.create(base + "/api/flows/" + id + "/run"))
            .header("Authorization", bearer)
            .DELETE()
            .build(),
        HttpResponse.BodyHandlers.ofString());
    return new CanvasRun(received, counts.path("counts"));
  }

  private static void assertSame(String what, List<ObjectNode> actual, List<ObjectNode> expected) {
    ExpectedEventsComparator.Comparison c = ExpectedEventsComparator.compare(actual, expected);
    assertThat(c.matches())
        .as(what + ": the gateway's events differ from eddy test's:\n" + c.difference())
        .isTrue();
  }

  /** The flow with this test's PostgreSQL as the database it enriches from. */
  private ObjectNode local(ObjectNode doc) {
    for (JsonNode node : doc.path("nodes")) {
      if (node.path("type").asText().equals("databaseEnrichment")) {
        ((ObjectNode) node.path("config").path("jdbc")).put("url", jdbcUrl);
      }
    }
    return doc;
  }

  private static ObjectNode example(String name) throws Exception {
    return (ObjectNode) JSON.readTree(Files.readString(Path.of("..", "examples", name)));
  }

  private static Map<String, Path> fixturesBySourceName(Flow flow) {
    Map<String, Path> fixtures = new LinkedHashMap<>();
    for (Node node : flow.nodes()) {
      if (node.type().equals("source")) {
        String topic = node.config().path("kafka").path("topic").asText();
        fixtures.put(node.name(), FIXTURES.resolve(FIXTURE_OF_TOPIC.get(topic)));
      }
    }
    return fixtures;
  }

  /**
   * Produces the fixtures to fresh topics, runs the flow's export through the gateway, stops the
   * job with drain once its sources have read every fixture event, and returns what it wrote (its
   * destination topic, or the rows of its final SELECT).
   *
   * @param partitionOf the partition of a fixture message, by the building letter of its door
   *     (A=0...) for several partitions; 0 otherwise
   */
  private List<ObjectNode> throughGateway(
      Flow flow, Map<String, Path> fixtures, IntFunction<Integer> partitionOf, int partitions)
      throws Exception {
    return throughGateway(flow, fixtures, partitionOf, partitions, true);
  }

  /**
   * As above; without {@code produce}, the source topics hold the fixtures already. A job that
   * failed or read nothing at all before the deadline (a stall of the test's cluster on a loaded
   * machine, not a wrong answer) is cancelled and its run tried once more, on topics of its own; a
   * job that read part of its input, or gives other events, fails the test.
   */
  private List<ObjectNode> throughGateway(
      Flow flow,
      Map<String, Path> fixtures,
      IntFunction<Integer> partitionOf,
      int partitions,
      boolean produce)
      throws Exception {
    try {
      return throughGatewayOnce(flow, fixtures, partitionOf, partitions, produce);
    } catch (NothingRead e) {
      System.err.println("Retrying " + flow.name() + " once: " + e.getMessage());
      flink.cancel(e.job);
      flink.await(e.job, List.of("FAILED", "CANCELED", "FINISHED"), Duration.ofMinutes(1));
      return throughGatewayOnce(flow, fixtures, partitionOf, partitions, produce);
    }
  }

  /** A job that ended or read nothing before it had read every fixture event. */
  private static final class NothingRead extends AssertionError {
    final String job;

    NothingRead(String job, String message) {
      super(message);
      this.job = job;
    }
  }

  private List<ObjectNode> throughGatewayOnce(
      Flow flow,
      Map<String, Path> fixtures,
      IntFunction<Integer> partitionOf,
      int partitions,
      boolean produce)
      throws Exception {
    String prefix = produce ? "gw" + runs.incrementAndGet() + "." : "";
    io.eddy.core.compile.CompiledFlow compiled =
        new SqlCompiler(FlowFiles.analyzer()).compile(flow, CompileOptions.export());
    String script = compiled.script();
    Optional<org.apache.avro.Schema> writtenAvro = Optional.empty();
    script =
        SqlScript.resolve(
            script
                .replace("'localhost:9092'", "'" + kafka.bootstrapServers() + "'")
                .replace("jdbc:postgresql://localhost:5432/shop", jdbcUrl),
            name -> Optional.ofNullable(Map.of("SHOP_DB_PASSWORD", PASSWORD).get(name)));
    String destination = null;
    int fixtureEvents = 0;
    for (Node node : flow.nodes()) {
      String topic = node.config().path("kafka").path("topic").asText();
      if (topic.isEmpty()) {
        continue;
      }
      script = script.replace("'topic' = '" + topic + "'", "'topic' = '" + prefix + topic + "'");
      if (node.type().equals("source")) {
        if (produce) {
          kafka.createTopic(prefix + topic, partitions);
          fixtureEvents +=
              produce(
                  prefix + topic,
                  fixtures.get(node.name()),
                  partitionOf,
                  AvroMessages.schemaOf(node.config()));
        } else {
          fixtureEvents += events(FixtureEvents.read(fixtures.get(node.name())));
        }
      } else if (node.type().equals("destination")) {
        destination = prefix + topic;
        if ("avro".equalsIgnoreCase(node.config().path("format").asText())) {
          // Read back with the schema Flink's avro format writes with.
          writtenAvro = Optional.of(AvroMessages.writtenSchema(compiled.output()));
        }
      }
    }
    List<String> statements = SqlScript.statements(script);
    try (FlinkSqlGateway.Session session = gateway.openSession(Map.of())) {
      for (String statement : statements.subList(0, statements.size() - 1)) {
        session.execute(statement);
      }
      String last = statements.get(statements.size() - 1);
      List<ObjectNode> rows = new ArrayList<>();
      Thread select = null;
      if (destination == null) {
        // A streaming SELECT answers until its job ends: fetch it while the job runs.
        FlinkSqlGateway.Session reader = session;
        select =
            new Thread(
                () -> {
                  try {
                    rows.addAll(reader.executeQuery(last));
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                },
                "gateway-select");
        select.start();
      } else {
        session.execute(last);
      }
      String job = awaitJob(flow.name());
      flink.awaitAllTasksRunning(job, Duration.ofSeconds(90));
      awaitRead(job, fixtureEvents);
      session.execute("STOP JOB '" + job + "' WITH SAVEPOINT WITH DRAIN");
      assertThat(flink.await(job, List.of("FINISHED", "FAILED", "CANCELED"), Duration.ofMinutes(1)))
          .isEqualTo("FINISHED");
      if (select != null) {
        select.join(Duration.ofMinutes(1).toMillis());
        return rows;
      }
    }
    return readAll(destination, writtenAvro);
  }

  private String awaitJob(String name) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<String> job = flink.find(name, List.of("CREATED", "INITIALIZING", "RUNNING"));
      if (job.isPresent()) {
        return job.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no job named " + name + " was started");
  }

  /**
   * Waits until the job's sources have emitted every fixture event: Flink's own operator metric
   * numRecordsOut of each source (the REST API refreshes metrics every few seconds).
   */
  private void awaitRead(String job, int events) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    long read = 0;
    String state = "RUNNING";
    while (System.nanoTime() < deadline && state.equals("RUNNING")) {
      read = flink.operatorMetric(job, "Source__", ".numRecordsOut");
      if (read >= events) {
        return;
      }
      Thread.sleep(500);
      state = flink.state(job);
    }
    String message =
        "the job read "
            + read
            + " of "
            + events
            + " fixture events and is "
            + state
            + " ("
            + flink.lastException(job)
            + ")";
    if (read == 0 || !state.equals("RUNNING")) {
      throw new NothingRead(job, message);
    }
    throw new AssertionError(message);
  }

  private int produce(String topic, Path file, IntFunction<Integer> partitionOf) throws Exception {
    return produce(topic, file, partitionOf, Optional.empty());
  }

  private int produce(
      String topic,
      Path file,
      IntFunction<Integer> partitionOf,
      Optional<org.apache.avro.Schema> avro)
      throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("enable.idempotence", "true");
    List<FixtureEvents.Message> messages = FixtureEvents.read(file);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (FixtureEvents.Message m : messages) {
        // A tombstone (a changelog's deletion) has no value.
        String value = m.value() == null ? "" : new String(m.value(), StandardCharsets.UTF_8);
        int building =
            value.contains("\"door\"")
                ? JSON.readTree(value).path("door").asText().charAt(0) - 'A'
                : 0;
        producer.send(
            new ProducerRecord<>(
                topic,
                partitionOf.apply(building),
                m.timestamp(),
                m.key(),
                m.valueFor(avro),
                m.kafkaHeaders()));
      }
      producer.flush();
    }
    return events(messages);
  }

  /**
   * The events among fixture messages: a {@code {"raw": …}} line is a message the sources skip
   * (neither JSON nor Avro here), so their metric of events emitted never counts it.
   */
  private static int events(List<FixtureEvents.Message> messages) {
    return (int) messages.stream().filter(m -> !m.raw()).count();
  }

  private List<ObjectNode> readAll(String topic) throws Exception {
    return readAll(topic, Optional.empty());
  }

  /** The values on {@code topic}: JSON, or Avro binary of {@code avro} shown as JSON. */
  private List<ObjectNode> readAll(String topic, Optional<org.apache.avro.Schema> avro)
      throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    List<ObjectNode> events = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          events.add(
              (ObjectNode)
                  (avro.isPresent()
                      ? AvroMessages.decode(r.value(), avro.get())
                      : JSON.readTree(r.value())));
        }
      }
    }
    return events;
  }
}
