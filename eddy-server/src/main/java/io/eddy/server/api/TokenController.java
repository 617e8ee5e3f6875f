package io.eddy.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.eddy.server.auth.ApiTokens;
import io.eddy.server.auth.Role;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API tokens for the CLI and CI (docs/security.md): create (the token is in that answer only), list
 * (never a token or its hash), revoke. Each carries a role (default admin: what a token could do
 * before roles). Only a person signed in as admin manages them (RouteRules).
 */
public final class TokenController {
  static final int MAX_NAME = 100;
  private final ApiTokens tokens;

  public TokenController(ApiTokens tokens) {
    this.tokens = tokens;
  }

  public void register(Javalin app) {
    app.get("/api/tokens", this::list);
    app.post("/api/tokens", this::create);
    app.delete("/api/tokens/{tokenId}", this::revoke);
  }

  /** How the audit log names a token: id, name and role (never the token). */
  private static String target(String id, String name, Role role) {
    return "token " + id + " `" + name + "` (" + role.id() + ")";
  }

  private void list(Context ctx) {
    List<Map<String, Object>> out =
        tokens.list().stream()
            .map(
                e -> {
                  Map<String, Object> item = new LinkedHashMap<>();
                  item.put("id", e.id());
                  item.put("name", e.name());
                  item.put("role", e.effectiveRole().id());
                  item.put("createdAt", e.createdAt().toString());
                  return item;
                })
            .toList();
    ctx.json(out);
  }

  private void create(Context ctx) {
    JsonNode body = Json.body(ctx);
    String name = body.isObject() ? Json.text(body, "name") : null;
    if (name == null || name.isBlank()) {
      throw new ApiError(
          422, "Give the token a name that says who uses it, e.g. {\"name\": \"CI\"}.");
    }
    name = name.strip();
    if (name.length() > MAX_NAME) {
      throw new ApiError(422, "A token name can have at most " + MAX_NAME + " characters.");
    }
    Role role;
    try {
      String given = Json.text(body, "role");
      role = given == null ? Role.ADMIN : Role.parse(given);
    } catch (IllegalArgumentException e) {
      throw new ApiError(422, e.getMessage());
    }
    ApiTokens.Created created = tokens.create(name, role);
    ctx.attribute(AuditTrail.TARGET, target(created.id(), created.name(), role));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", created.id());
    out.put("name", created.name());
    out.put("role", created.role().id());
    out.put("createdAt", created.createdAt().toString());
    out.put("token", created.token());
    ctx.header("Cache-Control", "no-store");
    ctx.status(201).json(out);
  }

  private void revoke(Context ctx) {
    tokens.list().stream()
        .filter(e -> e.id().equals(ctx.pathParam("tokenId")))
        .findFirst()
        .ifPresent(
            e -> ctx.attribute(AuditTrail.TARGET, target(e.id(), e.name(), e.effectiveRole())));
    if (!tokens.revoke(ctx.pathParam("tokenId"))) {
      throw new ApiError(404, "There is no API token " + ctx.pathParam("tokenId") + ".");
    }
    ctx.status(204);
  }
}
