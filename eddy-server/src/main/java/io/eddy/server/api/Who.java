package io.eddy.server.api;

import io.eddy.server.auth.AccessGuard;
import io.javalin.http.Context;

/**
 * Who made a request, as a flow's history and the audit log record it: a signed-in user's name,
 * {@code token NAME} for an API token (a user name has no space, so the two never mix), {@code
 * owner} for the installation's access token (or its browser session).
 */
public final class Who {
  private Who() {}

  /** The caller's name; null on a route that needs no sign-in and was called without. */
  public static String of(Context ctx) {
    AccessGuard.Caller caller = AccessGuard.caller(ctx);
    return caller == null ? null : caller.user();
  }
}
