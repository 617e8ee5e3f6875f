package io.eddy.deploy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.util.TimeUtils;

/**
 * What a deployed job guarantees about its output and how it checkpoints: settings of the
 * deployment, not of the flow (the SQL export stays the same). A null field means "not given": the
 * script's own {@code SET} applies, else the default.
 *
 * <p>Exactly-once (the default): the Kafka sinks write in transactions committed when a checkpoint
 * completes, so after any failure the job restarts from its latest checkpoint and consumers reading
 * committed data ({@code isolation.level=read_committed}) see every event once. The cost is
 * latency: output becomes visible only at the next checkpoint (up to the interval). At-least-once
 * writes immediately; after a failure the events since the latest checkpoint are written again.
 *
 * @param guarantee exactly-once or at-least-once delivery to Kafka destinations
 * @param checkpointInterval how often the job checkpoints (and exactly-once output is committed)
 * @param retention whether retained checkpoints outlive a cancellation
 */
public record DeliverySettings(
    Guarantee guarantee, Duration checkpointInterval, Retention retention) {

  public static final Guarantee DEFAULT_GUARANTEE = Guarantee.EXACTLY_ONCE;
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
  public static final Retention DEFAULT_RETENTION = Retention.RETAIN;

  /**
   * How long a Kafka transaction may stay open: within the broker's default limit ({@code
   * transaction.max.timeout.ms}, 15 minutes; Flink's own default of one hour is refused by such a
   * broker), and far above a checkpoint interval plus a restart.
   */
  static final String TRANSACTION_TIMEOUT_MS = "900000";

  /** Delivery to Kafka destinations. */
  public enum Guarantee {
    EXACTLY_ONCE("exactly-once"),
    AT_LEAST_ONCE("at-least-once");

    private final String value;

    Guarantee(String value) {
      this.value = value;
    }

    /** {@code exactly-once} or {@code at-least-once}, as the option and the CLI spell it. */
    public String value() {
      return value;
    }

    public static Guarantee parse(String text) {
      for (Guarantee g : values()) {
        if (g.value.equalsIgnoreCase(text == null ? "" : text.strip().replace('_', '-'))) {
          return g;
        }
      }
      throw new DeployException(
          "`" + text + "` is not a delivery guarantee: use exactly-once or at-least-once.");
    }
  }

  /** What becomes of the retained checkpoints when the job is cancelled. */
  public enum Retention {
    RETAIN("retain", "RETAIN_ON_CANCELLATION"),
    DELETE("delete", "DELETE_ON_CANCELLATION");

    private final String value;
    private final String flinkValue;

    Retention(String value, String flinkValue) {
      this.value = value;
      this.flinkValue = flinkValue;
    }

    public String value() {
      return value;
    }

    public static Retention parse(String text) {
      for (Retention r : values()) {
        if (r.value.equalsIgnoreCase(text == null ? "" : text.strip())) {
          return r;
        }
      }
      throw new DeployException(
          "`" + text + "` is not a checkpoint retention: use retain or delete.");
    }
  }

  /** Nothing given: every setting is the script's or the default. */
  public static DeliverySettings defaults() {
    return new DeliverySettings(null, null, null);
  }

  /**
   * The settings as the command line, the deploy API and {@code jobs.json} spell them; a null text
   * is a setting not given.
   *
   * @throws DeployException naming the first text that means nothing
   */
  public static DeliverySettings parse(
      String guarantee, String checkpointInterval, String retention) {
    return new DeliverySettings(
        guarantee == null ? null : Guarantee.parse(guarantee),
        checkpointInterval == null ? null : parseInterval(checkpointInterval),
        retention == null ? null : Retention.parse(retention));
  }

  /**
   * A checkpoint interval such as {@code 10s}, {@code 30 s} or {@code 2 min}: at least one second
   * (a shorter one spends the job's time on checkpoints).
   */
  public static Duration parseInterval(String text) {
    Duration d;
    try {
      d = TimeUtils.parseDuration(text.strip().toLowerCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new DeployException(
          "`" + text + "` is not a checkpoint interval: write it like 10s, 30s or 2min.");
    }
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new DeployException(
          "The checkpoint interval must be at least 1 s (" + text + " was given).");
    }
    return d;
  }

  public Guarantee effectiveGuarantee() {
    return guarantee != null ? guarantee : DEFAULT_GUARANTEE;
  }

  public Duration effectiveInterval() {
    return checkpointInterval != null ? checkpointInterval : DEFAULT_CHECKPOINT_INTERVAL;
  }

  public Retention effectiveRetention() {
    return retention != null ? retention : DEFAULT_RETENTION;
  }

  /** The job settings these mean, for every setting (given or default). */
  public Map<String, String> jobConfiguration() {
    return jobConfiguration(true);
  }

  /** The job settings of the fields that were given: they win over the script's {@code SET}s. */
  public Map<String, String> givenJobConfiguration() {
    return jobConfiguration(false);
  }

  private Map<String, String> jobConfiguration(boolean withDefaults) {
    Map<String, String> c = new LinkedHashMap<>();
    if (withDefaults || checkpointInterval != null) {
      c.put("execution.checkpointing.interval", effectiveInterval().toMillis() + " ms");
    }
    if (withDefaults || guarantee != null) {
      // The checkpoints' own consistency matches: at-least-once skips barrier alignment.
      c.put(
          "execution.checkpointing.mode",
          effectiveGuarantee() == Guarantee.EXACTLY_ONCE ? "EXACTLY_ONCE" : "AT_LEAST_ONCE");
    }
    if (withDefaults || retention != null) {
      c.put(
          "execution.checkpointing.externalized-checkpoint-retention",
          effectiveRetention().flinkValue);
    }
    return c;
  }

  /**
   * The options a Kafka sink table gets.
   *
   * @param transactionalIdPrefix the prefix of the job's Kafka transactions: unique per deployment
   *     and kept when it is resumed, so that the resumed job aborts what its predecessor left open
   */
  public Map<String, String> sinkOptions(String transactionalIdPrefix) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("sink.delivery-guarantee", effectiveGuarantee().value());
    if (effectiveGuarantee() == Guarantee.EXACTLY_ONCE) {
      o.put("sink.transactional-id-prefix", transactionalIdPrefix);
      o.put("properties.transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
    }
    return o;
  }

  /** "exactly-once, checkpoints every 10 s, retained on cancellation" for messages. */
  public String describe() {
    return effectiveGuarantee().value()
        + ", checkpoints every "
        + TimeUtils.formatWithHighestUnit(effectiveInterval())
        + (effectiveRetention() == Retention.RETAIN
            ? ", retained on cancellation"
            : ", deleted on cancellation");
  }
}
