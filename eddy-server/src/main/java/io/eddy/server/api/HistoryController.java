package io.eddy.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.document.FlowDiff;
import io.eddy.server.FlowService;
import io.eddy.server.runs.RunManager;
import io.eddy.server.store.FlowRevision;
import io.eddy.server.store.StaleRevisionException;
import io.eddy.server.store.StoredFlow;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flow's history: its revisions, the document of one, the difference between two (as {@code eddy
 * diff --json} reports it) and restoring one as a new revision (the others stay).
 */
public final class HistoryController {
  private final FlowService flows;
  private final RunManager runs;

  /**
   * @param runs the server's runs, or null without them (tests of the HTTP layer alone)
   */
  public HistoryController(FlowService flows, RunManager runs) {
    this.flows = flows;
    this.runs = runs;
  }

  public void register(Javalin app) {
    app.get("/api/flows/{id}/history", this::list);
    app.get("/api/flows/{id}/history/diff", this::diff);
    app.get("/api/flows/{id}/history/{revision}", this::revision);
    app.post("/api/flows/{id}/history/{revision}/restore", this::restore);
  }

  private void list(Context ctx) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (FlowRevision r : flows.store().history(ctx.pathParam("id"))) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("revision", r.revision());
      item.put("updatedAt", r.updatedAt().toString());
      if (r.user() != null) {
        item.put("user", r.user());
      }
      out.add(item);
    }
    ctx.json(out);
  }

  private void revision(Context ctx) {
    String id = ctx.pathParam("id");
    ctx.json(
        FlowController.flowJson(
            flows.store().revision(id, revisionNumber(ctx.pathParam("revision"), "revision")),
            flows));
  }

  private void diff(Context ctx) {
    String id = ctx.pathParam("id");
    String fromParam = ctx.queryParam("from");
    if (fromParam == null) {
      throw new ApiError(
          400, "Say which revisions to compare: ?from=R1&to=R2 (to defaults to the current one).");
    }
    long from = revisionNumber(fromParam, "from");
    String toParam = ctx.queryParam("to");
    StoredFlow after =
        toParam == null
            ? flows.store().get(id)
            : flows.store().revision(id, revisionNumber(toParam, "to"));
    StoredFlow before = flows.store().revision(id, from);
    List<FlowDiff.Change> changes = FlowDiff.between(before.flow(), after.flow());
    ObjectNode report = Json.MAPPER.createObjectNode();
    report.put("from", before.revision());
    report.put("to", after.revision());
    report.put("identical", changes.isEmpty());
    report.set("changes", Json.MAPPER.valueToTree(changes));
    ctx.json(report);
  }

  /**
   * Saves the document of an older revision as a new revision. With {@code If-Match}, only on top
   * of that revision; without, on top of whatever is current (the older revisions all stay).
   */
  private void restore(Context ctx) {
    String id = ctx.pathParam("id");
    long revision = revisionNumber(ctx.pathParam("revision"), "revision");
    Long expected = FlowController.ifMatch(ctx);
    StoredFlow old = flows.store().revision(id, revision);
    for (int attempt = 0; ; attempt++) {
      long base = expected != null ? expected : flows.store().get(id).revision();
      try {
        StoredFlow saved = flows.store().save(id, old.flow(), base, Who.of(ctx));
        if (runs != null) {
          runs.planAfterSave(saved);
        }
        FlowController.withEtag(ctx, saved);
        ctx.json(FlowController.flowJson(saved, flows));
        return;
      } catch (StaleRevisionException e) {
        if (expected != null || attempt >= 3) {
          throw e;
        }
      }
    }
  }

  private static long revisionNumber(String text, String what) {
    try {
      long n = Long.parseLong(text.strip());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new ApiError(400, what + " must be a revision number (1 or more), not `" + text + "`.");
  }
}
