package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.EddyServer;
import io.eddy.server.ServerConfig;
import io.eddy.server.auth.LocalUsers;
import io.eddy.server.auth.OidcSettings;
import io.eddy.server.auth.Role;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
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
 * eddy-ui/e2e}: the getting-started path, export and import, one node of every type, a run of each
 * newer node type on the demo topics, the run counts on the canvas; and a shared server with local
 * users signing in by name and password.
 */
class BrowserEndToEndTest {
  static final Path UI = Path.of("../eddy-ui").toAbsolutePath().normalize();

  /**
   * The nested orders e2e/nested-shapes.mjs reads (its expected results are worked out from them).
   */
  static final String NESTED_TOPIC = "E2E.NESTED.ORDERS";

  /** The orders with unreadable messages, wrong types and late events e2e/run-counts.mjs counts. */
  static final String COUNTS_TOPIC = "E2E.COUNTS";

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
      writeTopic(server.kafkaBootstrap(), NESTED_TOPIC, "e2e/nested-orders.jsonl");
      writeTopic(server.kafkaBootstrap(), COUNTS_TOPIC, "e2e/counts-orders.jsonl");
      Map<String, String> env = new java.util.HashMap<>();
      env.put("EDDY_URL", server.url());
      env.put("EDDY_TOKEN", server.accessToken());
      env.put("EDDY_KAFKA", server.kafkaBootstrap());
      env.put("EDDY_NESTED_TOPIC", NESTED_TOPIC);
      env.put("EDDY_COUNTS_TOPIC", COUNTS_TOPIC);
      // User and password in their own fields: the server refuses credentials in the URL.
      env.put("EDDY_PG_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres");
      env.put("EDDY_PG_USER", "postgres");
      env.put("EDDY_PG_PASSWORD", "postgres");
      env.put("EDDY_PG_TABLE", "customers");
      env.put("EDDY_PG_MATCH", "customerid=id");
      env.put("EDDY_PG_ENRICH", "country");
      runBrowserScripts(List.of("npm", "run", "e2e"), env, 15);
    }
  }

  /**
   * A shared server with local users (issue 14): e2e/sign-in.mjs signs an editor in by name and
   * password, creates a flow, signs out, and signs a viewer in who is refused a change.
   */
  @Test
  void users_sign_in_by_name_and_password_and_a_viewer_cannot_change_flows() throws Exception {
    Path data = dataDir.resolve("shared");
    LocalUsers users = LocalUsers.forDataDir(data);
    users.put("ada", Role.EDITOR, "correct horse battery");
    users.put("vera", Role.VIEWER, "viewer password");
    try (EddyServer server =
        EddyServer.start(ServerConfig.defaults(data).withPort(0).withKafkaPort(0))) {
      runBrowserScripts(
          List.of("node", "e2e/sign-in.mjs"),
          Map.of(
              "EDDY_URL", server.url(),
              // no token: the browser signs in as a user
              "EDDY_TOKEN", "",
              "EDDY_USER", "ada",
              "EDDY_PASSWORD", "correct horse battery",
              "EDDY_VIEWER", "vera",
              "EDDY_VIEWER_PASSWORD", "viewer password"),
          3);
    }
  }

  /**
   * OpenID Connect (issue 14): a real provider (mock-oauth2-server) vouches for erin in the group
   * eddy-editors; e2e/oidc-sign-in.mjs clicks "Sign in with Test Provider", comes back signed in as
   * an editor, creates a flow and signs out.
   */
  @Test
  void a_user_signs_in_with_the_openid_connect_provider_in_the_browser() throws Exception {
    MockOAuth2Server provider = new MockOAuth2Server();
    provider.start();
    try {
      Path data = dataDir.resolve("oidc");
      Files.createDirectories(data);
      Files.writeString(
          data.resolve(OidcSettings.FILE),
          "{\"name\": \"Test Provider\", \"issuer\": \""
              + provider.issuerUrl("eddy")
              + "\", \"clientId\": \"eddy\", \"roles\": {\"eddy-editors\": \"editor\"}}");
      provider.enqueueCallback(
          new DefaultOAuth2TokenCallback(
              "eddy",
              "erin-subject",
              "JWT",
              null,
              Map.of("preferred_username", "erin", "groups", List.of("eddy-editors")),
              3600));
      try (EddyServer server =
          EddyServer.start(ServerConfig.defaults(data).withPort(0).withKafkaPort(0))) {
        runBrowserScripts(
            List.of("node", "e2e/oidc-sign-in.mjs"),
            Map.of(
                "EDDY_URL", server.url(),
                "EDDY_TOKEN", "",
                "EDDY_OIDC_NAME", "Test Provider",
                "EDDY_OIDC_USER", "erin"),
            3);
      }
    } finally {
      provider.shutdown();
    }
  }

  /** Runs {@code command} in eddy-ui with {@code env}; every step of every script must pass. */
  private void runBrowserScripts(List<String> command, Map<String, String> env, int minutes)
      throws Exception {
    Path log = Files.createTempFile(dataDir, "e2e", ".log");
    ProcessBuilder scripts = new ProcessBuilder(command).directory(UI.toFile());
    scripts.environment().putAll(env);
    Process process = scripts.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = process.waitFor(minutes, TimeUnit.MINUTES);
    if (!done) {
      process.destroyForcibly();
    }
    String output = Files.readString(log);
    System.out.println(output);
    assertThat(done)
        .as("the browser tests finished within " + minutes + " minutes:\n" + output)
        .isTrue();
    assertThat(process.exitValue()).as("browser tests:\n" + output).isZero();
    assertThat(output).contains(" 0 failed").doesNotContain("not tried");
  }

  /**
   * Writes each non-blank line of {@code file} (in eddy-ui) to a new {@code topic}, one message
   * each.
   */
  static void writeTopic(String bootstrap, String topic, String file) throws Exception {
    List<String> lines =
        Files.readAllLines(UI.resolve(file)).stream().filter(l -> !l.isBlank()).toList();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap),
            new StringSerializer(),
            new StringSerializer())) {
      for (String line : lines) {
        producer.send(new ProducerRecord<>(topic, line)).get(30, TimeUnit.SECONDS);
      }
    }
  }
}
