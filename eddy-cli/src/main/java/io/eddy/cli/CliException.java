package io.eddy.cli;

/** A failure the user can fix (a wrong file, a wrong flow): printed as one sentence, exit 1. */
public class CliException extends RuntimeException {
  public CliException(String message) {
    super(message);
  }
}
