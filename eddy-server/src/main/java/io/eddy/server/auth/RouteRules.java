package io.eddy.server.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rule of every route of the API: who may call it. One table, so that a reviewer sees every
 * route's rule in one place; {@link io.eddy.server.App} refuses to start with a route that has no
 * rule here, so a new route cannot be reachable by accident.
 */
public final class RouteRules {
  /**
   * Who may call a route.
   *
   * @param role the least role needed; null: anyone, without signing in (health, sign-in)
   * @param personOnly a signed-in person (the owner or a user), never an API token: token
   *     management, so a leaked token cannot make more
   */
  public record Rule(Role role, boolean personOnly) {}

  private static final Rule PUBLIC = new Rule(null, false);
  private static final Rule VIEWER = new Rule(Role.VIEWER, false);
  private static final Rule EDITOR = new Rule(Role.EDITOR, false);
  private static final Rule ADMIN = new Rule(Role.ADMIN, false);
  private static final Rule ADMIN_PERSON = new Rule(Role.ADMIN, true);

  private static final Map<String, Rule> RULES = new TreeMap<>();

  static {
    rule(
        PUBLIC,
        "GET /api/health",
        "GET /api/session",
        "POST /api/session",
        "DELETE /api/session",
        // OpenID Connect: to the provider and back (the state in the browser's cookie guards them)
        "GET /api/session/oidc/start",
        "GET /api/session/oidc/callback");
    rule(
        VIEWER,
        "GET /api/flows",
        "GET /api/flows/{id}",
        "HEAD /api/flows/{id}",
        "GET /api/flows/{id}/history",
        "GET /api/flows/{id}/history/diff",
        "GET /api/flows/{id}/history/{revision}",
        "GET /api/flows/{id}/run",
        "GET /api/flows/{id}/run/events",
        "GET /api/flows/{id}/run/events.csv",
        "GET /api/flows/{id}/validation",
        "GET /api/tags",
        "GET /api/node-types",
        "GET /api/environment",
        "GET /api/jobs",
        "GET /api/jobs/{jobId}",
        // Analysis changes nothing; the editor calls it while a viewer looks at a flow.
        "POST /api/analyse");
    rule(
        EDITOR,
        "POST /api/flows",
        "PUT /api/flows/{id}",
        "PATCH /api/flows/{id}",
        "DELETE /api/flows/{id}",
        "POST /api/flows/{id}/duplicate",
        "POST /api/flows/{id}/history/{revision}/restore",
        "POST /api/flows/{id}/run",
        "DELETE /api/flows/{id}/run",
        "POST /api/flows/import",
        "GET /api/flows/{id}/export",
        "POST /api/kafka/topics",
        "POST /api/kafka/sample",
        "POST /api/jdbc/tables");
    rule(
        ADMIN,
        "POST /api/flows/{id}/deploy",
        "POST /api/jobs/{jobId}/stop",
        "POST /api/jobs/{jobId}/resume",
        "POST /api/jobs/{jobId}/cancel",
        "GET /api/audit");
    rule(ADMIN_PERSON, "GET /api/tokens", "POST /api/tokens", "DELETE /api/tokens/{tokenId}");
  }

  private RouteRules() {}

  private static void rule(Rule rule, String... routes) {
    for (String route : routes) {
      if (RULES.put(route, rule) != null) {
        throw new IllegalStateException("Two rules for " + route);
      }
    }
  }

  /** The rule of {@code method} on the route pattern {@code path} (e.g. "/api/flows/{id}"). */
  public static Optional<Rule> of(String method, String path) {
    return Optional.ofNullable(RULES.get(method + " " + path));
  }

  /** The routes (as "METHOD /path/{param}") of {@code routes} that have no rule here. */
  public static List<String> without(List<String> routes) {
    return routes.stream().filter(r -> !RULES.containsKey(r)).toList();
  }
}
