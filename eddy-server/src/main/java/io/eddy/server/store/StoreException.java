package io.eddy.server.store;

/** The store cannot do what was asked: the database failed or refused. The message is readable. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
