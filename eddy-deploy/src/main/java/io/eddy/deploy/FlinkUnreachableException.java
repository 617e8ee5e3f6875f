package io.eddy.deploy;

/**
 * The Flink cluster did not answer (connection refused, timeout, I/O failure): a problem of the
 * cluster or the network, not of the flow or the job — callers such as the server answer it
 * differently (502).
 */
public class FlinkUnreachableException extends DeployException {
  public FlinkUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
