package io.eddy.deploy;

/** The cluster knows no job with this id, or Eddy has no record of it. */
public class UnknownJobException extends DeployException {
  public UnknownJobException(String message) {
    super(message);
  }
}
