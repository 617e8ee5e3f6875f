package io.eddy.deploy;

/** A deployment failure explained in one sentence a person understands (no stack trace). */
public class DeployException extends RuntimeException {
  public DeployException(String message) {
    super(message);
  }

  public DeployException(String message, Throwable cause) {
    super(message, cause);
  }
}
