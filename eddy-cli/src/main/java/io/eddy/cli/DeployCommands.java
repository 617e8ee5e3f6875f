package io.eddy.cli;

import io.eddy.deploy.ClusterJobs;
import io.eddy.deploy.DeployException;
import io.eddy.deploy.FlinkClusterClient;
import io.eddy.deploy.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What the deployment commands share: writing manifests, awaiting a job. */
final class DeployCommands {
  private DeployCommands() {}

  static void writeText(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(file + ": cannot be written (" + e.getMessage() + ").");
    }
  }

  /**
   * Waits up to {@code waitSeconds} for a new job's tasks to run and answers its state.
   *
   * @throws DeployException with Flink's reason (secret values masked) when the job fails or
   *     restarts meanwhile
   */
  static String awaitStarted(
      FlinkClusterClient client, String jobId, int waitSeconds, Secrets secrets) {
    String state = client.jobs().awaitStarted(jobId, Duration.ofSeconds(waitSeconds));
    if (ClusterJobs.FAILING_STATES.contains(state)) {
      throw new DeployException(
          "Job " + jobId + " failed: " + client.jobs().failureReason(jobId, secrets));
    }
    return state;
  }
}
