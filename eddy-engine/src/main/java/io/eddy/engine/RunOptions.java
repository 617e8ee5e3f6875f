package io.eddy.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of one run.
 *
 * @param name the Flink job name (pipeline.name); null to keep the compiled one
 * @param settings Flink settings for this run's table environment (for example the compiled flow's
 *     settings); applied before the statements
 * @param parallelism default parallelism, or 0 for 1
 * @param checkConnections check before submitting that every Kafka cluster and database the
 *     statements name can be reached from here (and lookup tables exist), so that a run that cannot
 *     work fails within seconds; turn off when Eddy cannot see what the cluster sees
 * @param runValues texts in the statements that are this run's own and change nothing in the job's
 *     plan but themselves (e.g. the names of its results topics: letters, digits, {@code .}, {@code
 *     _} and {@code -} only). When not empty, the engine reuses the optimised plan of an earlier
 *     start whose statements and settings differ only in these values, instead of planning again
 *     (see {@link PlanCache}); empty: always planned anew
 */
public record RunOptions(
    String name,
    Map<String, String> settings,
    int parallelism,
    boolean checkConnections,
    List<String> runValues) {
  public RunOptions {
    settings = settings == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(settings));
    runValues = runValues == null ? List.of() : List.copyOf(runValues);
  }

  public RunOptions(
      String name, Map<String, String> settings, int parallelism, boolean checkConnections) {
    this(name, settings, parallelism, checkConnections, List.of());
  }

  public static RunOptions defaults() {
    return new RunOptions(null, Map.of(), 0, true);
  }

  public static RunOptions of(Map<String, String> settings) {
    return new RunOptions(null, settings, 0, true);
  }

  public RunOptions withName(String value) {
    return new RunOptions(value, settings, parallelism, checkConnections, runValues);
  }

  public RunOptions withParallelism(int value) {
    return new RunOptions(name, settings, value, checkConnections, runValues);
  }

  public RunOptions withConnectionCheck(boolean value) {
    return new RunOptions(name, settings, parallelism, value, runValues);
  }

  /** Reuses plans across runs that differ only in {@code values} (see {@link #runValues}). */
  public RunOptions withRunValues(List<String> values) {
    return new RunOptions(name, settings, parallelism, checkConnections, values);
  }
}
