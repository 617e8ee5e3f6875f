package io.eddy.deploy.runner;

import io.eddy.deploy.DeliverySettings;
import io.eddy.deploy.DeployException;
import io.eddy.deploy.KafkaSinkDelivery;
import io.eddy.deploy.SqlScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * The SQL runner of Eddy's Kubernetes deployments (the {@code FlinkDeployment}'s entry class, in
 * application mode): reads an SQL script (an Eddy export, mounted from a ConfigMap), replaces its
 * {@code ${NAME}} secret references with the environment variables of the same names (set from a
 * Kubernetes Secret), and executes its statements the way {@code sql-client.sh -f} does.
 *
 * <p>It needs nothing but Flink's table API and this module's {@link SqlScript}: the jar built with
 * the {@code sql-runner} classifier holds exactly that.
 */
public final class EddySqlRunner {
  private EddySqlRunner() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1 && args.length != 5) {
      System.err.println(
          "Usage: EddySqlRunner SCRIPT.sql [--delivery exactly-once|at-least-once"
              + " --transactional-id-prefix PREFIX]");
      System.exit(2);
    }
    try {
      if (args.length == 1) {
        run(Paths.get(args[0]), System.getenv(), new Configuration());
      } else {
        run(
            Paths.get(args[0]),
            System.getenv(),
            new Configuration(),
            new DeliverySettings(DeliverySettings.Guarantee.parse(args[2]), null, null),
            args[4]);
      }
    } catch (DeployException e) {
      // One sentence, never a secret: the script is printed nowhere.
      System.err.println("eddy-sql-runner: " + e.getMessage());
      throw e;
    }
  }

  /**
   * Runs the script.
   *
   * @param environment where secret references are looked up
   * @param configuration the table environment's configuration (empty in a Flink application)
   * @return the ids of the jobs the script started
   */
  public static List<String> run(
      Path script, Map<String, String> environment, Configuration configuration) {
    return run(script, environment, configuration, null, null);
  }

  /**
   * Runs the script, giving the Kafka tables its job writes to the delivery options of {@code
   * delivery} (when not null) with the transactional-id prefix {@code prefix}.
   */
  public static List<String> run(
      Path script,
      Map<String, String> environment,
      Configuration configuration,
      DeliverySettings delivery,
      String prefix) {
    String text;
    try {
      text = Files.readString(script, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DeployException("The SQL script " + script + " cannot be read: " + e.getMessage());
    }
    String resolved = SqlScript.resolve(text, name -> Optional.ofNullable(environment.get(name)));
    TableEnvironment env =
        TableEnvironment.create(
            EnvironmentSettings.newInstance()
                .inStreamingMode()
                .withConfiguration(configuration)
                .build());
    // Flink's message names the statement's problem; the statement itself may hold secrets.
    return SqlScript.execute(
        env,
        resolved,
        Set.of(),
        (index, statement, e) ->
            new DeployException(
                "Statement " + index + " of " + script + " failed: " + firstLine(e), e),
        delivery == null
            ? (e, statement) -> List.of()
            : (e, statement) ->
                KafkaSinkDelivery.alterStatements(
                    e, statement, delivery.sinkOptions(prefix), false));
  }

  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = String.valueOf(root.getMessage()).strip();
    int nl = m.indexOf('\n');
    return nl > 0 ? m.substring(0, nl) : m;
  }
}
