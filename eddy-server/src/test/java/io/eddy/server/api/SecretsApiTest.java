package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.server.EddyServer;
import io.eddy.server.Http;
import io.eddy.server.SharedInfra;
import io.eddy.server.store.SecretCipher;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets are write-only (issue 14, item 2): a flow holding a Kafka password, a truststore and a
 * database password is sent through every route of the server's route table, and no answer carries
 * any of them; a route the test does not call fails it, so a new route must be added here. The JSON
 * export with credentials is the one way out, and a saved document that comes back sealed keeps the
 * secrets.
 */
class SecretsApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path EXAMPLES = Path.of("../examples").toAbsolutePath().normalize();
  static final String KAFKA_PASSWORD = "kafka-password-S3CRET-one";
  static final String TRUSTSTORE =
      "-----BEGIN CERTIFICATE-----\nTRUSTSTORE-S3CRET-two\n-----END CERTIFICATE-----";
  static final String JDBC_PASSWORD = "jdbc-password-S3CRET-three";
  static final String MARK = "S3CRET";

  @TempDir Path dataDir;
  @TempDir Path otherDir;

  /** The example with a database node, given secrets, with an unconfigured destination. */
  static ObjectNode flowWithSecrets() throws Exception {
    ObjectNode doc =
        (ObjectNode)
            JSON.readTree(Files.readString(EXAMPLES.resolve("orders-with-customer-country.json")));
    for (JsonNode node : doc.get("nodes")) {
      ObjectNode config = (ObjectNode) node.get("config");
      switch (node.get("type").asText()) {
        case "source" ->
            ((ObjectNode) config.get("kafka"))
                .putObject("security")
                .put("protocol", "SASL_SSL")
                .put("mechanism", "PLAIN")
                .put("username", "eddy")
                .put("password", KAFKA_PASSWORD);
        case "destination" -> {
          ObjectNode kafka = (ObjectNode) config.get("kafka");
          kafka.putObject("security").put("protocol", "SSL").put("truststorePem", TRUSTSTORE);
          // not valid: run and deploy answer their refusal (with problems) instead of starting
          kafka.remove("topic");
        }
        case "databaseEnrichment" ->
            ((ObjectNode) config.get("jdbc")).put("password", JDBC_PASSWORD);
        default -> {}
      }
    }
    return doc;
  }

  @Test
  void no_answer_of_any_route_contains_a_stored_secret() throws Exception {
    try (EddyServer server = EddyServer.start(SharedInfra.serverConfig(dataDir))) {
      Http http = Http.signedIn(server);
      Map<String, List<HttpResponse<String>>> answers = new LinkedHashMap<>();

      var imported = http.post("/api/flows/import?name=Secrets", flowWithSecrets().toString());
      answers.computeIfAbsent("POST /api/flows/import", k -> new ArrayList<>()).add(imported);
      assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
      JsonNode created = JSON.readTree(imported.body());
      String id = (created.isArray() ? created.get(0) : created).get("id").asText();
      String flow = "/api/flows/" + id;

      var got = http.get(flow);
      ObjectNode doc = (ObjectNode) JSON.readTree(got.body());
      // the editor sees that each secret is set: sealed, never the value
      assertThat(doc.at("/nodes/0/config/kafka/security/password").asText())
          .startsWith(SecretCipher.PREFIX);
      assertThat(doc.at("/nodes/1/config/jdbc/password").asText()).startsWith(SecretCipher.PREFIX);
      assertThat(doc.at("/nodes/2/config/kafka/security/truststorePem").asText())
          .startsWith(SecretCipher.PREFIX);
      String revision = doc.get("revision").asText();
      ObjectNode kafkaWithSealedPassword =
          JSON.createObjectNode()
              .put("bootstrapServers", "127.0.0.1:1")
              .put("topic", "ORDERS.NEW")
              .set("security", doc.at("/nodes/0/config/kafka/security"));
      ObjectNode jdbcWithSealedPassword =
          JSON.createObjectNode()
              .put("url", "jdbc:postgresql://127.0.0.1:1/shop")
              .put("username", "eddy")
              .put("password", doc.at("/nodes/1/config/jdbc/password").asText());

      Map<String, Runnable> calls = new LinkedHashMap<>();
      calls.put("POST /api/flows/import", () -> {}); // called first, above
      calls.put("GET /api/flows", () -> record(answers, "GET /api/flows", http.get("/api/flows")));
      calls.put("GET /api/tags", () -> record(answers, "GET /api/tags", http.get("/api/tags")));
      calls.put("GET /api/flows/{id}", () -> record(answers, "GET /api/flows/{id}", got));
      calls.put(
          "HEAD /api/flows/{id}",
          () ->
              record(
                  answers,
                  "HEAD /api/flows/{id}",
                  http.send(
                      HttpRequest.newBuilder(http.uri(flow))
                          .method("HEAD", HttpRequest.BodyPublishers.noBody()))));
      calls.put(
          "PUT /api/flows/{id}",
          () ->
              record(
                  answers,
                  "PUT /api/flows/{id}",
                  http.json("PUT", flow, doc.toString(), "If-Match", revision)));
      calls.put(
          "PATCH /api/flows/{id}",
          () ->
              record(
                  answers,
                  "PATCH /api/flows/{id}",
                  http.json("PATCH", flow, "{\"description\": \"still secret\"}")));
      calls.put(
          "POST /api/flows/{id}/duplicate",
          () ->
              record(
                  answers, "POST /api/flows/{id}/duplicate", http.post(flow + "/duplicate", "{}")));
      calls.put(
          "GET /api/flows/{id}/validation",
          () -> record(answers, "GET /api/flows/{id}/validation", http.get(flow + "/validation")));
      calls.put(
          "GET /api/flows/{id}/export",
          () -> {
            record(answers, "GET /api/flows/{id}/export", http.get(flow + "/export?format=json"));
            record(answers, "GET /api/flows/{id}/export", http.get(flow + "/export?format=sql"));
          });
      calls.put(
          "GET /api/flows/{id}/history",
          () -> record(answers, "GET /api/flows/{id}/history", http.get(flow + "/history")));
      calls.put(
          "GET /api/flows/{id}/history/{revision}",
          () ->
              record(
                  answers,
                  "GET /api/flows/{id}/history/{revision}",
                  http.get(flow + "/history/1")));
      calls.put(
          "GET /api/flows/{id}/history/diff",
          () ->
              record(
                  answers,
                  "GET /api/flows/{id}/history/diff",
                  http.get(flow + "/history/diff?from=1")));
      calls.put(
          "POST /api/flows/{id}/history/{revision}/restore",
          () ->
              record(
                  answers,
                  "POST /api/flows/{id}/history/{revision}/restore",
                  http.post(flow + "/history/1/restore", "{}")));
      calls.put(
          "POST /api/analyse",
          () -> record(answers, "POST /api/analyse", http.post("/api/analyse", doc.toString())));
      calls.put(
          "POST /api/kafka/topics",
          () ->
              record(
                  answers,
                  "POST /api/kafka/topics",
                  http.post("/api/kafka/topics", kafkaWithSealedPassword.toString())));
      calls.put(
          "POST /api/kafka/sample",
          () ->
              record(
                  answers,
                  "POST /api/kafka/sample",
                  http.post("/api/kafka/sample", kafkaWithSealedPassword.toString())));
      calls.put(
          "POST /api/jdbc/tables",
          () ->
              record(
                  answers,
                  "POST /api/jdbc/tables",
                  http.post("/api/jdbc/tables", jdbcWithSealedPassword.toString())));
      calls.put(
          "POST /api/flows/{id}/run",
          () ->
              record(
                  answers,
                  "POST /api/flows/{id}/run",
                  http.post(flow + "/run", "{\"mode\": \"historical\"}")));
      calls.put(
          "GET /api/flows/{id}/run",
          () -> record(answers, "GET /api/flows/{id}/run", http.get(flow + "/run")));
      calls.put(
          "DELETE /api/flows/{id}/run",
          () -> record(answers, "DELETE /api/flows/{id}/run", http.delete(flow + "/run")));
      calls.put(
          "GET /api/flows/{id}/run/events.csv",
          () ->
              record(
                  answers,
                  "GET /api/flows/{id}/run/events.csv",
                  http.get(flow + "/run/events.csv")));
      calls.put(
          "GET /api/flows/{id}/run/events",
          () -> {
            // a stream stays open: read what it sends in 3 s (the kept events of the last run)
            try {
              HttpResponse<java.io.InputStream> stream =
                  http.client()
                      .send(
                          http.request(flow + "/run/events")
                              .header("Accept", "text/event-stream")
                              .build(),
                          HttpResponse.BodyHandlers.ofInputStream());
              java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
              CompletableFuture<Void> reading =
                  CompletableFuture.runAsync(
                      () -> {
                        try (java.io.InputStream in = stream.body()) {
                          byte[] buffer = new byte[4096];
                          for (int n; (n = in.read(buffer)) > 0; ) {
                            synchronized (seen) {
                              seen.write(buffer, 0, n);
                            }
                          }
                        } catch (java.io.IOException closed) {
                          // closed below
                        }
                      });
              try {
                reading.get(3, TimeUnit.SECONDS);
              } catch (TimeoutException open) {
                stream.body().close();
              }
              synchronized (seen) {
                assertThat(seen.toString(StandardCharsets.UTF_8)).doesNotContain(MARK);
              }
              answers.computeIfAbsent("GET /api/flows/{id}/run/events", k -> new ArrayList<>());
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
      calls.put(
          "POST /api/flows/{id}/deploy",
          () -> record(answers, "POST /api/flows/{id}/deploy", http.post(flow + "/deploy", "{}")));
      calls.put(
          "GET /api/environment",
          () -> record(answers, "GET /api/environment", http.get("/api/environment")));
      calls.put("GET /api/jobs", () -> record(answers, "GET /api/jobs", http.get("/api/jobs")));
      calls.put(
          "GET /api/jobs/{jobId}",
          () -> record(answers, "GET /api/jobs/{jobId}", http.get("/api/jobs/nope")));
      for (String action : List.of("stop", "resume", "cancel")) {
        String route = "POST /api/jobs/{jobId}/" + action;
        calls.put(route, () -> record(answers, route, http.post("/api/jobs/nope/" + action, "")));
      }
      calls.put(
          "POST /api/tokens",
          () -> {
            var newToken = http.post("/api/tokens", "{\"name\": \"CI\"}");
            // the new token is in this answer once (it is no stored secret of a flow)
            record(answers, "POST /api/tokens", newToken);
            String tokenId = json(newToken.body()).get("id").asText();
            record(answers, "GET /api/tokens", http.get("/api/tokens"));
            record(answers, "DELETE /api/tokens/{tokenId}", http.delete("/api/tokens/" + tokenId));
          });
      calls.put("GET /api/tokens", () -> {});
      calls.put("DELETE /api/tokens/{tokenId}", () -> {});
      calls.put(
          "GET /api/node-types",
          () -> record(answers, "GET /api/node-types", http.get("/api/node-types")));
      calls.put(
          "GET /api/health", () -> record(answers, "GET /api/health", http.get("/api/health")));
      calls.put(
          "GET /api/session", () -> record(answers, "GET /api/session", http.get("/api/session")));
      calls.put(
          "POST /api/session",
          () ->
              record(
                  answers,
                  "POST /api/session",
                  http.post("/api/session", "{\"name\": \"nobody\", \"password\": \"x\"}")));
      for (String route :
          List.of("GET /api/session/oidc/start", "GET /api/session/oidc/callback")) {
        calls.put(
            route, () -> record(answers, route, http.get(route.substring(4) + "?state=x&code=y")));
      }
      calls.put(
          "DELETE /api/session",
          () -> record(answers, "DELETE /api/session", http.delete("/api/session")));
      calls.put(
          "POST /api/flows",
          () ->
              record(
                  answers,
                  "POST /api/flows",
                  http.post("/api/flows", "{\"name\": \"Plain\", \"description\": \"\"}")));
      calls.put(
          "DELETE /api/flows/{id}",
          () -> {
            String copy = json(http.post(flow + "/duplicate", "{}").body()).get("id").asText();
            record(answers, "DELETE /api/flows/{id}", http.delete("/api/flows/" + copy));
          });
      // last: the audit log of everything above (token changes, sign-ins, deletes)
      calls.put("GET /api/audit", () -> record(answers, "GET /api/audit", http.get("/api/audit")));

      assertThat(calls.keySet())
          .as("every route of the route table is called (add a new route to this test)")
          .containsAll(server.routes());
      calls.values().forEach(Runnable::run);

      answers.forEach(
          (route, responses) -> {
            for (HttpResponse<String> r : responses) {
              assertThat(r.body()).as(route + " (" + r.statusCode() + ")").doesNotContain(MARK);
              r.headers()
                  .map()
                  .forEach((name, values) -> assertThat(values.toString()).doesNotContain(MARK));
            }
          });
      assertThat(answers.get("PUT /api/flows/{id}").get(0).statusCode()).isEqualTo(200);

      // the sealed document saved back kept every secret: the explicit export shows them
      String withCredentials = http.get(flow + "/export?format=json&credentials=include").body();
      assertThat(withCredentials).contains(KAFKA_PASSWORD, JDBC_PASSWORD, "TRUSTSTORE-S3CRET-two");
    }
  }

  @Test
  void a_secret_sealed_by_another_eddy_is_refused_with_a_sentence_and_nothing_is_saved()
      throws Exception {
    try (StoreOnlyServer server = StoreOnlyServer.start(dataDir)) {
      Http http = server.http();
      String foreign = SecretCipher.forDataDir(otherDir).encrypt("other");
      ObjectNode doc = flowWithSecrets();
      ((ObjectNode) doc.at("/nodes/1/config/jdbc")).put("password", foreign);
      var refused = http.post("/api/flows/import", doc.toString());
      assertThat(refused.statusCode()).isEqualTo(422);
      assertThat(json(refused.body()).get("error").asText())
          .isEqualTo(
              "Node `Customer country`: Password holds a sealed secret that another Eddy made (or"
                  + " that is damaged); type the secret again.");
      assertThat(json(http.get("/api/flows").body())).isEmpty();

      var created = json(http.post("/api/flows/import", flowWithSecrets().toString()).body());
      String id = (created.isArray() ? created.get(0) : created).get("id").asText();
      var put = http.json("PUT", "/api/flows/" + id, doc.toString(), "If-Match", "1");
      assertThat(put.statusCode()).isEqualTo(422);
      assertThat(json(http.get("/api/flows/" + id + "/history").body())).hasSize(1);
    }
  }

  private static void record(
      Map<String, List<HttpResponse<String>>> answers, String route, HttpResponse<String> r) {
    answers.computeIfAbsent(route, k -> new ArrayList<>()).add(r);
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
