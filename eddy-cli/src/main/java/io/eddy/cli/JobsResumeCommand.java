package io.eddy.cli;

import io.eddy.deploy.FlinkClusterClient;
import io.eddy.deploy.Secrets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eddy jobs resume JOB_ID [--from PATH]}. */
@Command(
    name = "resume",
    description =
        "Starts a job that has ended or is lost again, as a new job, from the savepoint it was"
            + " stopped with, else from its latest retained checkpoint (or from --from PATH).")
public final class JobsResumeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Parameters(paramLabel = "JOB_ID", description = "The id of the job to resume.")
  String jobId;

  @Option(
      names = "--from",
      paramLabel = "PATH",
      description = "Restore this savepoint or checkpoint instead of the one Eddy finds.")
  String from;

  @Option(
      names = "--secrets",
      paramLabel = "FILE",
      description = "NAME=value lines for $${NAME} references (else the environment).")
  Path secrets;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description = "A new default parallelism (default: the stopped job's).")
  Integer parallelism;

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
    FlinkClusterClient.Deployment d =
        client.resume(
            jobId,
            FlinkClusterClient.DeployOptions.defaults()
                .withParallelism(parallelism == null ? 0 : parallelism),
            Secrets.of(secrets),
            from);
    String state = DeployCommands.awaitStarted(client, d.jobId(), waitSeconds, Secrets.of(secrets));
    String savepoint = client.registry().find(d.jobId()).orElseThrow().restoredFrom();
    spec.commandLine()
        .getOut()
        .printf(
            "Resumed job %s from %s as job %s (%s): %s.%n",
            jobId, savepoint, d.jobId(), d.jobName(), state.toLowerCase());
    return EddyCli.OK;
  }
}
