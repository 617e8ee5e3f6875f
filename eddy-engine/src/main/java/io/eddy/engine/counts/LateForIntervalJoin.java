package io.eddy.engine.counts;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * Run counts (never in an export): whether an interval join drops an event of either input as late,
 * given the join's watermark when the event arrives (the smaller of its inputs', as {@code
 * CURRENT_WATERMARK} gives it after a {@code UNION ALL} of both inputs) and the width of the join's
 * window ({@code end} − {@code start}).
 *
 * <p>Flink's {@code TimeIntervalJoin} keeps an event of one side while the other side's events it
 * may still join can come, and keeps the other side's events until the watermark passes the last
 * time they can match; an event whose every possible partner is older than what is kept (the other
 * side's expiration time, watermark − that side's relative size − 1 ms, is at or after the end of
 * the event's range) is neither joined nor kept. For both sides that is: time + width + 1 ms ≤
 * watermark. Flink computes the expiration time from the watermark it last cleaned at, so an event
 * just past this bound may still meet partners not yet cleaned; events further behind never do.
 */
public final class LateForIntervalJoin extends ScalarFunction {

  public Boolean eval(
      @DataTypeHint("TIMESTAMP(3)") LocalDateTime time,
      @DataTypeHint("TIMESTAMP(3)") LocalDateTime watermark,
      Long width) {
    if (time == null || watermark == null || width == null) {
      return false;
    }
    return late(
        time.toInstant(ZoneOffset.UTC).toEpochMilli(),
        watermark.toInstant(ZoneOffset.UTC).toEpochMilli(),
        width);
  }

  public Boolean eval(
      @DataTypeHint("TIMESTAMP_LTZ(3)") Instant time,
      @DataTypeHint("TIMESTAMP_LTZ(3)") Instant watermark,
      Long width) {
    if (time == null || watermark == null || width == null) {
      return false;
    }
    return late(time.toEpochMilli(), watermark.toEpochMilli(), width);
  }

  static boolean late(long time, long watermark, long width) {
    // Flink's join takes a watermark below 0 as 0.
    return time + width + 1 <= Math.max(watermark, 0);
  }
}
