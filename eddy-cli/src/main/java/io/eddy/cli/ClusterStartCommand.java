package io.eddy.cli;

import io.eddy.deploy.LocalFlinkCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eddy cluster start [--dir DIR] [--slots N] [--ha]}: prints the REST URL. On a cluster that
 * partly runs (a process died or was killed) it starts the missing processes.
 */
@Command(
    name = "start",
    description =
        "Starts a Flink session cluster on loopback and prints its REST URL (the processes keep"
            + " running; 'eddy cluster stop' ends them). When some of its processes still run,"
            + " only the missing ones are started; when all run, it refuses.")
public final class ClusterStartCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Its configuration, logs, pid files and savepoints (default ~/.eddy/cluster).")
  Path dir;

  @Option(
      names = "--slots",
      paramLabel = "N",
      defaultValue = "4",
      description = "Task slots of the TaskManager (default: ${DEFAULT-VALUE}).")
  int slots;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "How long to wait for the cluster (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--ha",
      description =
          "High availability: a restarted JobManager resumes the running jobs by itself"
              + " (ZooKeeper as a third process, job graphs and checkpoint pointers under DIR/ha).")
  boolean ha;

  @Override
  public Integer call() {
    if (slots < 1) {
      throw new ParameterException(spec.commandLine(), "--slots must be at least 1.");
    }
    Path home = dir != null ? dir : LocalFlinkCluster.defaultDir();
    spec.commandLine()
        .getErr()
        .printf("Starting a Flink session cluster in %s ...%n", home.toAbsolutePath());
    spec.commandLine().getErr().flush();
    LocalFlinkCluster.Options defaults = LocalFlinkCluster.Options.defaults();
    LocalFlinkCluster cluster =
        LocalFlinkCluster.start(
            home,
            new LocalFlinkCluster.Options(
                slots,
                defaults.jobManagerMemory(),
                defaults.taskManagerMemory(),
                Duration.ofSeconds(timeoutSeconds),
                ha));
    if (cluster.started().size() < (cluster.highAvailability() ? 3 : 2)) {
      spec.commandLine()
          .getErr()
          .printf(
              "The cluster was partly running: started its %s again.%n",
              String.join(" and ", cluster.started()));
    }
    spec.commandLine().getOut().println(cluster.restUrl());
    return EddyCli.OK;
  }
}
