package io.eddy.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.server.runs.RunManager;
import io.eddy.server.store.FlowListing;
import io.eddy.server.store.FlowPage;
import io.eddy.server.store.FlowQuery;
import io.eddy.server.store.FlowStore;
import io.eddy.server.store.FlowSummary;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The flow list: {@code GET /api/flows} as a plain array (no parameters, as before) or one page of
 * the catalogue ({@code limit}, {@code cursor}, {@code q}, {@code status}, {@code tag}, {@code
 * sort}), and {@code GET /api/tags}. Never reads or analyses a flow document: the status is the one
 * stored with each revision, overlaid with the run status of flows that run.
 */
public final class CatalogueController {
  static final int DEFAULT_LIMIT = 50;
  private static final List<String> PARAMETERS =
      List.of("limit", "cursor", "q", "status", "tag", "sort");

  private final FlowStore store;
  private final RunManager runs;

  public CatalogueController(FlowStore store, RunManager runs) {
    this.store = store;
    this.runs = runs;
  }

  public void register(Javalin app) {
    app.get("/api/flows", this::list);
    app.get("/api/tags", this::tags);
  }

  private Map<String, String> runStatuses() {
    return runs == null ? Map.of() : runs.listStatuses();
  }

  private void list(Context ctx) {
    if (PARAMETERS.stream().noneMatch(p -> ctx.queryParam(p) != null)) {
      Map<String, String> running = runStatuses();
      List<Map<String, Object>> out = new ArrayList<>();
      for (FlowSummary f : store.summaries()) {
        out.add(json(f, running.getOrDefault(f.id(), f.status())));
      }
      ctx.json(out);
      return;
    }
    FlowPage page = store.page(query(ctx), runStatuses());
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.set(
        "flows",
        Json.MAPPER.valueToTree(page.flows().stream().map(f -> json(f, f.status())).toList()));
    out.put("total", page.total());
    out.put("next", page.next()); // null on the last page, written as null
    out.set("counts", Json.MAPPER.valueToTree(page.counts()));
    ctx.json(out);
  }

  private static Map<String, Object> json(FlowSummary f, String status) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", f.id());
    item.put("name", f.name());
    item.put("description", f.description() == null ? "" : f.description());
    item.put("status", status);
    item.put("revision", f.revision());
    item.put("updatedAt", f.updatedAt().toString());
    item.put("tags", f.tags());
    return item;
  }

  /** The query of a page request; a parameter that does not read is refused with a sentence. */
  static FlowQuery query(Context ctx) {
    int limit = DEFAULT_LIMIT;
    String limitParam = ctx.queryParam("limit");
    if (limitParam != null) {
      try {
        limit = Integer.parseInt(limitParam.strip());
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > FlowQuery.MAX_LIMIT) {
        throw new ApiError(
            400,
            "limit must be a whole number from 1 to "
                + FlowQuery.MAX_LIMIT
                + ", not `"
                + limitParam
                + "`.");
      }
    }
    String status = blankToNull(ctx.queryParam("status"));
    if (status != null) {
      status = status.toLowerCase(Locale.ROOT);
      if (!FlowListing.STATUSES.contains(status)) {
        throw new ApiError(
            400,
            "status must be one of "
                + String.join(", ", FlowListing.STATUSES)
                + ", not `"
                + ctx.queryParam("status")
                + "`.");
      }
    }
    String sortParam = blankToNull(ctx.queryParam("sort"));
    FlowQuery.Sort sort = FlowQuery.Sort.CHANGED;
    if (sortParam != null) {
      sort =
          switch (sortParam.toLowerCase(Locale.ROOT)) {
            case "name" -> FlowQuery.Sort.NAME;
            case "changed" -> FlowQuery.Sort.CHANGED;
            case "status" -> FlowQuery.Sort.STATUS;
            default ->
                throw new ApiError(
                    400, "sort must be name, changed or status, not `" + sortParam + "`.");
          };
    }
    return new FlowQuery(
        blankToNull(ctx.queryParam("q")),
        status,
        blankToNull(ctx.queryParam("tag")),
        sort,
        limit,
        blankToNull(ctx.queryParam("cursor")));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private void tags(Context ctx) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (FlowListing.TagCount t : store.tags()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("tag", t.tag());
      item.put("count", t.count());
      out.add(item);
    }
    ctx.json(out);
  }
}
