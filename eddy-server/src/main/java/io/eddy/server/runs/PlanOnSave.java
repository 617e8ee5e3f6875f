package io.eddy.server.runs;

import io.eddy.server.store.StoredFlow;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans a flow's runs ahead a moment after it is saved ({@link RunManager#planAhead}), so that the
 * first Run after an edit only executes its plan: planning is most of a run's start. The editor
 * saves as the user types, so a save within {@link #DELAY} of the one before replaces it, and one
 * flow at a time is planned, on one background thread.
 */
final class PlanOnSave implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PlanOnSave.class);

  /** How long a flow must stay unchanged before it is planned. */
  static final Duration DELAY = Duration.ofSeconds(2);

  private record Pending(StoredFlow flow, ScheduledFuture<?> future) {}

  private final Predicate<StoredFlow> planAhead;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "eddy-plan-on-save");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param planAhead plans a stored flow's runs, false when it cannot run
   */
  PlanOnSave(Predicate<StoredFlow> planAhead) {
    this.planAhead = planAhead;
  }

  void saved(StoredFlow flow) {
    pending.compute(
        flow.id(),
        (id, before) -> {
          if (before != null) {
            before.future().cancel(false);
          }
          return new Pending(
              flow, thread.schedule(() -> plan(flow), DELAY.toMillis(), TimeUnit.MILLISECONDS));
        });
  }

  /** The flow was deleted: a plan pending for it is dropped. */
  void forget(String flowId) {
    Pending before = pending.remove(flowId);
    if (before != null) {
      before.future().cancel(false);
    }
  }

  private void plan(StoredFlow flow) {
    pending.computeIfPresent(flow.id(), (id, p) -> p.flow() == flow ? null : p);
    try {
      long started = System.nanoTime();
      if (planAhead.test(flow)) {
        LOG.info(
            "Flink:       runs of flow {} (revision {}) planned ahead after a save ({} ms)",
            flow.name(),
            flow.revision(),
            (System.nanoTime() - started) / 1_000_000);
      }
    } catch (Exception | AssertionError | StackOverflowError | LinkageError e) {
      // Flink's planner throws errors, not only exceptions, on some inputs; Run says what is wrong
      LOG.debug("Flow {} not planned after a save: {}", flow.name(), e.toString());
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
