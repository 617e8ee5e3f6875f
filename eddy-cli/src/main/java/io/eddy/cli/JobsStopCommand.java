package io.eddy.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eddy jobs stop JOB_ID --savepoint [--savepoint-dir DIR]}. */
@Command(
    name = "stop",
    description =
        "Stops a job with a savepoint (its state is kept; 'eddy jobs resume' starts it again).")
public final class JobsStopCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Parameters(paramLabel = "JOB_ID", description = "The Flink job id.")
  String jobId;

  @Option(
      names = "--savepoint",
      required = true,
      description = "Take a savepoint while stopping (required; to drop the state use 'cancel').")
  boolean savepoint;

  @Option(
      names = "--savepoint-dir",
      paramLabel = "DIR",
      description = "Where to write it (default: the cluster's savepoint directory).")
  String savepointDir;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "How long to wait for the savepoint (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() {
    String path =
        cluster.client().stopWithSavepoint(jobId, savepointDir, Duration.ofSeconds(timeoutSeconds));
    spec.commandLine().getOut().printf("Stopped job %s with savepoint %s%n", jobId, path);
    return EddyCli.OK;
  }
}
