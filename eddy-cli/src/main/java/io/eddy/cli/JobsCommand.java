package io.eddy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code eddy jobs list|stop|resume|cancel}. */
@Command(
    name = "jobs",
    description = "Lists, stops (with a savepoint), resumes and cancels jobs on a Flink cluster.",
    subcommands = {
      JobsListCommand.class,
      JobsStopCommand.class,
      JobsResumeCommand.class,
      JobsCancelCommand.class
    })
public final class JobsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    // 'eddy jobs' alone is a usage mistake: show what it can do.
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: list, stop, resume or cancel.");
  }
}
