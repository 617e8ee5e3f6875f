package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.server.EddyServer;
import io.eddy.server.SharedInfra;
import io.eddy.server.auth.LocalUsers;
import io.eddy.server.auth.Role;
import io.eddy.server.auth.RouteRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local users and roles (issue 14, item 2) on the real HTTP server: sign-in and sign-out with a
 * session cookie, and every route of the full server's route table refused (403) to each role that
 * may not call it.
 */
class UsersApiTest {
  static final String PASSWORD = "correct horse battery";
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dataDir;

  static void addUsers(Path dataDir) {
    LocalUsers users = LocalUsers.forDataDir(dataDir);
    users.put("vera", Role.VIEWER, PASSWORD);
    users.put("ed", Role.EDITOR, PASSWORD);
    users.put("ada", Role.ADMIN, PASSWORD);
  }

  static String signIn(RawHttp raw, String name) {
    RawHttp.Response r =
        raw.send(
            "POST",
            "/api/session",
            "{\"name\": \"" + name + "\", \"password\": \"" + PASSWORD + "\"}",
            "Content-Type",
            "application/json");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.header("Set-Cookie").split(";", 2)[0];
  }

  @Test
  void users_sign_in_with_a_password_get_a_strict_cookie_and_sign_out() throws Exception {
    addUsers(dataDir);
    assertThat(Files.getPosixFilePermissions(dataDir.resolve(LocalUsers.FILE)))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(dataDir.resolve(LocalUsers.FILE)))
        .doesNotContain(PASSWORD)
        .contains("\"$2a$12$", "\"viewer\"");
    try (StoreOnlyServer server = StoreOnlyServer.start(dataDir)) {
      RawHttp raw = new RawHttp(server.app().port());
      JsonNode anonymous = JSON.readTree(raw.send("GET", "/api/session", null).body());
      assertThat(anonymous.get("signedIn").asBoolean()).isFalse();
      assertThat(anonymous.get("usersConfigured").asBoolean()).isTrue();
      assertThat(raw.send("GET", "/api/flows", null).body()).contains("user name and password");

      RawHttp.Response wrong =
          raw.send(
              "POST",
              "/api/session",
              "{\"name\": \"ed\", \"password\": \"wrong password\"}",
              "Content-Type",
              "application/json");
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.body()).isEqualTo("{\"error\":\"The user name or the password is wrong.\"}");
      assertThat(wrong.header("Set-Cookie")).isNull();
      // a cross-site form cannot sign a browser in (login CSRF)
      assertThat(
              raw.send(
                      "POST",
                      "/api/session",
                      "name=ed&password=x",
                      "Content-Type",
                      "application/x-www-form-urlencoded",
                      "Origin",
                      "http://evil.example")
                  .status())
          .isEqualTo(403);

      RawHttp.Response ok =
          raw.send(
              "POST",
              "/api/session",
              "{\"name\": \"ED\", \"password\": \"" + PASSWORD + "\"}",
              "Content-Type",
              "application/json");
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.header("Set-Cookie"))
          .startsWith("eddy-user-" + server.app().port() + "=")
          .contains("; HttpOnly", "; SameSite=Strict", "; Path=/");
      String cookie = ok.header("Set-Cookie").split(";", 2)[0];
      JsonNode me = JSON.readTree(raw.send("GET", "/api/session", null, "Cookie", cookie).body());
      assertThat(me.get("user").asText()).isEqualTo("ed");
      assertThat(me.get("role").asText()).isEqualTo("editor");
      assertThat(raw.send("GET", "/api/flows", null, "Cookie", cookie).status()).isEqualTo(200);

      assertThat(
              raw.send("DELETE", "/api/session", null, "Cookie", cookie, "X-Eddy-Request", "1")
                  .status())
          .isEqualTo(204);
      assertThat(raw.send("GET", "/api/flows", null, "Cookie", cookie).status()).isEqualTo(401);

      // With users, the token in the address no longer signs a browser in; as a bearer (the CLI
      // on the server's machine) it still acts as the owner.
      assertThat(raw.send("GET", "/?token=" + server.http().token(), null).status()).isEqualTo(403);
      assertThat(
              raw.send(
                      "GET", "/api/flows", null, "Authorization", "Bearer " + server.http().token())
                  .status())
          .isEqualTo(200);
    }
  }

  @Test
  void a_removed_user_or_a_changed_role_counts_at_once() throws Exception {
    addUsers(dataDir);
    try (StoreOnlyServer server = StoreOnlyServer.start(dataDir)) {
      RawHttp raw = new RawHttp(server.app().port());
      String ed = signIn(raw, "ed");
      String create = "{\"name\": \"A\", \"description\": \"\"}";
      // the users file is changed by another process (eddy users add) while the server runs
      LocalUsers.forDataDir(dataDir).put("ed", Role.VIEWER, PASSWORD);
      RawHttp.Response refused =
          raw.send("POST", "/api/flows", create, "Cookie", ed, "Content-Type", "application/json");
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.body())
          .isEqualTo(
              "{\"error\":\"Refused: POST /api/flows needs the role editor; ed has the role"
                  + " viewer.\"}");
      LocalUsers.forDataDir(dataDir).remove("ed");
      assertThat(raw.send("GET", "/api/flows", null, "Cookie", ed).status()).isEqualTo(401);
    }
  }

  @Test
  void a_new_password_or_a_removed_and_added_again_user_ends_the_old_sessions() throws Exception {
    addUsers(dataDir);
    try (StoreOnlyServer server = StoreOnlyServer.start(dataDir)) {
      RawHttp raw = new RawHttp(server.app().port());
      String ed = signIn(raw, "ed");
      String vera = signIn(raw, "vera");
      // the same password again (a role change) keeps the session; a new one ends it
      LocalUsers.forDataDir(dataDir).put("ed", Role.EDITOR, PASSWORD);
      assertThat(raw.send("GET", "/api/flows", null, "Cookie", ed).status()).isEqualTo(200);
      LocalUsers.forDataDir(dataDir).put("ed", Role.EDITOR, "a brand new passphrase");
      assertThat(raw.send("GET", "/api/flows", null, "Cookie", ed).status()).isEqualTo(401);
      // someone else added under a removed user's name does not inherit the old sessions
      LocalUsers.forDataDir(dataDir).remove("vera");
      LocalUsers.forDataDir(dataDir).put("vera", Role.ADMIN, PASSWORD);
      assertThat(raw.send("GET", "/api/flows", null, "Cookie", vera).status()).isEqualTo(401);
    }
  }

  @Test
  void a_route_added_without_a_rule_is_refused_to_everyone() {
    try (StoreOnlyServer server =
        StoreOnlyServer.start(dataDir, app -> app.get("/api/unruled", ctx -> ctx.result("data")))) {
      RawHttp.Response r =
          new RawHttp(server.app().port())
              .send(
                  "GET", "/api/unruled", null, "Authorization", "Bearer " + server.http().token());
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.body()).contains("has no rule").doesNotContain("data");
    }
  }

  /**
   * Walks the full server's route table (runs, deployments and jobs included): every route has a
   * rule, and each role (as a signed-in user, and as an API token of that role) is refused with one
   * JSON error exactly the routes above its role; the ones it may call are not refused.
   */
  @Test
  void each_role_is_refused_every_route_above_it() throws Exception {
    Path full = dataDir.resolve("full");
    addUsers(full);
    try (EddyServer server = EddyServer.start(SharedInfra.serverConfig(full))) {
      RawHttp raw = new RawHttp(server.port());
      List<String> routes = server.routes();
      assertThat(RouteRules.without(routes)).isEmpty();
      Map<Role, String> cookies =
          Map.of(
              Role.VIEWER, signIn(raw, "vera"),
              Role.EDITOR, signIn(raw, "ed"),
              Role.ADMIN, signIn(raw, "ada"));
      List<String> checked = new ArrayList<>();
      for (Role role : Role.values()) {
        String token = apiToken(raw, server.accessToken(), role);
        for (String route : routes) {
          String method = Route.parse(route).method();
          RouteRules.Rule rule = RouteRules.of(method, Route.parse(route).pattern()).orElseThrow();
          if (rule.role() == null) {
            continue; // health and the sign-in routes
          }
          String path = Route.parse(route).path();
          boolean allowed = role.includes(rule.role());
          RawHttp.Response asUser =
              raw.send(method, path, null, "Cookie", cookies.get(role), "X-Eddy-Request", "1");
          RawHttp.Response asToken =
              raw.send(method, path, null, "Authorization", "Bearer " + token);
          for (RawHttp.Response r : List.of(asUser, asToken)) {
            if (allowed && !rule.personOnly()) {
              assertThat(r.status()).as(role + " " + route + ": " + r.body()).isNotIn(401, 403);
            } else if (!allowed) {
              assertThat(r.status()).as(role + " " + route).isEqualTo(403);
              JsonNode error = JSON.readTree(r.body());
              assertThat(error.size()).isEqualTo(1);
              assertThat(error.get("error").asText())
                  .startsWith(
                      "Refused: " + method + " " + path + " needs the role " + rule.role().id());
            }
          }
          if (rule.personOnly()) {
            // token management: an admin person may, an API token never
            assertThat(asToken.status()).as("token " + route).isEqualTo(403);
            if (allowed) {
              assertThat(asUser.status()).as(role + " " + route).isNotIn(401, 403);
            }
          }
          checked.add(role + " " + route);
        }
      }
      assertThat(checked).hasSizeGreaterThan(3 * 30);
    }
  }

  /** An API token of {@code role}, made by the owner. */
  static String apiToken(RawHttp raw, String ownerToken, Role role) throws Exception {
    RawHttp.Response r =
        raw.send(
            "POST",
            "/api/tokens",
            "{\"name\": \"" + role.id() + " token\", \"role\": \"" + role.id() + "\"}",
            "Content-Type",
            "application/json",
            "Authorization",
            "Bearer " + ownerToken);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode created = JSON.readTree(r.body());
    assertThat(created.get("role").asText()).isEqualTo(role.id());
    return created.get("token").asText();
  }
}
