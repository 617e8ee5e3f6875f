package io.eddy.deploy.cli;

import io.eddy.core.document.FlowDocumentException;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import io.eddy.deploy.ClusterJobs;
import io.eddy.deploy.DeployException;
import io.eddy.deploy.FlinkClusterClient;
import io.eddy.deploy.Secrets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** What the deployment commands share: exit codes, error printing, reading flows, the client. */
final class Commands {
  static final int OK = 0;
  static final int WRONG_INPUT = 1;
  static final int USAGE = 2;

  private Commands() {}

  /** A mistake in how the command was called (exit 2). */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  /**
   * Runs {@code body}; a {@link DeployException} becomes one line on stderr and exit 1, a {@link
   * UsageException} exit 2. Never a stack trace.
   */
  static int run(CommandSpec spec, Callable<Integer> body) {
    PrintWriter err = spec.commandLine().getErr();
    try {
      return body.call();
    } catch (UsageException e) {
      err.println("eddy: " + e.getMessage());
      err.println("Run 'eddy " + qualifiedName(spec) + " --help' for usage.");
      return USAGE;
    } catch (DeployException e) {
      err.println("eddy: " + e.getMessage());
      return WRONG_INPUT;
    } catch (Exception e) {
      err.println("eddy: unexpected failure: " + io.eddy.engine.Errors.sentence(e));
      return WRONG_INPUT;
    } finally {
      err.flush();
      spec.commandLine().getOut().flush();
    }
  }

  private static String qualifiedName(CommandSpec spec) {
    String name = spec.qualifiedName(" ");
    return name.startsWith("eddy ") ? name.substring(5) : name;
  }

  static Flow readFlow(Path file) {
    String text = readText(file);
    if (file.toString().toLowerCase().endsWith(".sql")) {
      throw new DeployException(
          file + ": SQL exports cannot be read as flows; use the flow's JSON export.");
    }
    try {
      return FlowDocuments.read(text);
    } catch (FlowDocumentException e) {
      throw new DeployException(file + ": " + e.getMessage());
    }
  }

  static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new DeployException(file + ": no such file.");
    } catch (IOException e) {
      throw new DeployException(file + ": cannot be read (" + e.getMessage() + ").");
    }
  }

  static void writeText(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DeployException(file + ": cannot be written (" + e.getMessage() + ").");
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

  static Secrets secrets(Path secretsFile) {
    return Secrets.of(secretsFile);
  }
}
