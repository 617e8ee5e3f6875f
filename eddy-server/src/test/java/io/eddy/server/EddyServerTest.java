package io.eddy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.engine.FlinkEngine;
import io.eddy.engine.RunState;
import io.eddy.server.auth.LocalUsers;
import io.eddy.server.auth.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, stopping and restarting whole servers. */
class EddyServerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dataDir;

  static JsonNode json(String body) throws Exception {
    return JSON.readTree(body);
  }

  static String demoId(Http http) throws Exception {
    for (JsonNode f : json(http.get("/api/flows").body())) {
      if (f.get("name").asText().equals("EMEA orders")) {
        return f.get("id").asText();
      }
    }
    throw new AssertionError("no demo flow");
  }

  @Test
  void stopping_stops_runs_and_after_a_restart_flows_are_kept_and_nothing_claims_to_run()
      throws Exception {
    FlinkEngine engine = SharedInfra.engine();
    ServerConfig config =
        ServerConfig.defaults(dataDir)
            .withPort(0)
            .withKafkaBootstrap(SharedInfra.kafka().bootstrapServers())
            .withFlinkUrl(engine.restAddress())
            .withDemo(true);
    String jobId;
    String flowId;
    try (EddyServer server = EddyServer.start(config)) {
      Http http = Http.signedIn(server);
      flowId = demoId(http);
      http.post("/api/flows", "{\"name\": \"Second\"}");
      var run = http.post("/api/flows/" + flowId + "/run", "{\"mode\": \"fromNow\"}");
      assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
      jobId = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (jobId == null && System.nanoTime() < deadline) {
        JsonNode status = json(http.get("/api/flows/" + flowId + "/run").body());
        assertThat(status.get("status").asText()).isIn("starting", "running");
        jobId = status.hasNonNull("jobId") ? status.get("jobId").asText() : null;
        Thread.sleep(200);
      }
      assertThat(jobId).as("the run was submitted").isNotNull();
      engine.awaitRunning(jobId, Duration.ofSeconds(60));
    }
    // the server's stop cancelled its run on Flink
    assertThat(engine.awaitEnd(jobId, Duration.ofSeconds(30)).state()).isEqualTo(RunState.STOPPED);

    try (EddyServer server = EddyServer.start(config)) {
      Http http = Http.signedIn(server);
      JsonNode flows = json(http.get("/api/flows").body());
      assertThat(flows).hasSize(2); // the demo flow is created once only
      assertThat(demoId(http)).isEqualTo(flowId);
      for (JsonNode f : flows) {
        assertThat(f.get("status").asText()).isIn("valid", "draft");
      }
      assertThat(json(http.get("/api/flows/" + flowId + "/run").body()).get("status").asText())
          .isEqualTo("none");
    }
  }

  @Test
  void refuses_to_listen_beyond_loopback_without_users_or_an_explicit_opt_out() {
    ServerConfig open = ServerConfig.defaults(dataDir).withPort(0).withHost("0.0.0.0");
    assertThatThrownBy(() -> EddyServer.start(open))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "Eddy does not listen on 0.0.0.0 without sign-in: add a user first (eddy users add");
    // nothing was started or written
    assertThat(Files.exists(dataDir.resolve("secret.key"))).isFalse();
    EddyServer.checkBindAddress(open.withSecurity(new SecurityConfig(List.of(), true)));
    EddyServer.checkBindAddress(ServerConfig.defaults(dataDir).withHost("localhost"));
    // with a local user, everyone signs in: the network address is accepted
    LocalUsers.forDataDir(dataDir).put("ada", Role.ADMIN, "correct horse battery");
    EddyServer.checkBindAddress(open);
  }

  @Test
  void starts_everything_embedded_and_stops_cleanly() throws Exception {
    ServerConfig config = ServerConfig.defaults(dataDir).withPort(0).withKafkaPort(0);
    String kafka;
    try (EddyServer server = EddyServer.start(config)) {
      Http http = new Http(server.url(), server.accessToken());
      assertThat(server.url()).startsWith("http://localhost:");
      var health = http.get("/api/health");
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      kafka = server.kafkaBootstrap();
      assertThat(kafka).startsWith("127.0.0.1:");
      assertThat(server.flinkRestAddress()).startsWith("http://127.0.0.1:");
      var topics = http.post("/api/kafka/topics", "{}");
      assertThat(json(topics.body()).get("topics").toString())
          .contains("ORDERS.NEW", "DOOR.BADGEIN");
      JsonNode demo = json(http.get("/api/flows/" + demoId(http)).body());
      assertThat(demo.at("/nodes/0/config/kafka/bootstrapServers/0").asText()).isEqualTo(kafka);
      assertThat(Files.exists(dataDir.resolve("secret.key"))).isTrue();
      assertThat(Files.exists(dataDir.resolve("kafka"))).isTrue();
      // the web server, the broker and Flink (REST, BlobServer, RPC, shuffle) listen on loopback
      assertThat(ListeningSockets.ofThisProcess())
          .isNotEmpty()
          .allMatch(ListeningSockets::loopback);
      // and Flink's REST API takes no jar uploads
      var jars =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(server.flinkRestAddress() + "/jars"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(jars.statusCode()).isEqualTo(404);
    }
    // everything is down: the port of the broker is free again
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(Integer.parseInt(kafka.substring(kafka.indexOf(':') + 1)))) {
      assertThat(s.isBound()).isTrue();
    }
  }
}
