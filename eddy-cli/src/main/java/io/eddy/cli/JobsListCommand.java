package io.eddy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.eddy.deploy.ClusterJobs;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eddy jobs list [--flink URL] [--json]}. */
@Command(
    name = "list",
    description =
        "Lists the cluster's jobs with their status, newest first, and the jobs Eddy deployed that"
            + " the cluster no longer runs (LOST, with the checkpoint 'eddy jobs resume' restores).")
public final class JobsListCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Option(names = "--json", description = "Print the jobs as a JSON array.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    List<ClusterJobs.JobInfo> jobs = cluster.client().jobs().list();
    var out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ArrayNode array = mapper.createArrayNode();
      for (ClusterJobs.JobInfo j : jobs) {
        var o = array.addObject();
        o.put("jobId", j.jobId()).put("name", j.name()).put("state", j.state());
        o.put("startTime", j.startTime().toString());
        o.put("durationMs", j.duration().toMillis());
        o.put("flow", j.flowName());
        o.put("savepoint", j.savepointPath());
        o.put("checkpoint", j.checkpointPath());
      }
      out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array));
      return EddyCli.OK;
    }
    if (jobs.isEmpty()) {
      out.println("The cluster has no jobs.");
      return EddyCli.OK;
    }
    out.printf("%-32s  %-12s  %-19s  %s%n", "JOB ID", "STATUS", "STARTED (UTC)", "NAME");
    for (ClusterJobs.JobInfo j : jobs) {
      out.printf(
          "%-32s  %-12s  %-19s  %s%s%n",
          j.jobId(),
          j.state(),
          TIME.format(j.startTime()),
          j.name(),
          j.savepointPath() != null
              ? "  (savepoint " + j.savepointPath() + ")"
              : j.checkpointPath() != null ? "  (checkpoint " + j.checkpointPath() + ")" : "");
    }
    return EddyCli.OK;
  }
}
