package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.EddyServer;
import io.eddy.server.ServerConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI end to end, as a user walks it: the real server with its embedded defaults (store,
 * MiniCluster, Kafka broker with demo topics) on free ports, a real PostgreSQL for the database
 * node, and headless Chromium (Debian's {@code chromium}, driven by playwright-core) running {@code
 * eddy-ui/e2e}: the getting-started path, export and import, then one node of every type.
 */
class BrowserEndToEndTest {
  static final Path UI = Path.of("../eddy-ui").toAbsolutePath().normalize();

  /**
   * The nested orders e2e/nested-shapes.mjs reads (its expected results are worked out from them).
   */
  static final String NESTED_TOPIC = "E2E.NESTED.ORDERS";

  @TempDir Path dataDir;

  @Test
  void a_new_user_builds_runs_exports_and_imports_flows_in_the_browser() throws Exception {
    assertThat(Path.of(System.getProperty("eddy.chromium", "/usr/bin/chromium")))
        .as(
            "Debian's chromium is needed for the browser tests: apt-get install chromium (.ci/run does)")
        .exists();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        EddyServer server =
            EddyServer.start(ServerConfig.defaults(dataDir).withPort(0).withKafkaPort(0))) {
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT, country TEXT)");
        s.execute("INSERT INTO customers VALUES ('c1', 'Ada', 'United Kingdom')");
      }
      writeNestedOrders(server.kafkaBootstrap());
      Path log = dataDir.resolve("e2e.log");
      ProcessBuilder npm = new ProcessBuilder("npm", "run", "e2e").directory(UI.toFile());
      npm.environment().put("EDDY_URL", server.url());
      npm.environment().put("EDDY_TOKEN", server.accessToken());
      npm.environment().put("EDDY_KAFKA", server.kafkaBootstrap());
      npm.environment().put("EDDY_NESTED_TOPIC", NESTED_TOPIC);
      // User and password in their own fields: the server refuses credentials in the URL.
      npm.environment()
          .put("EDDY_PG_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres");
      npm.environment().put("EDDY_PG_USER", "postgres");
      npm.environment().put("EDDY_PG_PASSWORD", "postgres");
      npm.environment().put("EDDY_PG_TABLE", "customers");
      npm.environment().put("EDDY_PG_MATCH", "customerid=id");
      npm.environment().put("EDDY_PG_ENRICH", "country");
      Process process = npm.redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean done = process.waitFor(15, TimeUnit.MINUTES);
      if (!done) {
        process.destroyForcibly();
      }
      String output = Files.readString(log);
      System.out.println(output);
      assertThat(done).as("the browser tests finished within 15 minutes:\n" + output).isTrue();
      assertThat(process.exitValue()).as("browser tests:\n" + output).isZero();
      assertThat(output).contains(" 0 failed").doesNotContain("not tried");
    }
  }

  /** Writes the lines of e2e/nested-orders.jsonl to {@link #NESTED_TOPIC}, one message each. */
  static void writeNestedOrders(String bootstrap) throws Exception {
    List<String> orders =
        Files.readAllLines(UI.resolve("e2e/nested-orders.jsonl")).stream()
            .filter(l -> !l.isBlank())
            .toList();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic(NESTED_TOPIC, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap),
            new StringSerializer(),
            new StringSerializer())) {
      for (String order : orders) {
        producer.send(new ProducerRecord<>(NESTED_TOPIC, order)).get(30, TimeUnit.SECONDS);
      }
    }
  }
}
