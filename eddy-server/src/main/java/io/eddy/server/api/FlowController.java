package io.eddy.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.analysis.FlowReport;
import io.eddy.core.document.FlowDocumentException;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.document.FlowLimits;
import io.eddy.core.model.Flow;
import io.eddy.server.FlowService;
import io.eddy.server.runs.RunManager;
import io.eddy.server.store.StaleRevisionException;
import io.eddy.server.store.StoredFlow;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Flows: create, read, save (with If-Match), rename, duplicate, delete, validation. The list is
 * {@link CatalogueController}.
 */
public final class FlowController {
  static final int MAX_NAME_LENGTH = FlowLimits.MAX_NAME_CHARS;
  static final int MAX_DESCRIPTION_LENGTH = FlowLimits.MAX_DESCRIPTION_CHARS;

  private final FlowService flows;
  private final RunManager runs;

  public FlowController(FlowService flows, RunManager runs) {
    this.flows = flows;
    this.runs = runs;
  }

  public void register(Javalin app) {
    app.post("/api/flows", this::create);
    app.get("/api/flows/{id}", this::get);
    app.put("/api/flows/{id}", this::save);
    app.patch("/api/flows/{id}", this::patch);
    app.head("/api/flows/{id}", this::head);
    app.delete("/api/flows/{id}", this::delete);
    app.post("/api/flows/{id}/duplicate", this::duplicate);
    app.get("/api/flows/{id}/validation", this::validation);
  }

  /**
   * The flow document plus id, revision and times, as GET answers it: secrets sealed (write-only;
   * docs/security.md).
   */
  public static ObjectNode flowJson(StoredFlow stored, FlowService flows) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("id", stored.id());
    out.put("revision", stored.revision());
    out.put("createdAt", stored.createdAt().toString());
    out.put("updatedAt", stored.updatedAt().toString());
    out.setAll(FlowDocuments.toJson(flows.sealed(stored.flow())));
    return out;
  }

  static void withEtag(Context ctx, StoredFlow stored) {
    ctx.header("ETag", "\"" + stored.revision() + "\"");
  }

  private void create(Context ctx) {
    JsonNode body = Json.body(ctx);
    if (!body.isObject()) {
      throw new ApiError(422, "Send {\"name\": ..., \"description\": ...} to create a flow.");
    }
    String name = checkName(Json.text(body, "name"));
    String description = checkDescription(Json.text(body, "description"));
    Flow flow = new Flow(name, description, List.of(), List.of(), null);
    StoredFlow created = flows.store().create(flow, Who.of(ctx));
    withEtag(ctx, created);
    ctx.status(201).json(flowJson(created, flows));
  }

  static String checkName(String name) {
    if (name == null || name.isBlank()) {
      throw new ApiError(422, "A flow needs a name.");
    }
    name = name.strip();
    if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
      throw new ApiError(422, "A flow name can have at most " + MAX_NAME_LENGTH + " characters.");
    }
    if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new ApiError(422, "A flow name cannot contain control characters such as line breaks.");
    }
    return name;
  }

  static String checkDescription(String description) {
    if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
      throw new ApiError(
          422,
          "A flow description can have at most "
              + FlowLimits.count(MAX_DESCRIPTION_LENGTH)
              + " characters (it has "
              + FlowLimits.count(description.length())
              + ").");
    }
    return description;
  }

  private void get(Context ctx) {
    StoredFlow stored = flows.store().get(ctx.pathParam("id"));
    withEtag(ctx, stored);
    ctx.json(flowJson(stored, flows));
  }

  /** The revision of an If-Match header ("3", W/"3" or 3); null when absent. */
  static Long ifMatch(Context ctx) {
    String header = ctx.header("If-Match");
    if (header == null || header.isBlank()) {
      return null;
    }
    String v = header.strip().replaceFirst("^W/", "").replace("\"", "").strip();
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ApiError(
          412, "If-Match must be the revision of the flow (its ETag), not `" + header + "`.");
    }
  }

  private void save(Context ctx) {
    String id = ctx.pathParam("id");
    Long revision = ifMatch(ctx);
    if (revision == null) {
      throw new ApiError(
          428,
          "Saving a flow needs an If-Match header with the revision you edited (the ETag of GET"
              + " /api/flows/"
              + id
              + "), so that nobody's changes are overwritten.");
    }
    JsonNode body = Json.body(ctx);
    if (body.isObject()) {
      ObjectNode doc = ((ObjectNode) body).deepCopy();
      doc.remove(List.of("id", "revision", "createdAt", "updatedAt", "status"));
      if (!doc.has("format")) {
        doc.put("format", FlowDocuments.FORMAT);
      }
      body = doc;
    }
    Flow flow;
    try {
      flow = FlowDocuments.fromJson(body);
    } catch (FlowDocumentException e) {
      throw new ApiError(422, e.getMessage());
    }
    StoredFlow current = flows.store().get(id);
    if (current.revision() != revision) {
      throw new StaleRevisionException(id, revision, current.revision());
    }
    flow =
        flow.name() == null ? flow.withName(current.name()) : flow.withName(checkName(flow.name()));
    checkDescription(flow.description());
    flows.requireOwnSeals(flow);
    StoredFlow saved = flows.store().save(id, flow, revision, Who.of(ctx));
    if (runs != null) {
      runs.planAfterSave(saved);
    }
    withEtag(ctx, saved);
    ctx.json(flowJson(saved, flows));
  }

  private void patch(Context ctx) {
    String id = ctx.pathParam("id");
    JsonNode body = Json.body(ctx);
    if (!body.isObject() || (!body.has("name") && !body.has("description"))) {
      throw new ApiError(
          422, "Send {\"name\": ...} and/or {\"description\": ...} to change a flow.");
    }
    String name = body.has("name") ? checkName(Json.text(body, "name")) : null;
    String description =
        body.has("description") ? checkDescription(Json.text(body, "description")) : null;
    Long expected = ifMatch(ctx);
    UnaryOperator<Flow> change =
        current -> {
          Flow changed = current;
          if (name != null) {
            changed = changed.withName(name);
          }
          if (body.has("description")) {
            changed = changed.withDescription(description);
          }
          try {
            FlowDocuments.checkLimits(changed);
          } catch (FlowDocumentException e) {
            throw new ApiError(422, e.getMessage());
          }
          return changed;
        };
    // Without If-Match the change applies to the newest revision, whoever saved in between.
    StoredFlow saved =
        expected == null
            ? flows.store().update(id, change, Who.of(ctx))
            : flows
                .store()
                .save(id, change.apply(flows.store().get(id).flow()), expected, Who.of(ctx));
    if (runs != null) {
      runs.planAfterSave(saved); // a new name is a new job name, so a new plan
    }
    withEtag(ctx, saved);
    ctx.json(flowJson(saved, flows));
  }

  /** The flow's revision as its ETag, without the document; 404 when there is no such flow. */
  private void head(Context ctx) {
    withEtag(ctx, flows.store().get(ctx.pathParam("id")));
    ctx.status(200);
  }

  private void delete(Context ctx) {
    String id = ctx.pathParam("id");
    ctx.attribute(AuditTrail.TARGET, AuditTrail.flow(flows.store().get(id)));
    if (runs != null) {
      runs.forget(id);
    }
    flows.store().delete(id);
    ctx.status(204);
  }

  private void duplicate(Context ctx) {
    StoredFlow source = flows.store().get(ctx.pathParam("id"));
    String name = source.name() + " (copy)";
    if (name.length() > MAX_NAME_LENGTH) {
      name = name.substring(0, MAX_NAME_LENGTH);
    }
    StoredFlow copy = flows.store().create(source.flow().withName(name), Who.of(ctx));
    withEtag(ctx, copy);
    ctx.status(201).json(flowJson(copy, flows));
  }

  private void validation(Context ctx) {
    StoredFlow stored = flows.store().get(ctx.pathParam("id"));
    FlowReport report = flows.report(stored);
    withEtag(ctx, stored);
    ctx.json(report);
  }
}
