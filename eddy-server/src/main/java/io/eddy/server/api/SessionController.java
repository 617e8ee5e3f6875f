package io.eddy.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.eddy.server.auth.AccessGuard;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * Sign-in of local users (docs/security.md): {@code POST /api/session} with a name and password
 * sets a session cookie, {@code DELETE /api/session} signs out, {@code GET /api/session} says who
 * is signed in and whether the server has users (the web app shows its sign-in page from it).
 */
public final class SessionController {
  private final AccessGuard access;

  public SessionController(AccessGuard access) {
    this.access = access;
  }

  public void register(Javalin app) {
    app.get(AccessGuard.SESSION_PATH, ctx -> ctx.json(access.session(ctx)));
    app.post(AccessGuard.SESSION_PATH, this::signIn);
    app.delete(
        AccessGuard.SESSION_PATH,
        ctx -> {
          access.signOut(ctx);
          ctx.status(204);
        });
  }

  private void signIn(Context ctx) {
    JsonNode body = Json.body(ctx);
    String name = body.isObject() ? Json.text(body, "name") : null;
    String password = body.isObject() ? Json.text(body, "password") : null;
    if (name == null || name.isBlank() || password == null || password.isEmpty()) {
      throw new ApiError(
          422, "Give a user name and a password: {\"name\": \"...\", \"password\": \"...\"}.");
    }
    // the audit log names a refused sign-in's user only when the name is one (never what was typed:
    // it may be a password typed in the wrong field)
    access
        .users()
        .find(name.strip())
        .ifPresent(u -> ctx.attribute(AuditTrail.SIGN_IN_USER, u.name()));
    ctx.json(access.signIn(ctx, name, password));
  }
}
