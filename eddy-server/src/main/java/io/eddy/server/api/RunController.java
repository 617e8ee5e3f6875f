package io.eddy.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.eddy.server.runs.RunManager;
import io.eddy.server.store.FlowStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;

/** Runs: start, status, stop, live events (SSE) and their CSV. */
public final class RunController {
  private final RunManager runs;
  private final FlowStore store;

  public RunController(RunManager runs, FlowStore store) {
    this.runs = runs;
    this.store = store;
  }

  public void register(Javalin app) {
    app.post("/api/flows/{id}/run", this::start);
    app.get("/api/flows/{id}/run", ctx -> ctx.json(runs.status(ctx.pathParam("id"))));
    app.delete("/api/flows/{id}/run", ctx -> ctx.json(runs.stop(ctx.pathParam("id"))));
    app.get("/api/flows/{id}/run/events.csv", this::csv);
    app.before(
        "/api/flows/{id}/run/events",
        ctx -> {
          store.get(ctx.pathParam("id"));
          if (!"text/event-stream".equals(ctx.header("Accept"))) {
            // Javalin streams events only to clients that ask exactly for them (EventSource does).
            throw new ApiError(
                406,
                "This is a stream of Server-Sent Events: send the header `Accept:"
                    + " text/event-stream` (EventSource does).");
          }
        });
    app.sse(
        "/api/flows/{id}/run/events",
        client -> {
          String last = client.ctx().header("Last-Event-ID");
          long lastId = 0;
          if (last != null) {
            try {
              lastId = Long.parseLong(last.strip());
            } catch (NumberFormatException ignored) {
              // replay everything kept
            }
          }
          client.sendComment("connected");
          runs.attach(client.ctx().pathParam("id"), client, lastId);
        });
  }

  /**
   * Body {@code {"mode": "fromNow" | "historical", "node": "<node id to preview>"}}, all optional.
   */
  private void start(Context ctx) {
    String mode = "fromNow";
    String node = null;
    if (!ctx.body().isBlank()) {
      JsonNode body = Json.body(ctx);
      if (body.isObject()) {
        mode = Optional.ofNullable(Json.text(body, "mode")).orElse(mode);
        node = Json.text(body, "node");
      }
    }
    ctx.status(202).json(runs.start(ctx.pathParam("id"), mode, node));
  }

  private void csv(Context ctx) {
    String id = ctx.pathParam("id");
    String name = store.get(id).name();
    String csv = runs.csv(id);
    ctx.header(
        "Content-Disposition",
        Downloads.attachment(Downloads.safeFileName(name + " events", "csv")));
    ctx.contentType("text/csv; charset=utf-8");
    ctx.result(csv);
  }
}
