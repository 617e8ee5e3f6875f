package io.eddy.cli;

import io.eddy.deploy.LocalFlinkCluster;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eddy cluster stop [--dir DIR]}. */
@Command(name = "stop", description = "Stops the local Flink cluster started from DIR.")
public final class ClusterStopCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "The directory it was started with (default ~/.eddy/cluster).")
  Path dir;

  @Override
  public Integer call() {
    Path home = (dir != null ? dir : LocalFlinkCluster.defaultDir()).toAbsolutePath();
    LocalFlinkCluster.Stopped stopped = LocalFlinkCluster.stop(home);
    spec.commandLine()
        .getOut()
        .println(
            stopped.any()
                ? "Stopped the Flink cluster in " + home + " (" + stopped.processes() + ")."
                : "No Flink cluster is running from " + home + ".");
    return EddyCli.OK;
  }
}
