package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.server.EddyServer;
import io.eddy.server.SharedInfra;
import io.eddy.server.auth.AccessToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loopback default against what a hostile web page, a DNS-rebinding page or another local
 * process can send (issue 14, item 1): the real HTTP API with its guard, requests written by hand.
 */
class AccessApiTest {
  static final String FLOW = "{\"name\": \"From a page\", \"description\": \"\"}";
  @TempDir Path dataDir;
  StoreOnlyServer server;
  RawHttp raw;
  String token;

  @BeforeEach
  void start() {
    server = StoreOnlyServer.start(dataDir);
    raw = new RawHttp(server.app().port());
    token = server.http().token();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  int flowCount() throws Exception {
    return new ObjectMapper().readTree(server.http().get("/api/flows").body()).size();
  }

  /** Signs a browser in with {@code ?token=} and returns its session cookie (name=value). */
  String signIn() {
    RawHttp.Response r = raw.send("GET", "/?token=" + token, null);
    assertThat(r.status()).isEqualTo(303);
    return r.header("Set-Cookie").split(";", 2)[0];
  }

  @Test
  void the_token_is_made_once_per_data_directory_and_only_its_owner_can_read_it() throws Exception {
    Path file = dataDir.resolve(AccessToken.FILE);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(AccessToken.forDataDir(dataDir).value()).isEqualTo(token).hasSizeGreaterThan(40);
    assertThat(AccessToken.forDataDir(dataDir.resolve("other")).value()).isNotEqualTo(token);
  }

  /**
   * The guard runs before every route, so a route added later is covered as well: each route of the
   * full server's route table (runs, deployments and jobs included) is refused without the token,
   * and with the token under a foreign host name; only health and the sign-in routes answer.
   */
  @Test
  void no_route_of_the_route_table_answers_without_the_token_or_to_a_foreign_host() {
    try (EddyServer full = EddyServer.start(SharedInfra.serverConfig(dataDir.resolve("full")))) {
      RawHttp fullRaw = new RawHttp(full.port());
      List<String> routes = full.routes();
      assertThat(routes)
          .contains("GET /api/health", "POST /api/flows/{id}/run", "POST /api/flows/{id}/deploy");
      for (String route : routes) {
        String method = Route.parse(route).method();
        String path = Route.parse(route).path();
        RawHttp.Response anonymous = fullRaw.send(method, path, null);
        RawHttp.Response rebound =
            fullRaw.send(
                method,
                path,
                null,
                "Host",
                "evil.example",
                "Authorization",
                "Bearer " + full.accessToken());
        assertThat(rebound.status()).as(route + " from a foreign host").isEqualTo(403);
        if (route.equals("GET /api/health") || route.equals("GET /api/session")) {
          assertThat(anonymous.status()).as(route).isEqualTo(200);
        } else if (route.contains(" /api/session/oidc/")) {
          // OpenID Connect sign-in answers without a session: here none is configured
          assertThat(anonymous.status()).as(route).isEqualTo(404);
          assertThat(anonymous.body()).contains("no OpenID Connect sign-in configured");
        } else if (route.endsWith(" /api/session")) {
          // signing in and out without a JSON body or the app's header: refused as cross-site
          assertThat(anonymous.status()).as(route).isEqualTo(403);
        } else {
          assertThat(anonymous.status()).as(route + " without the token").isEqualTo(401);
        }
      }
    }
  }

  @Test
  void without_the_token_the_api_is_refused_but_health_answers() throws Exception {
    RawHttp.Response flows = raw.send("GET", "/api/flows", null);
    assertThat(flows.status()).isEqualTo(401);
    assertThat(flows.body()).contains("Sign in first").doesNotContain("From");
    assertThat(raw.send("GET", "/api/health", null).status()).isEqualTo(200);
    assertThat(raw.send("GET", "/api/flows", null, "Authorization", "Bearer nope").status())
        .isEqualTo(401);
    assertThat(raw.send("GET", "/api/flows", null, "Authorization", "Bearer " + token).status())
        .isEqualTo(200);
    int before = flowCount();
    assertThat(raw.send("POST", "/api/flows", FLOW, "Content-Type", "application/json").status())
        .isEqualTo(401);
    assertThat(flowCount()).isEqualTo(before);
  }

  @Test
  void a_foreign_host_is_refused_even_with_the_token_so_dns_rebinding_reads_nothing() {
    RawHttp.Response rebound =
        raw.send(
            "GET",
            "/api/flows",
            null,
            "Host",
            "evil.example:" + server.app().port(),
            "Authorization",
            "Bearer " + token);
    assertThat(rebound.status()).isEqualTo(403);
    assertThat(rebound.body()).contains("does not serve the host `evil.example:");
    assertThat(raw.send("GET", "/", null, "Host", "evil.example").status()).isEqualTo(403);
    for (String host : new String[] {"localhost:1234", "127.0.0.1", "[::1]:80", "LOCALHOST."}) {
      assertThat(
              raw.send("GET", "/api/flows", null, "Host", host, "Authorization", "Bearer " + token)
                  .status())
          .as(host)
          .isEqualTo(200);
    }
  }

  @Test
  void the_token_in_the_address_becomes_a_strict_http_only_cookie_and_leaves_the_address() {
    RawHttp.Response r = raw.send("GET", "/flows/abc?token=" + token + "&x=1", null);
    assertThat(r.status()).isEqualTo(303);
    assertThat(r.header("Location")).isEqualTo("/flows/abc?x=1");
    assertThat(r.header("Set-Cookie"))
        .startsWith("eddy-session-" + server.app().port() + "=")
        .contains("; HttpOnly", "; SameSite=Strict", "; Path=/")
        .doesNotContain(token);
    String cookie = r.header("Set-Cookie").split(";", 2)[0];
    assertThat(raw.send("GET", "/api/flows", null, "Cookie", cookie).status()).isEqualTo(200);
    // a forged or altered cookie is no session
    String forged = cookie.substring(0, cookie.length() - 2) + "xx";
    assertThat(raw.send("GET", "/api/flows", null, "Cookie", forged).status()).isEqualTo(401);
    assertThat(raw.send("GET", "/?token=wrong", null).status()).isEqualTo(401);
  }

  @Test
  void cross_site_requests_with_the_cookie_are_refused_and_change_nothing() throws Exception {
    String cookie = signIn();
    int before = flowCount();
    String page = "http://localhost:3000";
    // text/plain, form and multipart posts need no preflight: the classic forgeries
    for (String type :
        new String[] {
          "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b"
        }) {
      RawHttp.Response r =
          raw.send("POST", "/api/flows", FLOW, "Cookie", cookie, "Content-Type", type);
      assertThat(r.status()).as(type).isEqualTo(403);
      RawHttp.Response fromPage =
          raw.send(
              "POST",
              "/api/flows/import",
              FLOW,
              "Cookie",
              cookie,
              "Content-Type",
              type,
              "Origin",
              page,
              "Sec-Fetch-Site",
              "same-site");
      assertThat(fromPage.status()).as(type).isEqualTo(403);
    }
    // JSON from another origin (a page on another port of localhost is "same site")
    assertThat(
            raw.send(
                    "POST",
                    "/api/flows",
                    FLOW,
                    "Cookie",
                    cookie,
                    "Content-Type",
                    "application/json",
                    "Origin",
                    page)
                .status())
        .isEqualTo(403);
    assertThat(
            raw.send(
                    "DELETE",
                    "/api/flows/x",
                    null,
                    "Cookie",
                    cookie,
                    "Sec-Fetch-Site",
                    "cross-site",
                    "X-Eddy-Request",
                    "app")
                .status())
        .isEqualTo(403);
    // reading from another site is refused too
    assertThat(
            raw.send("GET", "/api/flows", null, "Cookie", cookie, "Sec-Fetch-Site", "same-site")
                .status())
        .isEqualTo(403);
    assertThat(flowCount()).isEqualTo(before);
  }

  @Test
  void the_app_itself_changes_flows_with_json_or_with_its_header() throws Exception {
    String cookie = signIn();
    String origin = "http://127.0.0.1:" + server.app().port();
    int before = flowCount();
    RawHttp.Response json =
        raw.send(
            "POST",
            "/api/flows",
            FLOW,
            "Cookie",
            cookie,
            "Content-Type",
            "application/json",
            "Origin",
            origin,
            "Sec-Fetch-Site",
            "same-origin");
    assertThat(json.status()).as(json.body()).isEqualTo(201);
    String body =
        "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.json\"\r\n"
            + "Content-Type: application/json\r\n\r\n"
            + "{\"format\": \"eddy-flow\", \"version\": 2, \"name\": \"x\", \"nodes\": [],"
            + " \"edges\": []}\r\n--b--\r\n";
    RawHttp.Response multipart =
        raw.send(
            "POST",
            "/api/flows/import",
            body,
            "Cookie",
            cookie,
            "Content-Type",
            "multipart/form-data; boundary=b",
            "Origin",
            origin,
            "Sec-Fetch-Site",
            "same-origin",
            "X-Eddy-Request",
            "app");
    assertThat(multipart.status()).as(multipart.body()).isEqualTo(201);
    assertThat(flowCount()).isEqualTo(before + 2);
  }
}
