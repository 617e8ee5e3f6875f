package io.eddy.cli;

import io.eddy.deploy.FlinkClusterClient;
import io.eddy.deploy.Secrets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eddy deploy FLOW.json --flink URL [--name NAME] [--parallelism N]}. */
@Command(
    name = "deploy",
    description = {
      "Deploys a flow to a Flink session cluster as one job: its SQL export, with $${...} secret"
          + " references resolved from the environment or --secrets FILE.",
      "Eddy remembers the job's flow, SQL and savepoint (in DATA_DIR/jobs.json) for 'eddy jobs'."
    })
public final class DeployCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Mixin DeliveryOptions delivery;

  @Parameters(paramLabel = "FLOW.json", description = "The flow document (or an SQL export, .sql).")
  Path file;

  @Option(names = "--name", paramLabel = "NAME", description = "Job name (default: the flow's).")
  String name;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description = "Default parallelism of the job (default: the cluster's).")
  Integer parallelism;

  @Option(
      names = "--secrets",
      paramLabel = "FILE",
      description = "NAME=value lines for $${NAME} references (else the environment).")
  Path secrets;

  @Option(
      names = "--jar",
      paramLabel = "JAR",
      description = "A connector jar the cluster lacks, shipped with the job (repeatable).")
  List<String> jars;

  @Option(
      names = "--kafka",
      paramLabel = "BOOTSTRAP",
      description = "Connect every source and destination to this Kafka cluster instead.")
  String kafka;

  @Option(
      names = "--from",
      paramLabel = "PATH",
      description =
          "Start from this savepoint or retained checkpoint (e.g. file:/.../chk-12) instead of"
              + " without state.")
  String from;

  @Option(
      names = "--wait",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "How long to wait for the job to run (default: ${DEFAULT-VALUE}).")
  int waitSeconds;

  @Override
  public Integer call() {
    if (parallelism != null && parallelism < 1) {
      throw new ParameterException(spec.commandLine(), "--parallelism must be at least 1.");
    }
    FlinkClusterClient client = cluster.client();
    FlinkClusterClient.DeployOptions options =
        FlinkClusterClient.DeployOptions.defaults()
            .withName(name)
            .withParallelism(parallelism == null ? 0 : parallelism)
            .withJars(jars)
            .withKafkaOverride(kafka)
            .withDelivery(delivery.settings())
            .withRestoreFrom(from);
    FlinkClusterClient.Deployment d;
    if (file.toString().toLowerCase().endsWith(".sql")) {
      String script = FlowFiles.readText(file);
      String flowName = file.getFileName().toString().replaceAll("\\.sql$", "");
      if (kafka != null) {
        throw new ParameterException(
            spec.commandLine(), "--kafka applies to flows, not to SQL files.");
      }
      d = client.deploySql(script, flowName, options, Secrets.of(secrets));
    } else {
      d = client.deploy(FlowFiles.read(file), options, Secrets.of(secrets));
    }
    String state = DeployCommands.awaitStarted(client, d.jobId(), waitSeconds, Secrets.of(secrets));
    var out = spec.commandLine().getOut();
    if ("RUNNING".equals(state)) {
      out.printf(
          "Deployed job %s (%s) on %s%s: running (%s).%n",
          d.jobId(),
          d.jobName(),
          d.restUrl(),
          from == null ? "" : " from " + from,
          options.delivery().describe());
      return EddyCli.OK;
    }
    out.printf(
        "Deployed job %s (%s) on %s: %s, not yet running after %d s.%n",
        d.jobId(), d.jobName(), d.restUrl(), state.toLowerCase(), waitSeconds);
    return EddyCli.OK;
  }
}
