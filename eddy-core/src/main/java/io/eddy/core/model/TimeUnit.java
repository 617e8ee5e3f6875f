package io.eddy.core.model;

/** Units of a {@link Duration}, as written in flow documents. */
public enum TimeUnit {
  MILLISECOND(1L),
  SECOND(1_000L),
  MINUTE(60_000L),
  HOUR(3_600_000L),
  DAY(86_400_000L);

  private final long millis;

  TimeUnit(long millis) {
    this.millis = millis;
  }

  public long millis() {
    return millis;
  }
}
