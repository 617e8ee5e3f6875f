package io.eddy.server.auth;

import io.eddy.server.api.ApiError;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Runs before every request: the {@code Host} must be one this server serves; {@code /api/**}
 * (except {@code /api/health}) needs the access token, as {@code Authorization: Bearer TOKEN} or as
 * the session cookie a browser got by opening any page once with {@code ?token=TOKEN}; and a
 * state-changing request signed in by cookie must come from the app itself (see {@link
 * #checkSameOrigin}).
 */
public final class AccessGuard {
  /** The header the web app sends with every request (a page of another origin cannot). */
  public static final String APP_HEADER = "X-Eddy-Request";

  /** The request attribute holding the signed-in {@link Caller}. */
  public static final String CALLER = "eddy.caller";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final String COOKIE_PREFIX = "eddy-session-";

  private final AccessToken token;
  private final ApiTokens apiTokens;
  private final AllowedHosts hosts;
  private final boolean secureCookies;

  /**
   * Who made a request and how they proved it.
   *
   * @param owner signed in with the installation's token (or its session), not an API token
   */
  public record Caller(String user, boolean byCookie, boolean owner) {}

  public AccessGuard(
      AccessToken token, ApiTokens apiTokens, AllowedHosts hosts, boolean secureCookies) {
    this.token = token;
    this.apiTokens = apiTokens;
    this.hosts = hosts;
    this.secureCookies = secureCookies;
  }

  public AccessToken token() {
    return token;
  }

  public ApiTokens apiTokens() {
    return apiTokens;
  }

  /**
   * Refuses a caller that signed in with an API token: only the owner manages tokens, so a leaked
   * CI token cannot make more of them.
   */
  public static void requireOwner(Context ctx) {
    Caller caller = ctx.attribute(CALLER);
    if (caller == null || !caller.owner()) {
      throw new ApiError(
          403, "Only the owner (the installation's access token) can manage API tokens.");
    }
  }

  public void handle(Context ctx) {
    String host = ctx.header("Host");
    if (!hosts.allows(host)) {
      throw new ApiError(
          403,
          "This Eddy does not serve the host `"
              + (host == null ? "" : host)
              + "`; if it is a name of this server, add it with --allowed-host.");
    }
    String path = ctx.path();
    if (path.equals("/api") || path.startsWith("/api/")) {
      if (path.equals("/api/health")) {
        return;
      }
      Caller caller = authenticate(ctx);
      if (caller == null) {
        throw new ApiError(
            401,
            "Sign in first: open the address Eddy printed when it started (it ends with"
                + " ?token=...), or send the access token as Authorization: Bearer TOKEN.");
      }
      if (caller.byCookie()) {
        checkSameOrigin(ctx);
      }
      ctx.attribute(CALLER, caller);
    } else if (ctx.queryParam("token") != null && "GET".equals(ctx.method().name())) {
      signInWithToken(ctx);
    }
  }

  private Caller authenticate(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      String[] parts = authorization.strip().split("\\s+", 2);
      if (parts.length == 2 && parts[0].equalsIgnoreCase("Bearer")) {
        if (token.matches(parts[1])) {
          return new Caller("owner", false, true);
        }
        var api = apiTokens.find(parts[1].strip());
        if (api.isPresent()) {
          return new Caller("token " + api.get().name(), false, false);
        }
      }
      // A wrong token is refused even with a valid cookie: the caller meant this token.
      return null;
    }
    String cookie = ctx.cookie(cookieName(ctx));
    if (cookie != null && validSession(cookie)) {
      return new Caller("owner", true, true);
    }
    return null;
  }

  /**
   * Cross-site request forgery: the session cookie is SameSite=Strict, but pages on another port of
   * the same host are "same site"; so a cookie-signed request must not come from another site or
   * origin (Sec-Fetch-Site, Origin), and a state-changing one must carry a JSON body or the app's
   * header, which a page of another origin cannot send without a CORS preflight this server never
   * grants.
   */
  private void checkSameOrigin(Context ctx) {
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw new ApiError(403, "Refused: the request came from another web site (" + site + ").");
    }
    String origin = ctx.header("Origin");
    if (origin != null && !sameOrigin(origin, ctx.header("Host"))) {
      throw new ApiError(403, "Refused: the request came from another origin (" + origin + ").");
    }
    if (SAFE_METHODS.contains(ctx.method().name())) {
      return;
    }
    if (ctx.header(APP_HEADER) == null && !isJson(ctx.contentType())) {
      throw new ApiError(
          403,
          "Refused: a request that changes something needs a JSON body or the web app's "
              + APP_HEADER
              + " header.");
    }
  }

  static boolean sameOrigin(String origin, String host) {
    if (host == null) {
      return false;
    }
    int scheme = origin.indexOf("://");
    if (scheme < 0) {
      return false; // "null" (sandboxed frames, file: pages) is never this server
    }
    return origin.substring(scheme + 3).equalsIgnoreCase(host.strip());
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String mime = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return mime.equals("application/json");
  }

  /** {@code GET /anything?token=T}: sets the session cookie and redirects to the URL without T. */
  private void signInWithToken(Context ctx) {
    if (!token.matches(ctx.queryParam("token"))) {
      throw new ApiError(
          401,
          "This access token is not the one of this Eddy: open the address Eddy printed when it"
              + " started.");
    }
    String id = AccessToken.randomId();
    ctx.res()
        .addHeader(
            "Set-Cookie",
            cookieName(ctx)
                + "="
                + id
                + "."
                + token.sign("session:" + id)
                + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000"
                + (secureCookies ? "; Secure" : ""));
    StringBuilder target = new StringBuilder(ctx.path());
    String separator = "?";
    for (var entry : ctx.queryParamMap().entrySet()) {
      if (entry.getKey().equals("token")) {
        continue;
      }
      for (String value : entry.getValue()) {
        target
            .append(separator)
            .append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8))
            .append('=')
            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        separator = "&";
      }
    }
    ctx.header("Location", target.toString());
    ctx.header("Cache-Control", "no-store");
    ctx.status(303);
    ctx.skipRemainingHandlers();
  }

  private boolean validSession(String cookie) {
    int dot = cookie.indexOf('.');
    if (dot <= 0) {
      return false;
    }
    String expected = token.sign("session:" + cookie.substring(0, dot));
    return java.security.MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        cookie.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Cookies are shared by every port of a host; one name per port keeps two Eddys on one machine
   * from signing each other's browser out.
   */
  private static String cookieName(Context ctx) {
    return COOKIE_PREFIX + ctx.req().getLocalPort();
  }
}
