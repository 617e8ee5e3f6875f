package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.server.Http;
import io.eddy.server.auth.ApiTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API tokens for the CLI and CI (issue 14, item 4): shown once, hashed at rest, revocable. */
class ApiTokensApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dataDir;
  StoreOnlyServer server;
  Http owner;

  @BeforeEach
  void start() {
    server = StoreOnlyServer.start(dataDir);
    owner = server.http();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Http as(String token) {
    return new Http("http://127.0.0.1:" + server.app().port(), token);
  }

  @Test
  void a_token_is_shown_once_works_until_revoked_and_only_its_hash_is_kept() throws Exception {
    var created = owner.post("/api/tokens", "{\"name\": \"CI\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode answer = JSON.readTree(created.body());
    String token = answer.get("token").asText();
    String id = answer.get("id").asText();
    assertThat(token).startsWith("eddy_").hasSizeGreaterThan(40);

    Http ci = as(token);
    assertThat(ci.get("/api/flows").statusCode()).isEqualTo(200);
    assertThat(ci.post("/api/flows", "{\"name\": \"From CI\"}").statusCode()).isEqualTo(201);

    // listed without the token; the file keeps its hash only, readable by its owner only
    var list = owner.get("/api/tokens");
    assertThat(JSON.readTree(list.body())).hasSize(1);
    assertThat(list.body()).contains("\"name\":\"CI\"", id).doesNotContain(token);
    Path file = dataDir.resolve(ApiTokens.FILE);
    assertThat(Files.readString(file)).doesNotContain(token).contains(id);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    // a CI token cannot manage tokens, so a leaked one makes no more
    assertThat(ci.post("/api/tokens", "{\"name\": \"more\"}").statusCode()).isEqualTo(403);
    assertThat(ci.get("/api/tokens").statusCode()).isEqualTo(403);
    assertThat(ci.delete("/api/tokens/" + id).statusCode()).isEqualTo(403);

    assertThat(owner.delete("/api/tokens/" + id).statusCode()).isEqualTo(204);
    assertThat(ci.get("/api/flows").statusCode()).isEqualTo(401);
    assertThat(owner.delete("/api/tokens/" + id).statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(owner.get("/api/tokens").body())).isEmpty();
  }

  @Test
  void tokens_survive_a_restart_and_a_nameless_token_is_refused() throws Exception {
    assertThat(owner.post("/api/tokens", "{\"name\": \" \"}").statusCode()).isEqualTo(422);
    String token =
        JSON.readTree(owner.post("/api/tokens", "{\"name\": \"nightly\"}").body())
            .get("token")
            .asText();
    server.close();
    server = StoreOnlyServer.start(dataDir);
    assertThat(as(token).get("/api/flows").statusCode()).isEqualTo(200);
    assertThat(as(token + "x").get("/api/flows").statusCode()).isEqualTo(401);
  }
}
