package io.eddy.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.eddy.deploy.DeliverySettings;
import io.eddy.deploy.DeployException;
import io.eddy.server.deploy.Deployments;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Deploying a stored flow to the server's Flink cluster, and that cluster's jobs. */
public final class JobController {
  private final Deployments deployments;

  public JobController(Deployments deployments) {
    this.deployments = deployments;
  }

  public void register(Javalin app) {
    app.post("/api/flows/{id}/deploy", this::deploy);
    app.get("/api/jobs", this::list);
    app.get("/api/jobs/{jobId}", ctx -> ctx.json(deployments.job(ctx.pathParam("jobId"))));
    app.post("/api/jobs/{jobId}/stop", ctx -> ctx.json(deployments.stop(ctx.pathParam("jobId"))));
    app.post(
        "/api/jobs/{jobId}/resume",
        ctx -> ctx.status(201).json(deployments.resume(ctx.pathParam("jobId"))));
    app.post(
        "/api/jobs/{jobId}/cancel", ctx -> ctx.json(deployments.cancel(ctx.pathParam("jobId"))));
  }

  /**
   * Optional body {@code {"name", "parallelism", "delivery", "checkpointInterval",
   * "checkpointRetention"}}; 201 with the started job.
   */
  private void deploy(Context ctx) {
    String name = null;
    int parallelism = 0;
    DeliverySettings delivery = DeliverySettings.defaults();
    if (!ctx.body().isBlank()) {
      JsonNode body = Json.body(ctx);
      if (!body.isObject()) {
        throw new ApiError(400, "The body must be a JSON object such as {\"parallelism\": 2}.");
      }
      name = name(body.get("name"));
      parallelism = parallelism(body.get("parallelism"));
      delivery = delivery(body);
    }
    ctx.status(201).json(deployments.deploy(ctx.pathParam("id"), name, parallelism, delivery));
  }

  /**
   * {@code "delivery": "exactly-once"|"at-least-once"}, {@code "checkpointInterval": "10s"}, {@code
   * "checkpointRetention": "retain"|"delete"}: each optional (absent or null: the default).
   */
  private static DeliverySettings delivery(JsonNode body) {
    try {
      return DeliverySettings.parse(
          text(body, "delivery"),
          text(body, "checkpointInterval"),
          text(body, "checkpointRetention"));
    } catch (DeployException e) {
      throw new ApiError(400, e.getMessage());
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new ApiError(400, "\"" + field + "\" must be a string.");
    }
    return value.textValue();
  }

  private static String name(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw new ApiError(400, "\"name\" must be a job name, not blank.");
    }
    String name = value.textValue().strip();
    if (name.length() > FlowController.MAX_NAME_LENGTH) {
      throw new ApiError(
          400, "\"name\" is longer than " + FlowController.MAX_NAME_LENGTH + " characters.");
    }
    return name;
  }

  /** 0 (the cluster's default) when absent. */
  private static int parallelism(JsonNode value) {
    if (value == null || value.isNull()) {
      return 0;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
      throw new ApiError(400, "\"parallelism\" must be a whole number of at least 1.");
    }
    return value.intValue();
  }

  private void list(Context ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("flinkUrl", deployments.flinkUrl());
    out.put("jobs", deployments.jobs());
    ctx.json(out);
  }
}
