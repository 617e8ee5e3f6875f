package io.eddy.cli;

import io.eddy.deploy.DeliverySettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The delivery and checkpoint options of a deployment ({@code eddy deploy}). */
final class DeliveryOptions {
  /** The command this mixin is part of (usage mistakes are reported against it). */
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--delivery",
      paramLabel = "GUARANTEE",
      description =
          "exactly-once (default: Kafka output is committed at each checkpoint; read it with"
              + " isolation.level=read_committed) or at-least-once (output at once; after a"
              + " failure some events are written again).")
  String delivery;

  @Option(
      names = "--checkpoint-interval",
      paramLabel = "DURATION",
      description =
          "How often the job checkpoints, e.g. 10s or 1min (default 10s). With exactly-once,"
              + " output is committed this often.")
  String checkpointInterval;

  @Option(
      names = "--checkpoint-retention",
      paramLabel = "retain|delete",
      description =
          "Whether the latest checkpoint is kept when the job is cancelled (default retain; it is"
              + " always kept when the job fails or is lost).")
  String checkpointRetention;

  /** The settings given (null fields: the defaults or the script's own SETs). */
  DeliverySettings settings() {
    try {
      return DeliverySettings.parse(delivery, checkpointInterval, checkpointRetention);
    } catch (io.eddy.deploy.DeployException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
  }
}
