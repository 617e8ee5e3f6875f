package io.eddy.cli;

import io.eddy.server.auth.LocalUsers;
import io.eddy.server.auth.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eddy users add|remove|list}: the local users of a server's data directory
 * (docs/security.md). Works while the server runs: it reads the users file again when it changes.
 */
@Command(
    name = "users",
    description = "Adds, removes and lists the users who sign in to an Eddy server.",
    subcommands = {UsersCommand.Add.class, UsersCommand.Remove.class, UsersCommand.ListUsers.class})
final class UsersCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "Say what to do: eddy users add, remove or list.");
  }

  /** The environment variable a script puts the new user's password in. */
  static final String PASSWORD_ENV = "EDDY_PASSWORD";

  /** Where the password comes from (tests replace it). */
  static java.util.function.Supplier<String> passwordSource = UsersCommand::readPassword;

  abstract static class DataDir {
    @Option(
        names = "--data-dir",
        defaultValue = ServeCommand.DEFAULT_DATA_DIR,
        description = "The server's data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Spec CommandSpec spec;

    LocalUsers users() {
      try {
        return LocalUsers.forDataDir(dataDir);
      } catch (IllegalStateException e) {
        throw new CliException(e.getMessage());
      }
    }
  }

  @Command(
      name = "add",
      description =
          "Adds a user (or sets an existing user's password and role). The password is read from"
              + " the environment variable "
              + PASSWORD_ENV
              + ", else typed at the terminal (not shown), else from the first line of standard"
              + " input.")
  static final class Add extends DataDir implements Runnable {
    @Parameters(paramLabel = "NAME", description = "The user name.")
    String name;

    @Option(
        names = "--role",
        required = true,
        description = "viewer (sees), editor (changes and runs) or admin (deploys, manages).")
    String role;

    @Override
    public void run() {
      Role parsed;
      try {
        parsed = Role.parse(role);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
      String password = passwordSource.get();
      try {
        LocalUsers.User user = users().put(name, parsed, password);
        spec.commandLine()
            .getOut()
            .println(
                "User "
                    + user.name()
                    + " ("
                    + user.role().id()
                    + ") is saved in "
                    + dataDir.resolve(LocalUsers.FILE)
                    + "; the server signs users in from now on.");
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
    }
  }

  @Command(name = "remove", description = "Removes a user; their sessions end at once.")
  static final class Remove extends DataDir implements Runnable {
    @Parameters(paramLabel = "NAME", description = "The user name.")
    String name;

    @Override
    public void run() {
      if (!users().remove(name)) {
        throw new CliException("There is no user " + name + " in " + dataDir + ".");
      }
      spec.commandLine().getOut().println("User " + name + " is removed.");
    }
  }

  @Command(name = "list", description = "Lists the users and their roles.")
  static final class ListUsers extends DataDir implements Runnable {
    @Override
    public void run() {
      var out = spec.commandLine().getOut();
      var all = users().list();
      if (all.isEmpty()) {
        out.println("No users: the browser signs in with the access token (docs/security.md).");
      }
      for (LocalUsers.User user : all) {
        out.println(user.name() + "\t" + user.role().id());
      }
    }
  }

  private static String readPassword() {
    String fromEnv = System.getenv(PASSWORD_ENV);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv;
    }
    if (System.console() != null) {
      char[] typed = System.console().readPassword("Password: ");
      return typed == null ? null : new String(typed);
    }
    try {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
          .readLine();
    } catch (IOException e) {
      throw new CliException("The password cannot be read from standard input: " + e.getMessage());
    }
  }
}
