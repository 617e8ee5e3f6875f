package io.eddy.engine.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import one.profiler.AsyncProfiler;

/**
 * CPU flame graphs of chosen stretches of a benchmark, with async-profiler: {@code PROFILE=dir}
 * writes {@code dir/NAME.html} (the flame graph, one root per thread) and {@code
 * dir/NAME.collapsed} (the same stacks as text, for counting) for each stretch recorded. Without
 * {@code PROFILE} it records nothing and costs nothing.
 */
final class FlameGraphs {
  private final Path dir;
  private final AsyncProfiler profiler;

  private FlameGraphs(Path dir, AsyncProfiler profiler) {
    this.dir = dir;
    this.profiler = profiler;
  }

  /** Records nothing. */
  static FlameGraphs none() {
    return new FlameGraphs(null, null);
  }

  static FlameGraphs fromEnvironment() {
    String dir = System.getenv("PROFILE");
    if (dir == null || dir.isBlank()) {
      return none();
    }
    try {
      Files.createDirectories(Path.of(dir));
      return new FlameGraphs(Path.of(dir), AsyncProfiler.getInstance());
    } catch (Exception e) {
      throw new IllegalStateException("async-profiler could not start: " + e.getMessage(), e);
    }
  }

  /** Runs {@code stretch}, recording CPU samples of every thread while it runs. */
  <T> T record(String name, Callable<T> stretch) throws Exception {
    if (profiler == null) {
      return stretch.call();
    }
    // cpu uses perf events where the kernel allows them; itimer works everywhere
    try {
      profiler.execute("start,event=cpu,interval=1ms,threads");
    } catch (IllegalStateException perfEventsRefused) {
      profiler.execute("start,event=itimer,interval=1ms,threads");
    }
    try {
      return stretch.call();
    } finally {
      profiler.execute("stop");
      profiler.execute("collapsed,file=" + dir.resolve(name + ".collapsed"));
      profiler.execute("flamegraph,title=" + name + ",file=" + dir.resolve(name + ".html"));
    }
  }
}
