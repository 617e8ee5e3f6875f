package io.eddy.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of one run.
 *
 * @param name the Flink job name (pipeline.name); null to keep the compiled one
 * @param settings Flink settings for this run's table environment (for example the compiled flow's
 *     settings); applied before the statements
 * @param parallelism default parallelism, or 0 for the cluster's default (1 embedded)
 */
public record RunOptions(String name, Map<String, String> settings, int parallelism) {
  public RunOptions {
    settings = settings == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(settings));
  }

  public static RunOptions defaults() {
    return new RunOptions(null, Map.of(), 0);
  }

  public static RunOptions of(Map<String, String> settings) {
    return new RunOptions(null, settings, 0);
  }

  public RunOptions withName(String value) {
    return new RunOptions(value, settings, parallelism);
  }

  public RunOptions withParallelism(int value) {
    return new RunOptions(name, settings, value);
  }
}
