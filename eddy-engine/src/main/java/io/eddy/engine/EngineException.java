package io.eddy.engine;

/** A run that cannot start or a cluster that cannot be reached; the message is one sentence. */
public class EngineException extends RuntimeException {
  public EngineException(String message) {
    super(message);
  }

  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
