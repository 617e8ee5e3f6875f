package io.eddy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eddy jobs cancel JOB_ID}. */
@Command(name = "cancel", description = "Cancels a job (no savepoint: its state is dropped).")
public final class JobsCancelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Parameters(paramLabel = "JOB_ID", description = "The Flink job id.")
  String jobId;

  @Override
  public Integer call() {
    if (cluster.client().cancel(jobId)) {
      spec.commandLine().getOut().printf("Cancelled job %s%n", jobId);
    } else {
      spec.commandLine()
          .getOut()
          .printf(
              "Job %s was lost; Eddy no longer lists it (its retained checkpoints are"
                  + " kept).%n",
              jobId);
    }
    return EddyCli.OK;
  }
}
