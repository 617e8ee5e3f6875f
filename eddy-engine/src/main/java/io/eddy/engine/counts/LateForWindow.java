package io.eddy.engine.counts;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * Run counts (never in an export): whether an event window (tumbling when {@code slide} equals
 * {@code size}, else hopping) drops an event as late, given the watermark the window has when the
 * event arrives ({@code CURRENT_WATERMARK} of the event time, evaluated beside the window on the
 * same input). Flink's window operators keep an event while the last window containing it has not
 * fired, and a window fires when the watermark reaches its end minus 1 ms; windows are aligned to
 * the epoch in UTC (the session time zone Eddy sets).
 */
public final class LateForWindow extends ScalarFunction {

  public Boolean eval(
      @DataTypeHint("TIMESTAMP(3)") LocalDateTime time,
      @DataTypeHint("TIMESTAMP(3)") LocalDateTime watermark,
      Long size,
      Long slide) {
    if (time == null || watermark == null) {
      return false;
    }
    return late(
        time.toInstant(ZoneOffset.UTC).toEpochMilli(),
        watermark.toInstant(ZoneOffset.UTC).toEpochMilli(),
        size,
        slide);
  }

  public Boolean eval(
      @DataTypeHint("TIMESTAMP_LTZ(3)") Instant time,
      @DataTypeHint("TIMESTAMP_LTZ(3)") Instant watermark,
      Long size,
      Long slide) {
    if (time == null || watermark == null) {
      return false;
    }
    return late(time.toEpochMilli(), watermark.toEpochMilli(), size, slide);
  }

  static boolean late(long time, long watermark, long size, long slide) {
    long lastWindowEnd = time - Math.floorMod(time, slide) + size;
    return lastWindowEnd - 1 <= watermark;
  }
}
