package io.eddy.server.store;

/** Someone saved the flow after the revision the caller based its change on. */
public class StaleRevisionException extends StoreException {
  private final long current;

  public StaleRevisionException(String id, long expected, long current) {
    super(
        "The flow was changed by someone else (revision "
            + current
            + ", you edited revision "
            + expected
            + "): reload it and apply your change again.");
    this.current = current;
  }

  public long current() {
    return current;
  }
}
