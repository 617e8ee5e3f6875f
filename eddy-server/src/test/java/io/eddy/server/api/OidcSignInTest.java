package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.server.auth.OidcSettings;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenID Connect sign-in against a real provider running in the test (mock-oauth2-server: real
 * discovery, authorization endpoint, token endpoint and signed ID tokens with its JWKS), driven the
 * way a browser follows the redirects: Eddy's start, the provider's authorization endpoint, Eddy's
 * callback with the state cookie. The token callback of the provider sets the claims, audience and
 * expiry of the ID token it issues.
 */
class OidcSignInTest {
  static final String CLIENT_ID = "eddy-client";
  static final String CLIENT_SECRET = "client-secret-never-shown";
  static final String ISSUER_ID = "eddy";
  static final ObjectMapper JSON = new ObjectMapper();

  /** One provider per test: a callback a refused sign-in did not use is not left for the next. */
  MockOAuth2Server provider;

  static final HttpClient BROWSER =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @TempDir Path dataDir;
  StoreOnlyServer server;
  RawHttp raw;

  @BeforeEach
  void startProvider() {
    provider = new MockOAuth2Server();
    provider.start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    provider.shutdown();
  }

  /** Starts Eddy with the provider configured in {@code oidc.json}, plus {@code extra} settings. */
  void startEddy(Map<String, Object> extra) throws Exception {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("name", "Test Provider");
    settings.put("issuer", provider.issuerUrl(ISSUER_ID).toString());
    settings.put("clientId", CLIENT_ID);
    settings.put("clientSecret", CLIENT_SECRET);
    settings.put("roleClaim", "groups");
    settings.put(
        "roles",
        Map.of("eddy-viewers", "viewer", "eddy-editors", "editor", "eddy-admins", "admin"));
    settings.putAll(extra);
    Files.writeString(dataDir.resolve(OidcSettings.FILE), JSON.writeValueAsString(settings));
    server = StoreOnlyServer.start(dataDir);
    raw = new RawHttp(server.app().port());
  }

  /** What the provider puts in the next ID token it issues. */
  static DefaultOAuth2TokenCallback token(
      List<String> audience, Map<String, Object> claims, long expirySeconds) {
    return new DefaultOAuth2TokenCallback(
        ISSUER_ID, "subject-1", "JWT", audience, claims, expirySeconds);
  }

  DefaultOAuth2TokenCallback withGroups(String user, String... groups) {
    return token(null, Map.of("preferred_username", user, "groups", List.of(groups)), 3600);
  }

  /** The browser's way through a sign-in: up to the provider's redirect back to Eddy. */
  record Journey(
      RawHttp.Response start, Map<String, String> authorize, String callback, String stateCookie) {}

  Journey toProviderAndBack(DefaultOAuth2TokenCallback token) throws Exception {
    provider.enqueueCallback(token);
    RawHttp.Response start = raw.send("GET", "/api/session/oidc/start", null);
    assertThat(start.status()).as(start.body()).isEqualTo(302);
    URI authorize = URI.create(start.header("Location"));
    HttpResponse<String> atProvider =
        BROWSER.send(
            HttpRequest.newBuilder(authorize).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(atProvider.statusCode()).as(atProvider.body()).isEqualTo(302);
    URI back = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
    assertThat(back.getPort()).isEqualTo(server.app().port());
    return new Journey(
        start,
        query(authorize),
        back.getRawPath() + "?" + back.getRawQuery(),
        start.header("Set-Cookie").split(";", 2)[0]);
  }

  RawHttp.Response callback(String target, String cookie) {
    return cookie == null
        ? raw.send("GET", target, null)
        : raw.send("GET", target, null, "Cookie", cookie);
  }

  /** The whole sign-in; returns the session cookie. */
  String signIn(DefaultOAuth2TokenCallback token) throws Exception {
    Journey journey = toProviderAndBack(token);
    RawHttp.Response done = callback(journey.callback(), journey.stateCookie());
    assertThat(done.status()).as(done.body()).isEqualTo(303);
    assertThat(done.header("Location")).isEqualTo("/");
    return sessionCookie(done);
  }

  static String sessionCookie(RawHttp.Response r) {
    List<String> cookies = r.headers().getOrDefault("set-cookie", List.of());
    return cookies.stream()
        .filter(c -> c.startsWith("eddy-user-"))
        .findFirst()
        .map(c -> c.split(";", 2)[0])
        .orElse(null);
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return out;
  }

  JsonNode session(String cookie) throws Exception {
    return JSON.readTree(raw.send("GET", "/api/session", null, "Cookie", cookie).body());
  }

  int createFlow(String cookie) {
    return raw.send(
            "POST",
            "/api/flows",
            "{\"name\": \"By OIDC\", \"description\": \"\"}",
            "Content-Type",
            "application/json",
            "Cookie",
            cookie)
        .status();
  }

  @Test
  void an_editor_signs_in_with_the_code_flow_and_pkce_and_may_edit_but_not_manage_tokens()
      throws Exception {
    startEddy(Map.of());
    JsonNode anonymous = JSON.readTree(raw.send("GET", "/api/session", null).body());
    assertThat(anonymous.get("signedIn").asBoolean()).isFalse();
    assertThat(anonymous.get("oidc").get("name").asText()).isEqualTo("Test Provider");

    Journey journey = toProviderAndBack(withGroups("erin", "eddy-editors", "some-other-group"));
    Map<String, String> asked = journey.authorize();
    assertThat(asked)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", CLIENT_ID)
        .containsEntry("code_challenge_method", "S256")
        .containsEntry(
            "redirect_uri",
            "http://127.0.0.1:" + server.app().port() + "/api/session/oidc/callback")
        .containsKeys("state", "nonce", "code_challenge");
    assertThat(asked.get("scope").split(" ")).contains("openid", "profile", "email");
    assertThat(journey.stateCookie())
        .isEqualTo("eddy-oidc-" + server.app().port() + "=" + asked.get("state"));
    assertThat(journey.start().header("Set-Cookie")).contains("HttpOnly", "SameSite=Lax");

    RawHttp.Response done = callback(journey.callback(), journey.stateCookie());
    assertThat(done.status()).as(done.body()).isEqualTo(303);
    assertThat(done.header("Location")).isEqualTo("/");
    String cookie = sessionCookie(done);
    assertThat(cookie).startsWith("eddy-user-" + server.app().port() + "=");
    assertThat(String.join("\n", done.headers().get("set-cookie")))
        .contains("HttpOnly; SameSite=Strict");

    JsonNode signedIn = session(cookie);
    assertThat(signedIn.get("signedIn").asBoolean()).isTrue();
    assertThat(signedIn.get("user").asText()).isEqualTo("erin");
    assertThat(signedIn.get("role").asText()).isEqualTo("editor");
    assertThat(signedIn.toString()).doesNotContain(CLIENT_SECRET);
    assertThat(createFlow(cookie)).isEqualTo(201);
    assertThat(raw.send("GET", "/api/tokens", null, "Cookie", cookie).status()).isEqualTo(403);

    // The same callback again (a replayed code and state): refused, no session.
    RawHttp.Response replay = callback(journey.callback(), journey.stateCookie());
    assertThat(replay.status()).isEqualTo(400);
    assertThat(replay.body()).contains("unknown, expired or was already used");
    assertThat(sessionCookie(replay)).isNull();
  }

  @Test
  void the_role_comes_from_the_claim_and_decides_what_the_session_may_do() throws Exception {
    startEddy(Map.of());
    String viewer = signIn(withGroups("vic", "eddy-viewers"));
    assertThat(session(viewer).get("role").asText()).isEqualTo("viewer");
    assertThat(raw.send("GET", "/api/flows", null, "Cookie", viewer).status()).isEqualTo(200);
    assertThat(createFlow(viewer)).isEqualTo(403);

    // several groups: the highest role that applies
    String admin = signIn(withGroups("ann", "eddy-viewers", "eddy-admins"));
    assertThat(session(admin).get("role").asText()).isEqualTo("admin");
    assertThat(raw.send("GET", "/api/tokens", null, "Cookie", admin).status()).isEqualTo(200);

    // the audit log records each sign-in with the provider's user
    JsonNode audit =
        JSON.readTree(raw.send("GET", "/api/audit", null, "Cookie", admin).body()).get("entries");
    List<String> signIns = new java.util.ArrayList<>();
    audit.forEach(
        e ->
            signIns.add(
                e.get("user").asText()
                    + " "
                    + e.get("action").asText()
                    + " "
                    + e.get("outcome").asText()));
    assertThat(signIns).contains("vic sign-in ok", "ann sign-in ok");

    // signing out ends the session
    raw.send("DELETE", "/api/session", null, "Cookie", admin, "X-Eddy-Request", "1");
    assertThat(raw.send("GET", "/api/flows", null, "Cookie", admin).status()).isEqualTo(401);
  }

  @Test
  void a_user_without_a_mapped_role_gets_a_page_saying_so_and_no_session() throws Exception {
    startEddy(Map.of());
    Journey journey = toProviderAndBack(withGroups("stranger", "marketing"));
    RawHttp.Response refused = callback(journey.callback(), journey.stateCookie());
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.header("Content-Type")).startsWith("text/html");
    assertThat(refused.body())
        .contains("stranger signed in at Test Provider but has no role in this Eddy");
    assertThat(sessionCookie(refused)).isNull();
  }

  @Test
  void a_default_role_applies_when_no_group_maps_to_one() throws Exception {
    startEddy(Map.of("defaultRole", "viewer"));
    String cookie = signIn(withGroups("guest", "marketing"));
    assertThat(session(cookie).get("role").asText()).isEqualTo("viewer");
  }

  @Test
  void a_wrong_state_or_another_browser_is_refused() throws Exception {
    startEddy(Map.of());
    Journey journey = toProviderAndBack(withGroups("erin", "eddy-editors"));
    String state = journey.authorize().get("state");
    RawHttp.Response forged =
        callback(
            journey.callback().replace("state=" + state, "state=forged"), journey.stateCookie());
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.body()).contains("This sign-in is unknown, expired or was already used");
    assertThat(sessionCookie(forged)).isNull();

    // the right state, but from a browser that did not start this sign-in (no state cookie)
    Journey second = toProviderAndBack(withGroups("erin", "eddy-editors"));
    RawHttp.Response elsewhere = callback(second.callback(), null);
    assertThat(elsewhere.status()).isEqualTo(400);
    assertThat(elsewhere.body()).contains("was not started in this browser");
    assertThat(sessionCookie(elsewhere)).isNull();
  }

  @Test
  void an_id_token_for_another_audience_or_issuer_is_refused() throws Exception {
    startEddy(Map.of());
    Map<String, Object> editor =
        Map.of("preferred_username", "erin", "groups", List.of("eddy-editors"));
    Map<DefaultOAuth2TokenCallback, String> bad = new LinkedHashMap<>();
    // the provider's callback claims replace the ones it sets itself (aud, iss)
    Map<String, Object> otherAudience = new LinkedHashMap<>(editor);
    otherAudience.put("aud", "another-client");
    bad.put(token(null, otherAudience, 3600), "audience");
    Map<String, Object> otherIssuer = new LinkedHashMap<>(editor);
    otherIssuer.put("iss", provider.issuerUrl("another-issuer").toString());
    bad.put(token(null, otherIssuer, 3600), "issuer");
    for (var entry : bad.entrySet()) {
      Journey journey = toProviderAndBack(entry.getKey());
      RawHttp.Response refused = callback(journey.callback(), journey.stateCookie());
      assertThat(refused.status()).as(entry.getValue() + ": " + refused.body()).isEqualTo(401);
      assertThat(refused.body())
          .contains("The identity token from Test Provider is not valid")
          .contains(entry.getValue());
      assertThat(sessionCookie(refused)).isNull();
    }
  }

  /**
   * Tokens the provider's own token endpoint would never give (it derives expires_in from the ID
   * token, so an expired one comes with a negative expires_in, which is refused before the ID token
   * is looked at): a provider in front of the real one serves the real discovery document with its
   * own issuer and token endpoint, and answers the code with an ID token the real provider signed
   * with its keys — so Eddy checks it against the real JWKS. A valid one signs in (the front is
   * sound); an expired one, or one made for another sign-in (another nonce), is refused.
   */
  @Test
  void an_expired_id_token_or_one_for_another_sign_in_is_refused() throws Exception {
    String[] issuer = new String[1];
    java.util.concurrent.atomic.AtomicReference<String> nonce =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicLong expiry = new java.util.concurrent.atomic.AtomicLong();
    io.javalin.Javalin front = io.javalin.Javalin.create();
    front.get(
        "/front/.well-known/openid-configuration",
        ctx -> {
          var real =
              (com.fasterxml.jackson.databind.node.ObjectNode)
                  JSON.readTree(
                      BROWSER
                          .send(
                              HttpRequest.newBuilder(provider.wellKnownUrl(ISSUER_ID).uri())
                                  .build(),
                              HttpResponse.BodyHandlers.ofString())
                          .body());
          real.put("issuer", issuer[0]).put("token_endpoint", issuer[0] + "/token");
          ctx.contentType("application/json").result(real.toString());
        });
    front.post(
        "/front/token",
        ctx -> {
          Map<String, Object> claims = new LinkedHashMap<>();
          claims.put("preferred_username", "erin");
          claims.put("groups", List.of("eddy-editors"));
          claims.put("iss", issuer[0]);
          claims.put("nonce", nonce.get());
          var idToken =
              provider.issueToken(
                  ISSUER_ID, CLIENT_ID, token(List.of(CLIENT_ID), claims, expiry.get()));
          ctx.contentType("application/json")
              .result(
                  JSON.writeValueAsString(
                      Map.of(
                          "access_token",
                          "opaque",
                          "token_type",
                          "Bearer",
                          "expires_in",
                          3600,
                          "id_token",
                          idToken.serialize())));
        });
    front.start("127.0.0.1", 0);
    try {
      issuer[0] = "http://127.0.0.1:" + front.port() + "/front";
      startEddy(Map.of("issuer", issuer[0]));
      record Case(boolean sameNonce, long expirySeconds, int status, String says) {}
      for (Case c :
          List.of(
              new Case(true, 3600, 303, null),
              new Case(true, -3600, 401, "Expired"),
              new Case(false, 3600, 401, "nonce"))) {
        Journey journey = toProviderAndBack(withGroups("unused", "eddy-editors"));
        nonce.set(c.sameNonce() ? journey.authorize().get("nonce") : "nonce-of-another-sign-in");
        expiry.set(c.expirySeconds());
        RawHttp.Response answer = callback(journey.callback(), journey.stateCookie());
        assertThat(answer.status()).as(c + ": " + answer.body()).isEqualTo(c.status());
        if (c.says() != null) {
          assertThat(answer.body())
              .contains("The identity token from Test Provider is not valid")
              .containsIgnoringCase(c.says());
          assertThat(sessionCookie(answer)).isNull();
        } else {
          assertThat(session(sessionCookie(answer)).get("user").asText()).isEqualTo("erin");
        }
      }
    } finally {
      front.stop();
    }
  }

  @Test
  void without_a_provider_configured_the_routes_say_so_and_the_session_names_none()
      throws Exception {
    server = StoreOnlyServer.start(dataDir);
    raw = new RawHttp(server.app().port());
    assertThat(JSON.readTree(raw.send("GET", "/api/session", null).body()).has("oidc")).isFalse();
    RawHttp.Response start = raw.send("GET", "/api/session/oidc/start", null);
    assertThat(start.status()).isEqualTo(404);
    assertThat(start.body()).contains("no OpenID Connect sign-in configured");
  }
}
