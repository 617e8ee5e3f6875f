package io.eddy.engine;

/** The state of a run, as Flink reports it. */
public enum RunState {
  /** Submitted; not every task is running yet. */
  STARTING,
  /** Every task is running (or already finished, for bounded sources). */
  RUNNING,
  /** Ended by itself (bounded input read to its end). */
  FINISHED,
  /** Failed; the status carries Flink's reason as one sentence. */
  FAILED,
  /** Stopped by a user (cancelled). */
  STOPPED;

  public boolean terminal() {
    return this == FINISHED || this == FAILED || this == STOPPED;
  }

  /** Lower-case name for APIs: starting, running, finished, failed, stopped. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
