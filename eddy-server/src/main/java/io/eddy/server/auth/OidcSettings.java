package io.eddy.server.auth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How this server signs people in with an OpenID Connect provider, read from {@code
 * dataDir/oidc.json} (docs/security.md), next to the local users' file. The client secret may come
 * from the environment variable {@value #SECRET_ENV} instead of the file; it is never shown in an
 * API answer or a log line ({@link #toString()} leaves it out).
 *
 * @param name what the sign-in page's button says: "Sign in with NAME"
 * @param issuer the provider's issuer URL; its {@code /.well-known/openid-configuration} is read
 * @param clientId the client id registered at the provider for this Eddy
 * @param clientSecret the client's secret; null for a public client (PKCE alone)
 * @param redirectUri where the provider sends the browser back; null: this server's address as the
 *     browser uses it, plus {@value #CALLBACK_PATH}
 * @param scopes the scopes asked for ({@code openid} is always added)
 * @param userClaim the ID token claim that names the user (default {@code preferred_username}, then
 *     {@code email}, then {@code sub})
 * @param roleClaim the ID token claim holding the user's groups or roles; a dotted path reaches
 *     into objects, e.g. {@code realm_access.roles}
 * @param roles a value of the role claim mapped to an Eddy role; the highest one that applies wins
 * @param defaultRole the role of a user whose claim maps to none; null: such a user is refused
 */
public record OidcSettings(
    String name,
    String issuer,
    String clientId,
    String clientSecret,
    String redirectUri,
    List<String> scopes,
    String userClaim,
    String roleClaim,
    Map<String, Role> roles,
    Role defaultRole) {

  public static final String FILE = "oidc.json";
  public static final String SECRET_ENV = "EDDY_OIDC_CLIENT_SECRET";
  public static final String CALLBACK_PATH = "/api/session/oidc/callback";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public OidcSettings {
    issuer = required(issuer, "issuer");
    clientId = required(clientId, "clientId");
    checkUrl(issuer, "issuer");
    if (redirectUri != null) {
      checkUrl(redirectUri, "redirectUri");
    }
    name = name == null || name.isBlank() ? URI.create(issuer).getHost() : name.strip();
    clientSecret = clientSecret == null || clientSecret.isEmpty() ? null : clientSecret;
    List<String> asked = new ArrayList<>(List.of("openid"));
    for (String scope : scopes == null ? List.of("profile", "email") : scopes) {
      if (!asked.contains(scope)) {
        asked.add(scope);
      }
    }
    scopes = List.copyOf(asked);
    roleClaim = roleClaim == null || roleClaim.isBlank() ? "groups" : roleClaim.strip();
    roles = roles == null ? Map.of() : Map.copyOf(roles);
    if (roles.isEmpty() && defaultRole == null) {
      throw new IllegalArgumentException(
          "No one could sign in: map values of the claim `"
              + roleClaim
              + "` to roles (\"roles\": {\"eddy-admins\": \"admin\"}) or give a \"defaultRole\".");
    }
  }

  /**
   * The settings in {@code dataDir}, if it has the file; the secret from {@code env} when the file
   * has none.
   *
   * @throws IllegalStateException with a sentence naming the file when it cannot be used
   */
  public static Optional<OidcSettings> forDataDir(Path dataDir, Map<String, String> env) {
    Path file = dataDir.resolve(FILE);
    try {
      OidcSettings read = JSON.readValue(Files.readString(file), OidcSettings.class);
      String secret = env.get(SECRET_ENV);
      return Optional.of(
          read.clientSecret() != null || secret == null || secret.isEmpty()
              ? read
              : read.withSecret(secret));
    } catch (NoSuchFileException none) {
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      String reason =
          e instanceof com.fasterxml.jackson.databind.JsonMappingException m
                  && m.getCause() instanceof IllegalArgumentException cause
              ? cause.getMessage()
              : e.getMessage().lines().findFirst().orElse("");
      throw new IllegalStateException(
          "The OpenID Connect settings in " + file + " cannot be used: " + reason, e);
    }
  }

  private OidcSettings withSecret(String secret) {
    return new OidcSettings(
        name,
        issuer,
        clientId,
        secret,
        redirectUri,
        scopes,
        userClaim,
        roleClaim,
        roles,
        defaultRole);
  }

  /**
   * The role a user with these ID token claims gets: the highest role any value of the role claim
   * maps to, else the default role; empty when none applies.
   */
  public Optional<Role> roleFor(Map<String, Object> claims) {
    Role best = null;
    for (String value : claimValues(claims, roleClaim)) {
      Role role = roles.get(value);
      if (role != null && (best == null || role.includes(best))) {
        best = role;
      }
    }
    return Optional.ofNullable(best != null ? best : defaultRole);
  }

  /**
   * The user's name from the ID token: the user claim, else {@code email}, else {@code sub}. A
   * value with white space is passed over: {@code token NAME} names API tokens in flow histories
   * and the audit log, so a person's name has no space.
   */
  public String userName(Map<String, Object> claims) {
    List<String> order =
        userClaim == null || userClaim.isBlank()
            ? List.of("preferred_username", "email", "sub")
            : List.of(userClaim.strip(), "email", "sub");
    for (String claim : order) {
      List<String> values = claimValues(claims, claim);
      if (!values.isEmpty() && !values.get(0).isBlank() && !values.get(0).matches(".*\\s.*")) {
        return values.get(0);
      }
    }
    return String.valueOf(claims.get("sub"));
  }

  /** The string values of a claim (one string or a list of them), following a dotted path. */
  static List<String> claimValues(Map<String, Object> claims, String path) {
    // a claim whose own name has dots ("https://example.com/roles") is taken as it is
    Object value = claims.get(path);
    if (value == null) {
      value = claims;
      for (String part : path.split("\\.")) {
        value = value instanceof Map<?, ?> map ? map.get(part) : null;
      }
    }
    List<String> out = new ArrayList<>();
    if (value instanceof String s) {
      out.add(s);
    } else if (value instanceof Collection<?> list) {
      for (Object item : list) {
        if (item instanceof String s) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /** What the sign-in page and the API may show about the provider (never the secret). */
  public Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("start", "/api/session/oidc/start");
    return out;
  }

  @Override
  public String toString() {
    return "OidcSettings[name="
        + name
        + ", issuer="
        + issuer
        + ", clientId="
        + clientId
        + ", clientSecret="
        + (clientSecret == null ? "none" : "(set)")
        + ", roleClaim="
        + roleClaim
        + "]";
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("\"" + field + "\" is missing.");
    }
    return value.strip();
  }

  private static void checkUrl(String value, String field) {
    try {
      URI uri = new URI(value);
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "\"" + field + "\" must be an http(s) URL, not `" + value + "`.");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "\"" + field + "\" must be an http(s) URL, not `" + value + "`.");
    }
  }
}
