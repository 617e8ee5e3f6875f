package io.eddy.cli;

import io.eddy.deploy.DeployException;
import io.eddy.engine.Errors;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code eddy} command: exit 0 on success, 1 when the flow or input is wrong, 2 for usage. */
@Command(
    name = "eddy",
    // Every subcommand inherits --help and --version.
    scope = CommandLine.ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    version = "Eddy 0.1.0",
    description = "Low-code event stream processing on Apache Flink.",
    subcommands = {
      ServeCommand.class,
      ValidateCommand.class,
      SqlCommand.class,
      DiffCommand.class,
      TestCommand.class,
      ImportCommand.class,
      ExportCommand.class,
      DeployCommand.class,
      JobsCommand.class,
      ClusterCommand.class,
      K8sCommand.class,
      UsersCommand.class
    })
public final class EddyCli implements Runnable {
  public static final int OK = 0;
  public static final int WRONG_INPUT = 1;
  public static final int USAGE = 2;

  /** {@code eddy} alone starts the server with its embedded defaults, like {@code eddy serve}. */
  @Override
  public void run() {
    int exit = new CommandLine(new ServeCommand()).execute();
    if (exit != OK) {
      throw new CliException("Eddy stopped with an error.");
    }
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
              "Run '"
                  + e.getCommandLine().getCommandSpec().qualifiedName(" ")
                  + " --help' for usage.");
          return USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof CliException || e instanceof DeployException) {
            err.println("eddy: " + e.getMessage());
            return WRONG_INPUT;
          }
          err.println("eddy: unexpected failure: " + Errors.sentence(e));
          return WRONG_INPUT;
        });
    return cli.execute(args);
  }
}
