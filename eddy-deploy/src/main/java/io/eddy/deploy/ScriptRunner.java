package io.eddy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.eddy.deploy.FlinkClusterClient.DeployOptions;
import io.eddy.engine.Errors;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * Runs SQL scripts on a Flink session cluster the way Flink's SQL client runs a file: secret
 * references resolved, {@code SET}s applied to the statements after them, the deployment's restart
 * and delivery settings as defaults, jobs submitted through the cluster's REST address.
 */
public final class ScriptRunner {
  private final FlinkRest rest;
  private final String restUrl;

  public ScriptRunner(String restUrl) {
    this(new FlinkRest(restUrl));
  }

  ScriptRunner(FlinkRest rest) {
    this.rest = rest;
    this.restUrl = rest.baseUrl();
  }

  /**
   * Runs an SQL script on the cluster the way {@code sql-client.sh -f} does: {@code SET}s change
   * the settings of the statements after them, every other statement is executed; statements that
   * start jobs submit them without waiting.
   *
   * @param savepoint the savepoint to start from (execution.state-recovery.path), or null
   * @return the ids of the jobs started, in order
   */
  public List<String> runScript(
      String script,
      DeployOptions options,
      Function<String, Optional<String>> secrets,
      String savepoint) {
    return runScript(script, options, secrets, savepoint, Map.of(), null, clusterConfiguration());
  }

  /**
   * Restart settings of a deployed job unless its SQL sets them: after a failure it restarts from
   * its latest checkpoint, 1 s later at first, the delay doubling up to 1 min while failures go on
   * (and back to 1 s after an hour without one). That outlasts a TaskManager being replaced or a
   * broker down for minutes; after 10 attempts in a row (about 5 minutes) the job fails, so that a
   * job that cannot work shows as FAILED instead of restarting for ever, and {@code eddy jobs
   * resume} restarts it from its latest checkpoint once the cause is fixed.
   */
  public static final Map<String, String> RESTART_DEFAULTS =
      Map.of(
          "restart-strategy.type", "exponential-delay",
          "restart-strategy.exponential-delay.initial-backoff", "1 s",
          "restart-strategy.exponential-delay.max-backoff", "1 min",
          "restart-strategy.exponential-delay.attempts-before-reset-backoff", "10");

  /** What a deployment sets unless its SQL does: restarts and the delivery settings. */
  static Map<String, String> deploymentDefaults(DeployOptions options) {
    Map<String, String> defaults = new LinkedHashMap<>(RESTART_DEFAULTS);
    defaults.putAll(options.delivery().jobConfiguration());
    return defaults;
  }

  /**
   * @param transactionalIdPrefix when not null, the Kafka tables the job writes to get the
   *     deployment's delivery options ({@link KafkaSinkDelivery}) with this prefix
   * @param clusterConfig the cluster's configuration ({@link #clusterConfiguration()}), read once
   *     by the caller
   */
  List<String> runScript(
      String script,
      DeployOptions options,
      Function<String, Optional<String>> secrets,
      String savepoint,
      Map<String, String> defaults,
      String transactionalIdPrefix,
      Map<String, String> clusterConfig) {
    Set<String> references = SqlScript.references(script);
    String resolved = SqlScript.resolve(script, secrets);
    Function<String, String> mask = text -> Secrets.mask(text, references, secrets);
    Map<String, String> overrides = new LinkedHashMap<>();
    if (options.name() != null) {
      overrides.put("pipeline.name", options.name());
    }
    if (options.parallelism() > 0) {
      overrides.put("parallelism.default", String.valueOf(options.parallelism()));
    }
    if (savepoint != null) {
      overrides.put("execution.state-recovery.path", savepoint);
    }
    overrides.putAll(options.delivery().givenJobConfiguration());
    Configuration conf = clientConfiguration(options.jars());
    defaults.forEach(conf::setString);
    // Like Flink's SQL client, which reads the cluster's configuration: the job's parallelism is
    // the cluster's default unless the script or the command line sets one. (A client left to
    // itself would use the parallelism of the machine it runs on.)
    conf.setString("parallelism.default", defaultParallelism(clusterConfig));
    overrides.forEach(conf::setString);
    TableEnvironment env =
        TableEnvironment.create(
            EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
    SqlScript.BeforeJob sinks =
        transactionalIdPrefix == null
            ? (e, statement) -> List.of()
            : (e, statement) ->
                KafkaSinkDelivery.alterStatements(
                    e,
                    statement,
                    options.delivery().sinkOptions(transactionalIdPrefix),
                    options.delivery().guarantee() != null);
    List<String> jobs =
        SqlScript.execute(
            env,
            resolved,
            overrides.keySet(),
            (index, statement, e) ->
                new DeployException(
                    mask.apply(
                        "Flink refused statement "
                            + index
                            + " ("
                            + summary(statement)
                            + "): "
                            + Errors.sentence(e)),
                    null),
            sinks);
    if (jobs.isEmpty()) {
      throw new DeployException("None of the SQL statements starts a job.");
    }
    return jobs;
  }

  /** The cluster's parallelism.default (1 when it sets none). */
  private static String defaultParallelism(Map<String, String> clusterConfig) {
    String value = clusterConfig.getOrDefault("parallelism.default", "1").strip();
    return value.matches("\\d+") ? value : "1";
  }

  /** The cluster's configuration, as its REST API shows it. */
  Map<String, String> clusterConfiguration() {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode entry : rest.get("/jobmanager/config")) {
      out.put(entry.path("key").asText(), entry.path("value").asText());
    }
    return out;
  }

  private Configuration clientConfiguration(List<String> jars) {
    URI uri = URI.create(restUrl);
    int port = uri.getPort() > 0 ? uri.getPort() : 8081;
    Configuration conf = new Configuration();
    conf.setString("execution.target", "remote");
    conf.setString("rest.address", uri.getHost());
    conf.setString("rest.port", String.valueOf(port));
    conf.setString("rest.retry.max-attempts", "2");
    conf.setString("rest.connection-timeout", "10 s");
    if (!jars.isEmpty()) {
      conf.setString("pipeline.jars", String.join(";", jars));
    }
    return conf;
  }

  static String summary(String statement) {
    String s = statement.strip().replaceAll("\\s+", " ");
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
