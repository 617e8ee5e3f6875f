package io.eddy.server.api;

import io.eddy.server.store.AuditEntry;
import io.eddy.server.store.FlowStore;
import io.eddy.server.store.StoredFlow;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit log (docs/security.md#the-audit-log): after each request to one of the routes
 * below, who called it, on what, and how it ended — also when it was refused or failed, since the
 * answer's status is known by then. Secrets never enter it: the entry is made of the caller's name,
 * the route and its path parameters (a flow's name, a token's name and role), never of a body.
 */
public final class AuditTrail {
  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

  /** A request attribute a handler sets to name the target better than its path parameters. */
  public static final String TARGET = "eddy.audit.target";

  /** A request attribute naming who tried to sign in (the caller is known only afterwards). */
  public static final String SIGN_IN_USER = "eddy.audit.sign-in-user";

  static final String SIGN_IN = "POST /api/session";

  /** Where the OpenID Connect provider sends the browser back: a sign-in too. */
  static final String OIDC_SIGN_IN = "GET /api/session/oidc/callback";

  /** The routes recorded, with the action's name in the log. */
  static final Map<String, String> ACTIONS =
      Map.ofEntries(
          Map.entry("POST /api/flows/{id}/deploy", "deploy"),
          Map.entry("POST /api/jobs/{jobId}/stop", "job.stop"),
          Map.entry("POST /api/jobs/{jobId}/resume", "job.resume"),
          Map.entry("POST /api/jobs/{jobId}/cancel", "job.cancel"),
          Map.entry("POST /api/flows/{id}/run", "run.start"),
          Map.entry("DELETE /api/flows/{id}/run", "run.stop"),
          Map.entry("DELETE /api/flows/{id}", "flow.delete"),
          Map.entry("POST /api/tokens", "token.create"),
          Map.entry("DELETE /api/tokens/{tokenId}", "token.revoke"),
          Map.entry(SIGN_IN, "sign-in"),
          Map.entry(OIDC_SIGN_IN, "sign-in"),
          Map.entry("DELETE /api/session", "sign-out"));

  private final FlowStore store;

  public AuditTrail(FlowStore store) {
    this.store = store;
  }

  /** Runs after every request (Javalin's after handler, which runs after errors too). */
  public void record(Context ctx) {
    String route;
    try {
      route = ctx.method().name() + " " + ctx.endpointHandlerPath();
    } catch (RuntimeException noRoute) {
      return; // refused before a route was matched (no sign-in, foreign host)
    }
    String action = ACTIONS.get(route);
    if (action == null) {
      return;
    }
    String user = Who.of(ctx);
    if (user == null && (route.equals(SIGN_IN) || route.equals(OIDC_SIGN_IN))) {
      user = ctx.attribute(SIGN_IN_USER);
    } else if (user == null) {
      return; // nobody signed in (401): not an action of anyone
    }
    int status = ctx.statusCode();
    try {
      store.audit(
          new AuditEntry(
              0,
              Instant.now().truncatedTo(ChronoUnit.MILLIS),
              user,
              action,
              target(ctx),
              status == 401 || status == 403 ? "refused" : status >= 400 ? "failed" : "ok",
              status));
    } catch (RuntimeException e) {
      LOG.warn(
          "The audit log could not record {} by {} ({}): {}", action, user, status, e.getMessage());
    }
  }

  private String target(Context ctx) {
    String set = ctx.attribute(TARGET);
    if (set != null) {
      return set;
    }
    Map<String, String> params = ctx.pathParamMap();
    if (params.containsKey("id")) {
      String id = params.get("id");
      try {
        return store.find(id).map(AuditTrail::flow).orElse("flow " + id);
      } catch (RuntimeException e) {
        return "flow " + id;
      }
    }
    if (params.containsKey("jobId")) {
      return "job " + params.get("jobId");
    }
    if (params.containsKey("tokenId")) {
      return "token " + params.get("tokenId");
    }
    return null;
  }

  /** How the log names a flow: its name (as it is now) and id. */
  public static String flow(StoredFlow flow) {
    return "flow `" + flow.name() + "` (" + flow.id() + ")";
  }
}
