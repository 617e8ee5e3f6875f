package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.server.Http;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The error shape: one sentence, a fitting status, never a stack trace. */
class ErrorShapeTest {
  @TempDir Path dataDir;
  StoreOnlyServer server;
  Http http;

  @BeforeEach
  void start() {
    server =
        StoreOnlyServer.start(
            dataDir,
            // Every API route needs a rule (RouteRules): the store-only server has no jobs routes,
            // so the test gives GET /api/jobs/{jobId} (a viewer's route) a handler that fails.
            app ->
                app.get(
                    "/api/jobs/{jobId}",
                    ctx -> {
                      throw new IllegalStateException("secret internals at io.eddy.Something");
                    }));
    http = server.http();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static JsonNode json(String s) throws Exception {
    return new ObjectMapper().readTree(s);
  }

  @Test
  void an_unexpected_failure_is_500_with_a_reference_and_no_stack_trace() throws Exception {
    var r = http.get("/api/jobs/boom");
    assertThat(r.statusCode()).isEqualTo(500);
    JsonNode body = json(r.body());
    assertThat(body.get("error").asText())
        .matches(
            "Something went wrong on the server \\(reference [0-9a-f]{8}\\); the server log has the details\\.");
    assertThat(r.body()).doesNotContain("IllegalStateException").doesNotContain("internals");
  }

  @Test
  void a_failing_store_is_503_and_health_says_so() throws Exception {
    server.store().close();
    var r = http.get("/api/flows");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(json(r.body()).get("error").asText()).startsWith("The flow store");
    var health = http.get("/api/health");
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(json(health.body()).get("store").asText()).isEqualTo("down");
  }

  @Test
  void a_body_that_is_not_json_is_422_with_where() throws Exception {
    var r = http.post("/api/flows", "{\"name\": ");
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(json(r.body()).get("error").asText())
        .startsWith("The request body is not valid JSON at line 1, column");
    var wrongMethod = http.json("PUT", "/api/flows", "{}");
    assertThat(wrongMethod.statusCode()).isIn(404, 405);
    assertThat(json(wrongMethod.body()).has("error")).isTrue();
  }
}
