package io.eddy.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code eddy} command: exit 0 on success, 1 when the flow or input is wrong, 2 for usage. */
@Command(
    name = "eddy",
    mixinStandardHelpOptions = true,
    version = "Eddy 0.1.0",
    description = "Low-code event stream processing on Apache Flink.",
    subcommands = {
      ValidateCommand.class,
      SqlCommand.class,
      ImportCommand.class,
      ExportCommand.class
    })
public final class EddyCli implements Runnable {
  public static final int OK = 0;
  public static final int WRONG_INPUT = 1;
  public static final int USAGE = 2;

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(
        execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams (tests call this in-process). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new EddyCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(e -> USAGE);
    cli.setParameterExceptionHandler(
        (e, a) -> {
          err.println("eddy: " + e.getMessage());
          err.println(
              "Run 'eddy "
                  + String.join(" ", e.getCommandLine().getCommandName())
                  + " --help' for usage.");
          return USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof CliException) {
            err.println("eddy: " + e.getMessage());
            return WRONG_INPUT;
          }
          err.println("eddy: unexpected failure: " + e);
          return WRONG_INPUT;
        });
    return cli.execute(args);
  }
}
