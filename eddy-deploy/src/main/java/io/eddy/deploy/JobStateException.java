package io.eddy.deploy;

/**
 * The action conflicts with the job's state or history: stopping a job that does not run,
 * cancelling one that has ended, resuming one without a savepoint or one already resumed, or a stop
 * with savepoint the cluster cannot write (no savepoint directory).
 */
public class JobStateException extends DeployException {
  public JobStateException(String message) {
    super(message);
  }
}
