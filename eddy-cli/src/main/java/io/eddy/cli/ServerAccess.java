package io.eddy.cli;

import io.eddy.server.auth.AccessToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The access token of the commands that talk to a running server (docs/security.md): {@code
 * --token-file FILE}, else the environment variable {@code EDDY_TOKEN}, else the {@code
 * access-token} of {@code ./eddy}'s default data directory ({@code .eddy}) when it exists.
 */
final class ServerAccess {
  static final String ENV = "EDDY_TOKEN";
  static final Path DEFAULT_FILE = Path.of(ServeCommand.DEFAULT_DATA_DIR, AccessToken.FILE);

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "File holding the server's access token (default: $EDDY_TOKEN, else .eddy/access-token).")
  Path tokenFile;

  /** The token to send, or null when none is configured. */
  String token(Map<String, String> env) {
    if (tokenFile != null) {
      return read(tokenFile);
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    return Files.isReadable(DEFAULT_FILE) ? read(DEFAULT_FILE) : null;
  }

  private static String read(Path file) {
    try {
      String value = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (value.isEmpty()) {
        throw new CliException(file + " is empty: it should hold the server's access token.");
      }
      return value;
    } catch (IOException e) {
      throw new CliException("the token file " + file + " cannot be read: " + e.getMessage());
    }
  }
}
