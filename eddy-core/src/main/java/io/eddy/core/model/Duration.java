package io.eddy.core.model;

/** A duration such as {@code {"value": 5, "unit": "SECOND"}}; the value may be negative. */
public record Duration(Long value, TimeUnit unit) {

  public boolean isComplete() {
    return value != null && unit != null;
  }

  public long toMillis() {
    return value * unit.millis();
  }

  /** A Flink SQL interval literal for this duration, e.g. {@code INTERVAL '90' MINUTE(2)}. */
  public String toSqlInterval() {
    long magnitude = Math.abs(value);
    String sign = value < 0 ? "-" : "";
    if (unit == TimeUnit.MILLISECOND) {
      // Flink has no MILLISECOND interval unit: use fractional seconds.
      String seconds = String.format("%d.%03d", magnitude / 1000, magnitude % 1000);
      int precision = Math.max(2, Long.toString(magnitude / 1000).length());
      return "INTERVAL '" + sign + seconds + "' SECOND(" + precision + ", 3)";
    }
    int precision = Math.max(2, Long.toString(magnitude).length());
    return "INTERVAL '" + sign + magnitude + "' " + unit.name() + "(" + precision + ")";
  }

  @Override
  public String toString() {
    return value + " " + unit.name().toLowerCase() + (Math.abs(value) == 1 ? "" : "s");
  }
}
