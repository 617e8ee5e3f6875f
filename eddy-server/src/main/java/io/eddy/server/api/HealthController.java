package io.eddy.server.api;

import io.javalin.Javalin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** {@code GET /api/health}: 200 when the store, the engine and the broker are up, else 503. */
public final class HealthController {
  /** Named checks, e.g. store, engine, kafka. */
  public record Checks(Map<String, BooleanSupplier> checks) {}

  private final Checks checks;

  public HealthController(Checks checks) {
    this.checks = checks;
  }

  public void register(Javalin app) {
    app.get(
        "/api/health",
        ctx -> {
          Map<String, Object> out = new LinkedHashMap<>();
          Map<String, String> parts = new LinkedHashMap<>();
          boolean up = true;
          for (var e : checks.checks().entrySet()) {
            boolean ok;
            try {
              ok = e.getValue().getAsBoolean();
            } catch (RuntimeException ex) {
              ok = false;
            }
            parts.put(e.getKey(), ok ? "up" : "down");
            up &= ok;
          }
          out.put("status", up ? "up" : "down");
          out.putAll(parts);
          ctx.status(up ? 200 : 503).json(out);
        });
  }
}
