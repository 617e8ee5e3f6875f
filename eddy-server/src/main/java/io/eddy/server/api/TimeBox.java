package io.eddy.server.api;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs a helper's call to a system outside Eddy with an upper bound on the answer's time, whatever
 * the client library does with its own timeouts (which add up over several steps and closes).
 */
final class TimeBox {
  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "eddy-helper");
            t.setDaemon(true);
            return t;
          });

  private TimeBox() {}

  /**
   * The task's result, or {@code late}'s error once {@code limit} has passed (the task is then
   * interrupted and left to end on its own timeouts).
   */
  static <T> T run(Duration limit, Callable<T> task, Supplier<ApiError> late) {
    Future<T> future = POOL.submit(task);
    try {
      return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw late.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw late.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
