package io.eddy.server;

import io.eddy.core.document.FlowLimits;
import io.eddy.deploy.DeployException;
import io.eddy.server.api.ApiError;
import io.eddy.server.api.AuditController;
import io.eddy.server.api.AuditTrail;
import io.eddy.server.api.CatalogueController;
import io.eddy.server.api.EnvironmentController;
import io.eddy.server.api.ErrorAnswers;
import io.eddy.server.api.FlowController;
import io.eddy.server.api.HealthController;
import io.eddy.server.api.HelperController;
import io.eddy.server.api.HistoryController;
import io.eddy.server.api.ImportExportController;
import io.eddy.server.api.JobController;
import io.eddy.server.api.Json;
import io.eddy.server.api.NodeTypesController;
import io.eddy.server.api.OidcController;
import io.eddy.server.api.RunController;
import io.eddy.server.api.SessionController;
import io.eddy.server.api.TokenController;
import io.eddy.server.auth.AccessGuard;
import io.eddy.server.auth.RouteRules;
import io.eddy.server.deploy.Deployments;
import io.eddy.server.runs.RunManager;
import io.eddy.server.store.FlowListing;
import io.eddy.server.store.FlowNotFoundException;
import io.eddy.server.store.StaleRevisionException;
import io.eddy.server.store.StoreException;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP application: every controller is an instance created here from its dependencies, and
 * every error becomes {@code {"error": "...", "problems": [...]}} with a fitting status.
 */
public final class App {
  private static final Logger LOG = LoggerFactory.getLogger(App.class);
  private static final String ERROR_SET = "eddy.error";

  private App() {}

  /**
   * The dependencies of the HTTP layer.
   *
   * @param environment the Kafka and Flink clusters in use (null: no {@code /api/environment})
   * @param deployments deployment and jobs (null: no {@code /api/jobs})
   * @param access who may use the API (never null: there is no unguarded server)
   */
  public record Dependencies(
      FlowService flows,
      RunManager runs,
      HealthController.Checks health,
      String defaultKafka,
      EnvironmentController.Environment environment,
      Deployments deployments,
      AccessGuard access) {
    public Dependencies {
      java.util.Objects.requireNonNull(access, "access");
    }

    /** Without runs' environment and deployments (tests of the HTTP layer alone). */
    public Dependencies(
        FlowService flows,
        RunManager runs,
        HealthController.Checks health,
        String defaultKafka,
        AccessGuard access) {
      this(flows, runs, health, defaultKafka, null, null, access);
    }
  }

  public static Javalin create(Dependencies deps) {
    boolean ui = App.class.getResource("/public/index.html") != null;
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
              // One flow document plus an envelope (FlowLimits); bodies over it are refused with
              // the limit named, before they are read.
              config.http.maxRequestSize = FlowLimits.MAX_REQUEST_BYTES;
              config.jetty.multipartConfig.maxFileSize(64, SizeUnit.MB);
              config.jetty.multipartConfig.maxTotalRequestSize(64, SizeUnit.MB);
              config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
              config.router.ignoreTrailingSlashes = true;
              if (ui) {
                config.staticFiles.add(
                    files -> {
                      files.hostedPath = "/";
                      files.directory = "/public";
                      files.location = Location.CLASSPATH;
                    });
              }
            });

    app.before(deps.access()::handle);
    app.beforeMatched(deps.access()::authorize);
    new SessionController(deps.access()).register(app);
    new OidcController(deps.access()).register(app);
    new TokenController(deps.access().apiTokens()).register(app);
    new CatalogueController(deps.flows().store(), deps.runs()).register(app);
    new FlowController(deps.flows(), deps.runs()).register(app);
    new HistoryController(deps.flows(), deps.runs()).register(app);
    new ImportExportController(deps.flows(), deps.runs()).register(app);
    if (deps.runs() != null) {
      new RunController(deps.runs(), deps.flows().store()).register(app);
    }
    new HelperController(deps.flows(), deps.defaultKafka()).register(app);
    new NodeTypesController(deps.flows().analyzer().registry()).register(app);
    new HealthController(deps.health()).register(app);
    if (deps.environment() != null) {
      new EnvironmentController(deps.environment()).register(app);
    }
    if (deps.deployments() != null) {
      new JobController(deps.deployments()).register(app);
    }
    new AuditController(deps.flows().store()).register(app);
    app.after(new AuditTrail(deps.flows().store())::record);

    app.exception(ApiError.class, (e, ctx) -> error(ctx, e));
    app.exception(ServiceException.class, (e, ctx) -> error(ctx, ErrorAnswers.of(e)));
    app.exception(DeployException.class, (e, ctx) -> error(ctx, ErrorAnswers.of(e)));
    app.exception(
        FlowListing.InvalidCursorException.class,
        (e, ctx) -> error(ctx, 400, e.getMessage(), null));
    app.exception(FlowNotFoundException.class, (e, ctx) -> error(ctx, 404, e.getMessage(), null));
    app.exception(
        StaleRevisionException.class,
        (e, ctx) -> {
          ctx.header("ETag", "\"" + e.current() + "\"");
          error(ctx, 412, e.getMessage(), null);
        });
    app.exception(
        StoreException.class,
        (e, ctx) -> {
          LOG.warn("Store failure on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
          error(ctx, 503, e.getMessage(), null);
        });
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          if (e.getStatus() == 404 && !ctx.path().startsWith("/api")) {
            if (ui && "GET".equals(ctx.method().name())) {
              serveIndex(ctx);
            } else {
              error(ctx, 404, "Not found: " + ctx.path() + ".", null);
            }
          } else if (e.getStatus() == 404) {
            error(
                ctx,
                404,
                "There is no API endpoint " + ctx.method() + " " + ctx.path() + ".",
                null);
          } else {
            error(ctx, e.getStatus(), readable(e, ctx), null);
          }
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          String id = UUID.randomUUID().toString().substring(0, 8);
          LOG.error("Request {} {} failed (reference {})", ctx.method(), ctx.path(), id, e);
          error(
              ctx,
              500,
              "Something went wrong on the server (reference "
                  + id
                  + "); the server log has the details.",
              null);
        });
    app.error(
        404,
        ctx -> {
          if (ctx.attribute(ERROR_SET) != null) {
            return;
          }
          if (ctx.path().startsWith("/api")) {
            error(
                ctx,
                404,
                "There is no API endpoint " + ctx.method() + " " + ctx.path() + ".",
                null);
          } else if (ui && "GET".equals(ctx.method().name())) {
            serveIndex(ctx);
          }
        });
    app.error(
        405,
        ctx -> {
          if (ctx.attribute(ERROR_SET) == null) {
            error(ctx, 405, ctx.method() + " is not allowed on " + ctx.path() + ".", null);
          }
        });
    List<String> unruled = RouteRules.without(routes(app));
    if (!unruled.isEmpty()) {
      throw new IllegalStateException(
          "These routes have no rule in RouteRules (who may call them): " + unruled);
    }
    return app;
  }

  /**
   * Every HTTP route of {@code app}, as "METHOD /path/{param}" (before/after handlers left out).
   */
  public static List<String> routes(Javalin app) {
    return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
        .map(e -> e.getEndpoint())
        .filter(e -> e.getMethod().isHttpMethod())
        .map(e -> e.getMethod().name() + " " + e.getPath())
        .distinct()
        .sorted()
        .toList();
  }

  private static String readable(HttpResponseException e, Context ctx) {
    return switch (e.getStatus()) {
      case 413 ->
          "The request body is "
              + (ctx.req().getContentLengthLong() > 0
                  ? FlowLimits.count(ctx.req().getContentLengthLong()) + " bytes, "
                  : "")
              + "over the limit of "
              + FlowLimits.bytes(FlowLimits.MAX_REQUEST_BYTES)
              + " (a flow document can be at most "
              + FlowLimits.bytes(FlowLimits.MAX_DOCUMENT_BYTES)
              + ").";
      case 404 -> "Not found.";
      default -> {
        String m = e.getMessage();
        yield m == null || m.isBlank()
            ? "The request cannot be handled (" + e.getStatus() + ")."
            : m + (m.endsWith(".") ? "" : ".");
      }
    };
  }

  /** The single-page app: every non-API path that is no file gets index.html. */
  private static void serveIndex(Context ctx) {
    try (InputStream in = App.class.getResourceAsStream("/public/index.html")) {
      if (in == null) {
        return;
      }
      ctx.status(200).contentType("text/html; charset=utf-8").result(in.readAllBytes());
    } catch (IOException e) {
      LOG.warn("index.html could not be read: {}", e.toString());
    }
  }

  private static void error(Context ctx, ApiError e) {
    error(ctx, e.status(), e.getMessage(), e.problems(), e.details());
  }

  static void error(Context ctx, int status, String message, List<?> problems) {
    error(ctx, status, message, problems, null);
  }

  /** {@code details}: the problems as values (node, field, severity, code, message), if any. */
  static void error(Context ctx, int status, String message, List<?> problems, List<?> details) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    if (problems != null && !problems.isEmpty()) {
      body.put("problems", problems);
    }
    if (details != null && !details.isEmpty()) {
      body.put("details", details);
    }
    ctx.attribute(ERROR_SET, true);
    ctx.status(status).json(body);
  }
}
