package io.eddy.server.api;

import io.eddy.server.auth.AccessGuard;
import io.eddy.server.auth.OidcSignIn;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.util.StringUtil;

/**
 * OpenID Connect sign-in (docs/security.md): {@code GET /api/session/oidc/start} sends the browser
 * to the provider, {@code GET /api/session/oidc/callback} is where the provider sends it back; a
 * signed-in browser goes on to the app with the session cookie a local user gets. Both are
 * navigations of the browser, so a refusal is a small page with one sentence and a way back, not
 * JSON.
 */
public final class OidcController {
  private final AccessGuard access;

  public OidcController(AccessGuard access) {
    this.access = access;
  }

  public void register(Javalin app) {
    app.get(AccessGuard.OIDC_START_PATH, this::start);
    app.get(AccessGuard.OIDC_CALLBACK_PATH, this::callback);
  }

  private void start(Context ctx) {
    OidcSignIn oidc = configured();
    try {
      OidcSignIn.Start start =
          oidc.start(
              URI.create(ctx.scheme() + "://" + ctx.host() + AccessGuard.OIDC_CALLBACK_PATH));
      access.setOidcState(ctx, start.state());
      ctx.header("Cache-Control", "no-store");
      ctx.redirect(start.providerUri().toString(), io.javalin.http.HttpStatus.FOUND);
    } catch (OidcSignIn.Refused refused) {
      page(ctx, refused.status(), refused.getMessage());
    }
  }

  private void callback(Context ctx) {
    OidcSignIn oidc = configured();
    String browserState = access.takeOidcState(ctx);
    Map<String, String> params = new HashMap<>();
    ctx.queryParamMap().forEach((name, values) -> params.put(name, values.get(0)));
    try {
      OidcSignIn.SignedIn user = oidc.finish(params, browserState);
      ctx.attribute(AuditTrail.SIGN_IN_USER, user.user());
      access.signIn(ctx, user);
      ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    } catch (OidcSignIn.Refused refused) {
      // the provider vouched for a user who has no role here: the audit log names them
      ctx.attribute(AuditTrail.SIGN_IN_USER, refused.user());
      page(ctx, refused.status(), refused.getMessage());
    }
  }

  private OidcSignIn configured() {
    OidcSignIn oidc = access.oidc().orElse(null);
    if (oidc == null) {
      throw new ApiError(404, "This Eddy has no OpenID Connect sign-in configured.");
    }
    return oidc;
  }

  /** A page with one sentence and a link back to the sign-in page. */
  private static void page(Context ctx, int status, String message) {
    ctx.header("Cache-Control", "no-store");
    ctx.status(status)
        .contentType("text/html; charset=utf-8")
        .result(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not signed in"
                + " · Eddy</title></head><body><main><h1>Not signed in</h1><p role=\"alert\">"
                + StringUtil.sanitizeXmlString(message)
                + "</p><p><a href=\"/\">Back to Eddy's sign-in page</a></p></main></body></html>");
  }
}
