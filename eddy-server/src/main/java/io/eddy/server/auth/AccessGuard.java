package io.eddy.server.auth;

import io.eddy.server.api.ApiError;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs before every request: the {@code Host} must be one this server serves; {@code /api/**}
 * (except {@code /api/health} and the sign-in routes) needs a signed-in {@link Caller} — the access
 * token or an API token as {@code Authorization: Bearer TOKEN}, a local user's session cookie, or
 * (without users) the cookie a browser got by opening a page with {@code ?token=TOKEN}; a
 * state-changing request signed in by cookie must come from the app itself (see {@link
 * #checkSameOrigin}). Once the route is known, {@link #authorize} checks the caller's role against
 * its {@link RouteRules rule}.
 */
public final class AccessGuard {
  /** The header the web app sends with every request (a page of another origin cannot). */
  public static final String APP_HEADER = "X-Eddy-Request";

  /** The request attribute holding the signed-in {@link Caller}. */
  public static final String CALLER = "eddy.caller";

  /** Sign in, sign out and who is signed in: answers without a session. */
  public static final String SESSION_PATH = "/api/session";

  /**
   * OpenID Connect sign-in: the start (a link on the sign-in page) and the provider's callback (a
   * navigation from the provider's site) answer without a session and without the same-origin
   * checks; the state, kept for one browser in a cookie, protects them.
   */
  public static final String OIDC_START_PATH = "/api/session/oidc/start";

  public static final String OIDC_CALLBACK_PATH = OidcSettings.CALLBACK_PATH;

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final String COOKIE_PREFIX = "eddy-session-";
  private static final String USER_COOKIE_PREFIX = "eddy-user-";
  private static final String OIDC_COOKIE_PREFIX = "eddy-oidc-";

  private final AccessToken token;
  private final ApiTokens apiTokens;
  private final AllowedHosts hosts;
  private final boolean secureCookies;
  private final LocalUsers users;
  private final OidcSignIn oidc;
  private final UserSessions sessions = new UserSessions();

  /** How a caller proved who they are. */
  public enum Kind {
    /** The installation's access token (as bearer or its browser session): acts as an admin. */
    OWNER,
    /** A user signed in with name and password, or with the OpenID Connect provider. */
    USER,
    /** An API token, with the role it was given. */
    API_TOKEN
  }

  /** Who made a request, with which role, and how they proved it. */
  public record Caller(String user, Role role, Kind kind, boolean byCookie) {
    /** A person (the owner or a user) rather than an API token. */
    public boolean person() {
      return kind != Kind.API_TOKEN;
    }
  }

  public AccessGuard(
      AccessToken token,
      ApiTokens apiTokens,
      LocalUsers users,
      AllowedHosts hosts,
      boolean secureCookies) {
    this(token, apiTokens, users, null, hosts, secureCookies);
  }

  /**
   * @param oidc sign-in with an OpenID Connect provider; null when none is configured
   */
  public AccessGuard(
      AccessToken token,
      ApiTokens apiTokens,
      LocalUsers users,
      OidcSignIn oidc,
      AllowedHosts hosts,
      boolean secureCookies) {
    this.token = token;
    this.apiTokens = apiTokens;
    this.users = users;
    this.oidc = oidc;
    this.hosts = hosts;
    this.secureCookies = secureCookies;
  }

  public LocalUsers users() {
    return users;
  }

  public AccessToken token() {
    return token;
  }

  /** Sign-in with the OpenID Connect provider, if one is configured. */
  public java.util.Optional<OidcSignIn> oidc() {
    return java.util.Optional.ofNullable(oidc);
  }

  /**
   * Whether people sign in as themselves (local users or the OpenID Connect provider) rather than
   * with the owner's access token.
   */
  public boolean signInConfigured() {
    return oidc != null || users.configured();
  }

  public ApiTokens apiTokens() {
    return apiTokens;
  }

  /** The signed-in caller of a request that passed the guard (null on public routes). */
  public static Caller caller(Context ctx) {
    return ctx.attribute(CALLER);
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
      if (path.equals("/api/health")
          || path.equals(OIDC_START_PATH)
          || path.equals(OIDC_CALLBACK_PATH)) {
        return;
      }
      Caller caller = authenticate(ctx);
      if (caller != null && caller.byCookie()) {
        checkSameOrigin(ctx);
      }
      if (caller != null) {
        ctx.attribute(CALLER, caller);
      } else if (path.equals(SESSION_PATH)) {
        // The sign-in form posts here without a session: the same cross-site checks apply.
        checkSameOrigin(ctx);
      } else {
        throw new ApiError(401, signInHint());
      }
    } else if (ctx.queryParam("token") != null && "GET".equals(ctx.method().name())) {
      signInWithToken(ctx);
    }
  }

  /**
   * Runs once the route is known: the caller must have what the route's rule in {@link RouteRules}
   * asks for. A route without a rule is refused (and {@link io.eddy.server.App} does not start with
   * one).
   */
  public void authorize(Context ctx) {
    String path = ctx.endpointHandlerPath();
    if (!path.startsWith("/api")) {
      return;
    }
    RouteRules.Rule rule =
        RouteRules.of(ctx.method().name(), path)
            .orElseThrow(
                () -> new ApiError(403, "Refused: " + ctx.method() + " " + path + " has no rule."));
    if (rule.role() != null) {
      requireRole(ctx, caller(ctx), rule.role(), rule.personOnly());
    }
  }

  private void requireRole(Context ctx, Caller caller, Role needed, boolean person) {
    if (caller == null) {
      throw new ApiError(401, signInHint());
    }
    if (!caller.role().includes(needed)) {
      throw new ApiError(
          403,
          "Refused: "
              + ctx.method()
              + " "
              + ctx.path()
              + " needs the role "
              + needed.id()
              + "; "
              + caller.user()
              + " has the role "
              + caller.role().id()
              + ".");
    }
    if (person && !caller.person()) {
      throw new ApiError(
          403, "Refused: an API token cannot manage API tokens or users; sign in as an admin.");
    }
  }

  private String signInHint() {
    return signInConfigured()
        ? "Sign in first: in the web app ("
            + (users.configured() ? "with your user name and password" : "")
            + (users.configured() && oidc != null ? ", or " : "")
            + (oidc != null ? "with " + oidc.settings().name() : "")
            + "), or send an API token as Authorization: Bearer TOKEN."
        : "Sign in first: open the address Eddy printed when it started (it ends with"
            + " ?token=...), or send the access token as Authorization: Bearer TOKEN.";
  }

  /**
   * {@code POST /api/session} with {@code {"name", "password"}}: signs a user in with a session
   * cookie; the answer says who and with which role.
   */
  public Map<String, Object> signIn(Context ctx, String name, String password) {
    LocalUsers.User user =
        users
            .verify(name, password)
            .orElseThrow(() -> new ApiError(401, "The user name or the password is wrong."));
    setSessionCookie(ctx, sessions.start(user));
    return describe(new Caller(user.name(), user.role(), Kind.USER, true));
  }

  /**
   * Signs in, with the same session cookie a local user gets, someone the OpenID Connect provider
   * vouched for.
   */
  public void signIn(Context ctx, OidcSignIn.SignedIn user) {
    setSessionCookie(ctx, sessions.startExternal(user.user(), user.role()));
  }

  private void setSessionCookie(Context ctx, String id) {
    ctx.res()
        .addHeader(
            "Set-Cookie",
            userCookieName(ctx)
                + "="
                + id
                + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                + UserSessions.lifetimeSeconds()
                + (secureCookies ? "; Secure" : ""));
    ctx.header("Cache-Control", "no-store");
  }

  /**
   * Remembers in this browser the state of an OpenID Connect sign-in it starts, for ten minutes.
   * SameSite=Lax: the provider's redirect back is a navigation from another site, which a Strict
   * cookie would not come with.
   */
  public void setOidcState(Context ctx, String state) {
    ctx.res()
        .addHeader(
            "Set-Cookie",
            oidcCookieName(ctx)
                + "="
                + state
                + "; Path="
                + OIDC_CALLBACK_PATH
                + "; HttpOnly; SameSite=Lax; Max-Age="
                + OidcSignIn.PENDING_LIFETIME.toSeconds()
                + (secureCookies ? "; Secure" : ""));
  }

  /** The state of the OpenID Connect sign-in this browser started (null: none); forgets it. */
  public String takeOidcState(Context ctx) {
    String state = ctx.cookie(oidcCookieName(ctx));
    ctx.res()
        .addHeader(
            "Set-Cookie",
            oidcCookieName(ctx)
                + "=; Path="
                + OIDC_CALLBACK_PATH
                + "; HttpOnly; SameSite=Lax; Max-Age=0"
                + (secureCookies ? "; Secure" : ""));
    return state;
  }

  /** {@code DELETE /api/session}: ends the user's session and clears both cookies. */
  public void signOut(Context ctx) {
    sessions.end(ctx.cookie(userCookieName(ctx)));
    for (String name : List.of(userCookieName(ctx), cookieName(ctx))) {
      ctx.res()
          .addHeader(
              "Set-Cookie",
              name
                  + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
                  + (secureCookies ? "; Secure" : ""));
    }
  }

  /** {@code GET /api/session}: who is signed in (if anyone) and whether users sign in. */
  public Map<String, Object> session(Context ctx) {
    Caller caller = caller(ctx);
    if (caller == null) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("signedIn", false);
      out.put("usersConfigured", users.configured());
      if (oidc != null) {
        out.put("oidc", oidc.settings().describe());
      }
      return out;
    }
    return describe(caller);
  }

  private Map<String, Object> describe(Caller caller) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("signedIn", true);
    out.put("usersConfigured", users.configured());
    out.put("user", caller.user());
    out.put("role", caller.role().id());
    out.put("kind", caller.kind().name().toLowerCase(Locale.ROOT));
    if (oidc != null) {
      out.put("oidc", oidc.settings().describe());
    }
    return out;
  }

  private Caller authenticate(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      String[] parts = authorization.strip().split("\\s+", 2);
      if (parts.length == 2 && parts[0].equalsIgnoreCase("Bearer")) {
        if (token.matches(parts[1])) {
          return new Caller("owner", Role.ADMIN, Kind.OWNER, false);
        }
        var api = apiTokens.find(parts[1].strip());
        if (api.isPresent()) {
          return new Caller(
              "token " + api.get().name(), api.get().effectiveRole(), Kind.API_TOKEN, false);
        }
      }
      // A wrong token is refused even with a valid cookie: the caller meant this token.
      return null;
    }
    var user = sessions.find(ctx.cookie(userCookieName(ctx)), users);
    if (user.isPresent()) {
      return new Caller(user.get().user(), user.get().role(), Kind.USER, true);
    }
    String cookie = ctx.cookie(cookieName(ctx));
    if (cookie != null && validSession(cookie)) {
      return new Caller("owner", Role.ADMIN, Kind.OWNER, true);
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

  /**
   * {@code GET /anything?token=T}: sets the session cookie and redirects to the URL without T. Once
   * users are configured, the browser signs in as a user instead (the token stays for the CLI).
   */
  private void signInWithToken(Context ctx) {
    if (signInConfigured()) {
      throw new ApiError(
          403,
          "This Eddy has users: sign in on its sign-in page (the access token in the address no"
              + " longer signs a browser in).");
    }
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

  private static String userCookieName(Context ctx) {
    return USER_COOKIE_PREFIX + ctx.req().getLocalPort();
  }

  private static String oidcCookieName(Context ctx) {
    return OIDC_COOKIE_PREFIX + ctx.req().getLocalPort();
  }
}
