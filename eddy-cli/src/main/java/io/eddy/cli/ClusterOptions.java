package io.eddy.cli;

import io.eddy.deploy.FlinkClusterClient;
import io.eddy.deploy.JobRegistry;
import io.eddy.deploy.LocalFlinkCluster;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options naming the Flink cluster and Eddy's data, shared by deploy and the jobs commands. */
final class ClusterOptions {
  /** The command this mixin is part of (usage mistakes are reported against it). */
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--flink",
      paramLabel = "URL",
      description = "REST address of the Flink cluster (default: the local 'eddy cluster').")
  String flink;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Eddy's data (default ~/.eddy).")
  Path dataDir;

  /**
   * The client of the cluster: {@code --flink URL}, else the local development cluster ({@code eddy
   * cluster start}) when one is running; it remembers jobs under the data directory.
   */
  FlinkClusterClient client() {
    String url =
        flink != null
            ? flink
            : LocalFlinkCluster.running(LocalFlinkCluster.defaultDir())
                .filter(u -> u.startsWith("http"))
                .orElseThrow(
                    () ->
                        new ParameterException(
                            command.commandLine(),
                            "Name the Flink cluster with --flink URL (no local cluster from"
                                + " 'eddy cluster start' is running)."));
    return new FlinkClusterClient(
        url, JobRegistry.in(dataDir != null ? dataDir : JobRegistry.defaultDataDir()));
  }
}
