package io.eddy.deploy;

/**
 * A job Eddy deployed that its cluster no longer knows (lost with a JobManager that restarted
 * without high availability, or forgotten after it ended).
 */
public final class LostJobException extends JobStateException {
  public LostJobException(String message) {
    super(message);
  }
}
