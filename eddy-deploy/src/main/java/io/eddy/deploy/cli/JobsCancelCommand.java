package io.eddy.deploy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eddy jobs cancel JOB_ID}. */
@Command(name = "cancel", description = "Cancels a job (no savepoint: its state is dropped).")
public final class JobsCancelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "JOB_ID", description = "The Flink job id.")
  String jobId;

  @Option(names = "--flink", paramLabel = "URL", description = "REST address of the cluster.")
  String flink;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Eddy's data (default ~/.eddy).")
  Path dataDir;

  @Override
  public Integer call() {
    return Commands.run(
        spec,
        () -> {
          Commands.client(flink, dataDir).cancel(jobId);
          spec.commandLine().getOut().printf("Cancelled job %s%n", jobId);
          return Commands.OK;
        });
  }
}
