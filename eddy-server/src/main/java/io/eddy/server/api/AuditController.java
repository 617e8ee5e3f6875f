package io.eddy.server.api;

import io.eddy.server.store.AuditPage;
import io.eddy.server.store.FlowStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/audit?limit=&before=}: the audit log for admins, newest first, a page at a time
 * ({@code before} is the {@code next} of the page before).
 */
public final class AuditController {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  private final FlowStore store;

  public AuditController(FlowStore store) {
    this.store = store;
  }

  public void register(Javalin app) {
    app.get("/api/audit", this::list);
  }

  private void list(Context ctx) {
    long limit = number(ctx, "limit", DEFAULT_LIMIT);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ApiError(400, "limit must be between 1 and " + MAX_LIMIT + ", not " + limit + ".");
    }
    String beforeParam = ctx.queryParam("before");
    Long before = beforeParam == null ? null : number(ctx, "before", 0);
    AuditPage page = store.auditLog((int) limit, before);
    // entries as the server's mapper writes records: ISO times, no null user or target
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("entries", page.entries());
    out.put("next", page.next());
    ctx.json(out);
  }

  private static long number(Context ctx, String name, long otherwise) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return otherwise;
    }
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new ApiError(400, name + " must be a whole number, not `" + text + "`.");
    }
  }
}
