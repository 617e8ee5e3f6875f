package io.eddy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code eddy cluster start|stop [--dir DIR]}. */
@Command(
    name = "cluster",
    description =
        "A real local Flink session cluster (a JobManager and a TaskManager process) for"
            + " development.",
    subcommands = {ClusterStartCommand.class, ClusterStopCommand.class})
public final class ClusterCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: start or stop.");
  }
}
