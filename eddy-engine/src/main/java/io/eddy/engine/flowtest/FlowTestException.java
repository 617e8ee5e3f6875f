package io.eddy.engine.flowtest;

/**
 * A flow test that cannot run or whose flow failed: wrong fixtures, an invalid flow, a run that
 * failed. The message is one sentence for the user ({@code eddy test} exits 1 with it).
 */
public class FlowTestException extends Exception {
  public FlowTestException(String message) {
    super(message);
  }

  public FlowTestException(String message, Throwable cause) {
    super(message, cause);
  }
}
