package io.eddy.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import io.eddy.core.model.Node;
import io.eddy.deploy.runner.EddySqlRunner;
import io.eddy.engine.EmbeddedKafka;
import io.eddy.engine.testing.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL export of every example flow runs unchanged on the real session cluster, statement by
 * statement as {@code sql-client.sh -f} runs a file. Only what a user sets for their own
 * environment differs: the examples name Kafka at localhost:9092 and PostgreSQL at localhost:5432,
 * which here are the test's broker and database, and the secret reference gets its value.
 */
class ExampleScriptsOnClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A password with a quote, which must be escaped inside the SQL string literal. */
  private static final String PASSWORD = "pa'ss-7Qx";

  private static String jdbcUrl;

  @BeforeAll
  static void database() throws Exception {
    EmbeddedPostgres pg = TestPostgres.server();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS shop");
      s.execute("DROP ROLE IF EXISTS eddy");
      s.execute("CREATE ROLE eddy LOGIN PASSWORD '" + PASSWORD.replace("'", "''") + "'");
      s.execute("CREATE DATABASE shop OWNER eddy");
    }
    try (Connection c = pg.getDatabase("eddy", "shop").getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT, country TEXT)");
      s.execute("INSERT INTO customers VALUES ('c1', 'Ada', 'UK')");
    }
    jdbcUrl = "jdbc:postgresql://localhost:" + pg.getPort() + "/shop";
  }

  static List<Path> examples() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void everyExampleExportSubmitsAndRuns() throws Exception {
    EmbeddedKafka kafka = TestCluster.kafka();
    LocalFlinkCluster cluster = TestCluster.flink();
    FlinkClusterClient client =
        new FlinkClusterClient(
            cluster.restUrl(), JobRegistry.in(TestCluster.dir().resolve("data-examples")));
    List<Path> examples = examples();
    assertThat(examples).hasSizeGreaterThanOrEqualTo(10);
    // A few at a time (the TaskManager has 4 slots), like several sql-client sessions.
    int batch = 3;
    for (int from = 0; from < examples.size(); from += batch) {
      long t0 = System.nanoTime();
      Map<String, String> jobs = new java.util.LinkedHashMap<>();
      for (Path file : examples.subList(from, Math.min(from + batch, examples.size()))) {
        Flow flow = FlowDocuments.read(Files.readString(file));
        for (Node node : flow.nodes()) {
          if (node.type().equals("source")) {
            kafka.createTopic(node.config().path("kafka").path("topic").asText(), 1);
          }
        }
        // What `eddy sql FLOW.json` writes, with the user's own addresses filled in.
        String script =
            FlinkClusterClient.export(flow, FlinkClusterClient.DeployOptions.defaults()).script();
        List<String> started =
            new ScriptRunner(client.restUrl())
                .runScript(
                    local(script),
                    FlinkClusterClient.DeployOptions.defaults(),
                    Secrets.ofMap(Map.of("SHOP_DB_PASSWORD", PASSWORD)),
                    null);
        assertThat(started).as(file.toString()).hasSize(1);
        jobs.put(started.get(0), file.getFileName().toString());
      }
      long t1 = System.nanoTime();
      long t2;
      try {
        for (String job : jobs.keySet()) {
          SessionClusterDeploymentTest.awaitAllRunning(client, job);
          assertThat(client.jobs().parallelism(job)).as(jobs.get(job)).isEqualTo(1);
        }
        t2 = System.nanoTime();
      } finally {
        for (String job : jobs.keySet()) {
          SessionClusterDeploymentTest.cancelQuietly(client, job);
        }
      }
      for (String job : jobs.keySet()) {
        client.jobs().awaitState(job, Set.of("CANCELED"), Duration.ofSeconds(30));
      }
      System.out.printf(
          "%s ran on the cluster (submitted in %.1f s, all running %.1f s later, cancelled in"
              + " %.1f s)%n",
          jobs.values(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (System.nanoTime() - t2) / 1e9);
    }
  }

  /** The script with the addresses of this test's Kafka broker and PostgreSQL filled in. */
  private static String local(String script) {
    return script
        .replace("'localhost:9092'", "'" + TestCluster.kafka().bootstrapServers() + "'")
        .replace("jdbc:postgresql://localhost:5432/shop", jdbcUrl);
  }

  /** What the FlinkDeployment runs: Eddy's SQL runner on the ConfigMap's script. */
  @Test
  void theKubernetesSqlRunnerRunsTheConfigMapScriptWithSecretsFromTheEnvironment(@TempDir Path tmp)
      throws Exception {
    LocalFlinkCluster cluster = TestCluster.flink();
    TestCluster.kafka().createTopic("ORDERS.NEW", 1);
    Flow flow =
        FlowDocuments.read(
            Files.readString(Path.of("..", "examples", "orders-with-customer-country.json")));
    KubernetesWriter.Resources resources =
        KubernetesWriter.write(flow, KubernetesWriter.Options.defaults());
    Path script = tmp.resolve("flow.sql");
    Files.writeString(script, local(resources.configMap().at("/data/flow.sql").asText()));

    assertThatThrownBy(() -> EddySqlRunner.run(script, Map.of(), remote(cluster)))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("SHOP_DB_PASSWORD");

    // As the operator runs it: the FlinkDeployment's configuration and the runner's arguments.
    Configuration conf = remote(cluster);
    resources
        .flinkDeployment()
        .at("/spec/flinkConfiguration")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getKey().startsWith("execution.checkpointing.i")
                  || e.getKey().startsWith("execution.checkpointing.m")
                  || e.getKey().startsWith("execution.checkpointing.e")) {
                conf.setString(e.getKey(), e.getValue().asText());
              }
            });
    List<String> args = new java.util.ArrayList<>();
    resources.flinkDeployment().at("/spec/job/args").forEach(a -> args.add(a.asText()));
    String prefix = args.get(4) + "-" + System.nanoTime();
    List<String> jobs =
        EddySqlRunner.run(
            script,
            Map.of("SHOP_DB_PASSWORD", PASSWORD),
            conf,
            new DeliverySettings(DeliverySettings.Guarantee.parse(args.get(2)), null, null),
            prefix);
    assertThat(jobs).hasSize(1);
    FlinkClusterClient client =
        new FlinkClusterClient(
            cluster.restUrl(), JobRegistry.in(TestCluster.dir().resolve("data-runner")));
    try {
      SessionClusterDeploymentTest.awaitAllRunning(client, jobs.get(0));
      JsonNode checkpoints =
          new FlinkRest(cluster.restUrl()).get("/jobs/" + jobs.get(0) + "/checkpoints/config");
      assertThat(checkpoints.path("mode").asText()).isEqualTo("exactly_once");
      assertThat(checkpoints.path("interval").asLong()).isEqualTo(10_000);
      // The destination writes in Kafka transactions with the deployment's prefix.
      assertThat(
              TestFixtures.transactionalIds(
                  TestCluster.kafka().bootstrapServers(), prefix, Duration.ofSeconds(60)))
          .isNotEmpty();
    } finally {
      SessionClusterDeploymentTest.cancelQuietly(client, jobs.get(0));
    }
    client.jobs().awaitState(jobs.get(0), Set.of("CANCELED"), Duration.ofSeconds(30));
  }

  private static Configuration remote(LocalFlinkCluster cluster) {
    URI uri = URI.create(cluster.restUrl());
    Configuration conf = new Configuration();
    conf.setString("execution.target", "remote");
    conf.setString("rest.address", uri.getHost());
    conf.setString("rest.port", String.valueOf(uri.getPort()));
    return conf;
  }

  @Test
  void deployingResolvesSecretsWithoutStoringOrPrintingThem() throws Exception {
    EmbeddedKafka kafka = TestCluster.kafka();
    LocalFlinkCluster cluster = TestCluster.flink();
    kafka.createTopic("ORDERS.NEW", 1);
    JobRegistry registry = JobRegistry.in(TestCluster.dir().resolve("data-secrets"));
    FlinkClusterClient client = new FlinkClusterClient(cluster.restUrl(), registry);
    ObjectNode doc =
        (ObjectNode)
            JSON.readTree(
                Files.readString(Path.of("..", "examples", "orders-with-customer-country.json")));
    for (JsonNode node : doc.path("nodes")) {
      if (node.path("type").asText().equals("databaseEnrichment")) {
        ((ObjectNode) node.path("config").path("jdbc")).put("url", jdbcUrl);
      }
    }
    Flow flow = FlowDocuments.read(doc.toString());
    FlinkClusterClient.DeployOptions options =
        FlinkClusterClient.DeployOptions.defaults().withKafkaOverride(kafka.bootstrapServers());

    assertThatThrownBy(() -> client.deploy(flow, options, Secrets.ofMap(Map.of())))
        .isInstanceOf(DeployException.class)
        .hasMessage(
            "The secret SHOP_DB_PASSWORD is not set: set it as an environment variable where Eddy"
                + " runs, or in a secrets file (eddy deploy --secrets FILE).");

    // Everything logged in this JVM while deploying, with Eddy's own loggers at DEBUG.
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Logger eddy =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.eddy");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    root.addAppender(logged);
    ch.qos.logback.classic.Level level = eddy.getLevel();
    eddy.setLevel(ch.qos.logback.classic.Level.DEBUG);
    FlinkClusterClient.Deployment d;
    try {
      d = client.deploy(flow, options, Secrets.ofMap(Map.of("SHOP_DB_PASSWORD", PASSWORD)));
    } finally {
      eddy.setLevel(level);
      root.detachAppender(logged);
    }
    assertThat(logged.list)
        .noneMatch(
            e ->
                e.getFormattedMessage().contains("pa'ss")
                    || e.getFormattedMessage().contains("pa''ss"));
    try {
      SessionClusterDeploymentTest.awaitAllRunning(client, d.jobId());
    } finally {
      SessionClusterDeploymentTest.cancelQuietly(client, d.jobId());
    }
    String stored = Files.readString(registry.file());
    assertThat(stored).doesNotContain("pa'ss").doesNotContain("pa''ss");
    JobRegistry.JobRecord record = registry.find(d.jobId()).orElseThrow();
    assertThat(record.sql()).contains("'password' = '${SHOP_DB_PASSWORD}'");
    assertThat(record.flow().toString()).contains("${SHOP_DB_PASSWORD}");
    client.jobs().awaitState(d.jobId(), Set.of("CANCELED"), Duration.ofSeconds(30));
    // Nor did the cluster's processes log it.
    for (String log : List.of("jobmanager.log", "taskmanager.log")) {
      assertThat(Files.readString(cluster.dir().resolve("log").resolve(log)))
          .as(log)
          .doesNotContain("pa'ss")
          .doesNotContain("pa''ss");
    }
  }
}
