package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.server.auth.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log over the real HTTP server (issue 14): sign-in (also refused) and sign-out, API
 * token changes, a flow deleted, a change refused for a viewer — each with who, what, outcome —
 * read by admins with {@code GET /api/audit}, newest first, a page at a time; no secret in it.
 * Deploy, job stop/resume/cancel: DeployApiTest; runs: ApiContract (H2 and PostgreSQL).
 */
class AuditApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dataDir;

  @Test
  void sign_ins_tokens_and_refusals_are_recorded_and_admins_read_them_newest_first()
      throws Exception {
    UsersApiTest.addUsers(dataDir);
    try (StoreOnlyServer server = StoreOnlyServer.start(dataDir)) {
      RawHttp raw = new RawHttp(server.app().port());
      String owner = "Bearer " + server.http().token();
      String json = "application/json";

      // refused sign-ins: a known user with a wrong password, a name that is no user's (a
      // password typed in the name field must not land in the log)
      raw.send(
          "POST",
          "/api/session",
          "{\"name\": \"ed\", \"password\": \"wrong one\"}",
          "Content-Type",
          json);
      raw.send(
          "POST",
          "/api/session",
          "{\"name\": \"" + UsersApiTest.PASSWORD + "\", \"password\": \"x\"}",
          "Content-Type",
          json);
      String vera = UsersApiTest.signIn(raw, "vera");
      String ada = UsersApiTest.signIn(raw, "ada");

      RawHttp.Response created =
          raw.send(
              "POST",
              "/api/flows",
              "{\"name\": \"Audited\"}",
              "Content-Type",
              json,
              "Authorization",
              owner);
      String flowId = JSON.readTree(created.body()).get("id").asText();
      assertThat(
              raw.send(
                      "DELETE", "/api/flows/" + flowId, null, "Cookie", vera, "X-Eddy-Request", "1")
                  .status())
          .isEqualTo(403);
      assertThat(
              raw.send("DELETE", "/api/flows/" + flowId, null, "Cookie", ada, "X-Eddy-Request", "1")
                  .status())
          .isEqualTo(204);

      String token = UsersApiTest.apiToken(raw, server.http().token(), Role.EDITOR);
      String tokenId =
          JSON.readTree(raw.send("GET", "/api/tokens", null, "Authorization", owner).body())
              .get(0)
              .get("id")
              .asText();
      assertThat(
              raw.send(
                      "DELETE",
                      "/api/tokens/" + tokenId,
                      null,
                      "Cookie",
                      ada,
                      "X-Eddy-Request",
                      "1")
                  .status())
          .isEqualTo(204);
      assertThat(
              raw.send("DELETE", "/api/session", null, "Cookie", vera, "X-Eddy-Request", "1")
                  .status())
          .isEqualTo(204);
      // not signed in at all: no one's action, not recorded
      assertThat(raw.send("DELETE", "/api/flows/" + flowId, null).status()).isEqualTo(401);

      // only admins read the log
      assertThat(
              raw.send("GET", "/api/audit", null, "Cookie", UsersApiTest.signIn(raw, "ed"))
                  .status())
          .isEqualTo(403);
      RawHttp.Response log = raw.send("GET", "/api/audit", null, "Cookie", ada);
      assertThat(log.status()).as(log.body()).isEqualTo(200);
      assertThat(log.body())
          .doesNotContain(UsersApiTest.PASSWORD, "wrong one", token, server.http().token());
      List<String> lines = new ArrayList<>();
      for (JsonNode e : JSON.readTree(log.body()).get("entries")) {
        assertThat(e.get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        lines.add(
            e.path("user").asText("-")
                + " "
                + e.get("action").asText()
                + " "
                + e.path("target").asText("-")
                + " "
                + e.get("outcome").asText()
                + " "
                + e.get("status").asInt());
      }
      String flow = "flow `Audited` (" + flowId + ")";
      assertThat(lines)
          .containsExactly(
              "ed sign-in - ok 200",
              "vera sign-out - ok 204",
              "ada token.revoke token " + tokenId + " `editor token` (editor) ok 204",
              "owner token.create token " + tokenId + " `editor token` (editor) ok 201",
              "ada flow.delete " + flow + " ok 204",
              "vera flow.delete " + flow + " refused 403",
              "ada sign-in - ok 200",
              "vera sign-in - ok 200",
              "- sign-in - refused 401",
              "ed sign-in - refused 401");
      // a page at a time, read with the owner's token
      JsonNode page =
          JSON.readTree(raw.send("GET", "/api/audit?limit=4", null, "Authorization", owner).body());
      assertThat(page.get("entries")).hasSize(4);
      assertThat(page.get("entries").get(0).get("user").asText()).isEqualTo("ed");
      JsonNode older =
          JSON.readTree(
              raw.send(
                      "GET",
                      "/api/audit?limit=4&before=" + page.get("next").asText(),
                      null,
                      "Authorization",
                      owner)
                  .body());
      assertThat(older.get("entries").get(0).get("action").asText()).isEqualTo("flow.delete");
      assertThat(raw.send("GET", "/api/audit?limit=0", null, "Authorization", owner).body())
          .isEqualTo("{\"error\":\"limit must be between 1 and 500, not 0.\"}");
    }
  }
}
