package io.eddy.server.api;

import io.eddy.core.compile.CompileOptions;
import io.eddy.core.compile.CompiledFlow;
import io.eddy.core.compile.ExportRulesException;
import io.eddy.core.document.Credentials;
import io.eddy.core.document.FlowDocumentException;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.document.FlowLimits;
import io.eddy.core.model.Flow;
import io.eddy.server.FlowService;
import io.eddy.server.runs.RunManager;
import io.eddy.server.store.StoredFlow;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Export as JSON or SQL (attachments) and import of JSON flow documents (SPEC §4). */
public final class ImportExportController {
  /** The largest file accepted for import: the flow document limit. */
  public static final long MAX_IMPORT_BYTES = FlowLimits.MAX_DOCUMENT_BYTES;

  public static final String DEFAULT_IMPORT_NAME = "Untitled flow";

  private final FlowService flows;
  private final RunManager runs;

  /**
   * @param runs the server's runs, or null without them (tests of the HTTP layer alone)
   */
  public ImportExportController(FlowService flows, RunManager runs) {
    this.flows = flows;
    this.runs = runs;
  }

  public void register(Javalin app) {
    app.get("/api/flows/{id}/export", this::export);
    app.post("/api/flows/import", this::importFlows);
  }

  // ---- export ----

  private void export(Context ctx) {
    StoredFlow stored = flows.store().get(ctx.pathParam("id"));
    String format = ctx.queryParam("format");
    format = format == null ? "json" : format.toLowerCase(Locale.ROOT);
    switch (format) {
      case "json" -> {
        String credentials = ctx.queryParam("credentials");
        boolean include = "include".equalsIgnoreCase(credentials);
        if (credentials != null && !include && !"exclude".equalsIgnoreCase(credentials)) {
          throw new ApiError(422, "credentials must be `include` or `exclude`.");
        }
        Flow flow = include ? stored.flow() : Credentials.redact(stored.flow());
        try {
          // What is exported can be imported again: the same limits as import (a flow saved
          // before a limit applied is refused here, with the limit named).
          FlowDocuments.checkLimits(flow);
        } catch (FlowDocumentException e) {
          throw new ApiError(
              422,
              "This flow cannot be exported as it is, because it could not be imported again: "
                  + e.getMessage());
        }
        ctx.header(
            "Content-Disposition",
            Downloads.attachment(Downloads.safeFileName(stored.name(), "json")));
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(FlowDocuments.write(flow));
      }
      case "sql" -> {
        CompiledFlow compiled;
        try {
          compiled =
              flows
                  .compiler()
                  .compile(stored.flow(), CompileOptions.export().withFlowId(stored.id()));
        } catch (ExportRulesException e) {
          throw new ApiError(
              422,
              "The flow cannot be exported as SQL: " + String.join(" ", e.problems()),
              e.problems(),
              e.details());
        }
        ctx.header(
            "Content-Disposition",
            Downloads.attachment(Downloads.safeFileName(stored.name(), "sql")));
        ctx.contentType("application/sql; charset=utf-8");
        ctx.result(compiled.script());
      }
      default -> throw new ApiError(422, "format must be `json` or `sql`, not `" + format + "`.");
    }
  }

  // ---- import ----

  /** One file to import. */
  record Upload(String fileName, String contentType, long size, InputStream content) {}

  /** A file that cannot be imported, and why. */
  record Refusal(String file, String error, Integer line, Integer column, int status) {}

  private void importFlows(Context ctx) {
    String name = ctx.queryParam("name");
    name = name == null || name.isBlank() ? DEFAULT_IMPORT_NAME : FlowController.checkName(name);
    List<Upload> uploads = uploads(ctx);
    if (uploads.isEmpty()) {
      throw new ApiError(422, "Choose at least one JSON file to import.");
    }
    List<Flow> accepted = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>();
    for (Upload upload : uploads) {
      try {
        Flow flow = read(upload).withName(name);
        String foreign = flows.foreignSealProblem(flow);
        if (foreign != null) {
          // several files: say which one
          String file =
              uploads.size() == 1 || upload.fileName() == null
                  ? ""
                  : "`" + upload.fileName() + "`: ";
          throw new Refused(new Refusal(upload.fileName(), file + foreign, null, null, 422));
        }
        accepted.add(flow);
      } catch (Refused r) {
        refused.add(r.refusal);
      }
    }
    if (!refused.isEmpty()) {
      int status = refused.stream().allMatch(r -> r.status() == 415) ? 415 : 422;
      String message =
          refused.size() == 1 && uploads.size() == 1
              ? refused.get(0).error()
              : refused.size()
                  + " of "
                  + uploads.size()
                  + " files cannot be imported, so nothing was imported: "
                  + String.join(" ", refused.stream().map(Refusal::error).toList());
      List<Map<String, Object>> problems = new ArrayList<>();
      for (Refusal r : refused) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("file", r.file());
        p.put("error", r.error());
        if (r.line() != null) {
          p.put("line", r.line());
          p.put("column", r.column());
        }
        problems.add(p);
      }
      throw new ApiError(status, message, problems);
    }
    List<StoredFlow> created = flows.store().createAll(accepted, Who.of(ctx));
    if (runs != null && created.size() == 1) {
      // one flow imported, likely to be run next (a batch of flows is not planned: minutes of CPU)
      runs.planAfterSave(created.get(0));
    }
    ctx.status(201).json(created.stream().map(f -> FlowController.flowJson(f, flows)).toList());
  }

  private List<Upload> uploads(Context ctx) {
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("multipart/form-data")) {
      List<Upload> out = new ArrayList<>();
      List<UploadedFile> files;
      try {
        files = ctx.uploadedFiles();
      } catch (Exception e) { // Jetty's IOException arrives unchecked through Kotlin
        throw new ApiError(
            422, "The upload is not valid multipart/form-data, so no file could be read from it.");
      }
      for (UploadedFile f : files) {
        out.add(new Upload(f.filename(), f.contentType(), f.size(), f.content()));
      }
      return out;
    }
    if (type.startsWith("application/json") || type.endsWith("+json")) {
      byte[] body = ctx.bodyAsBytes();
      return List.of(
          new Upload(
              "The request body", type, body.length, new java.io.ByteArrayInputStream(body)));
    }
    if (type.contains("sql")) {
      throw new ApiError(415, sqlMessage("The request body"));
    }
    throw new ApiError(
        415,
        "Send a flow document as application/json, or JSON files as multipart/form-data"
            + (type.isEmpty() ? "." : ", not " + type + "."));
  }

  private static String sqlMessage(String file) {
    return file
        + " is an SQL file: SQL exports cannot be imported. Import the flow's JSON export instead"
        + " (Export → JSON).";
  }

  private static final class Refused extends Exception {
    final Refusal refusal;

    Refused(Refusal refusal) {
      super(refusal.error(), null, false, false);
      this.refusal = refusal;
    }
  }

  private static Flow read(Upload upload) throws Refused {
    String file =
        upload.fileName() == null || upload.fileName().isBlank()
            ? "The file"
            : "`" + upload.fileName().replaceAll("[\\p{Cntrl}`]", "_") + "`";
    String lower = upload.fileName() == null ? "" : upload.fileName().toLowerCase(Locale.ROOT);
    String type = upload.contentType() == null ? "" : upload.contentType().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".sql") || type.contains("sql")) {
      throw new Refused(new Refusal(upload.fileName(), sqlMessage(file), null, null, 415));
    }
    if (upload.size() > MAX_IMPORT_BYTES) {
      throw new Refused(
          new Refusal(
              upload.fileName(),
              file
                  + " is "
                  + FlowLimits.count(upload.size())
                  + " bytes, over the limit of "
                  + FlowLimits.bytes(MAX_IMPORT_BYTES)
                  + " for a flow document.",
              null,
              null,
              422));
    }
    byte[] bytes;
    try (InputStream in = upload.content()) {
      bytes = in.readNBytes((int) MAX_IMPORT_BYTES + 1);
    } catch (IOException e) {
      throw new Refused(
          new Refusal(upload.fileName(), file + " could not be read.", null, null, 422));
    }
    if (bytes.length > MAX_IMPORT_BYTES) {
      throw new Refused(
          new Refusal(
              upload.fileName(),
              file
                  + " is over the limit of "
                  + FlowLimits.bytes(MAX_IMPORT_BYTES)
                  + " for a flow document.",
              null,
              null,
              422));
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new Refused(
          new Refusal(
              upload.fileName(),
              file + " is not UTF-8 text, so it cannot be a flow document.",
              null,
              null,
              422));
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      throw new Refused(new Refusal(upload.fileName(), file + " is empty.", null, null, 422));
    }
    try {
      return FlowDocuments.read(text);
    } catch (FlowDocumentException e) {
      if (e.line() != null && looksLikeSql(text)) {
        throw new Refused(new Refusal(upload.fileName(), sqlMessage(file), null, null, 415));
      }
      throw new Refused(
          new Refusal(upload.fileName(), file + ": " + e.getMessage(), e.line(), e.column(), 422));
    }
  }

  private static boolean looksLikeSql(String text) {
    String start = text.stripLeading().toUpperCase(Locale.ROOT);
    return start.startsWith("--")
        || start.startsWith("/*")
        || start.startsWith("SET ")
        || start.startsWith("CREATE ")
        || start.startsWith("INSERT ");
  }
}
