package io.eddy.server.api;

import io.javalin.Javalin;

/**
 * The Kafka cluster and the Flink cluster the server uses by default: where the editor's topic
 * lists come from, and where runs and deployments go.
 */
public final class EnvironmentController {
  /** The answer of {@code GET /api/environment}. */
  public record Environment(Kafka kafka, Flink flink) {
    /**
     * @param embedded whether the server started this broker itself
     */
    public record Kafka(String bootstrapServers, boolean embedded) {}

    /**
     * @param embedded whether it is the server's MiniCluster (false with {@code --flink URL})
     */
    public record Flink(String restUrl, boolean embedded) {}
  }

  private final Environment environment;

  public EnvironmentController(Environment environment) {
    this.environment = environment;
  }

  public void register(Javalin app) {
    app.get("/api/environment", ctx -> ctx.json(environment));
  }
}
