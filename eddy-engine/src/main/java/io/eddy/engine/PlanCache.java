package io.eddy.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The optimised plans (Flink's {@code CompiledPlan}, as JSON) of jobs started before, so that a run
 * whose statements and settings are those of an earlier one except for its own values (its results
 * topics: {@link RunOptions#runValues}) is not planned again: planning a run's statement set is
 * most of a warm start (docs/performance.md, "Run → first result"). The plan is the one Flink's
 * optimiser made for the same statements, with the earlier run's values replaced by this run's, so
 * the job is the same as planning anew would give. A start whose job statement Flink cannot compile
 * into a plan is remembered as such and planned anew each time. Kept in memory, the most recent
 * {@value #SIZE} only.
 */
final class PlanCache {
  static final int SIZE = 64;
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

  // placeholders no statement contains by chance
  private final String token = UUID.randomUUID().toString().replace("-", "");

  // key → plan JSON with placeholders; empty: Flink could not compile the job statement
  private final Map<String, Optional<String>> plans =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
          return size() > SIZE;
        }
      };

  // keys whose plan a thread is compiling now, with what completes when it is done
  private final Map<String, java.util.concurrent.CompletableFuture<Void>> compiling =
      new java.util.HashMap<>();

  /** How many plans are kept (tests). */
  int size() {
    synchronized (plans) {
      return (int) plans.values().stream().filter(Optional::isPresent).count();
    }
  }

  /** One start's way into the cache. */
  final class Lookup {
    private final String key;
    private final List<String> values;

    private Lookup(String key, List<String> values) {
      this.key = key;
      this.values = values;
    }

    /**
     * The plan of an earlier start with these statements and settings, as this run's JSON; empty
     * when there is none, or when Flink could not compile it (see {@link #cannotCompile}).
     */
    Optional<String> plan() {
      Optional<String> p;
      synchronized (plans) {
        p = plans.get(key);
      }
      return p == null ? Optional.empty() : p.map(this::restore);
    }

    /** Whether Flink already failed to compile these statements into a plan. */
    boolean cannotCompile() {
      synchronized (plans) {
        Optional<String> p = plans.get(key);
        return p != null && p.isEmpty();
      }
    }

    void store(String planJson) {
      synchronized (plans) {
        plans.put(key, Optional.of(normalise(planJson, values)));
      }
    }

    void storeCannotCompile() {
      synchronized (plans) {
        plans.put(key, Optional.empty());
      }
    }

    /**
     * Marks the plan as being compiled by the calling thread; false when another thread already is
     * (then {@link #awaitCompiling} waits for it). A true answer must be followed by {@link
     * #compiled}.
     */
    boolean startCompiling() {
      synchronized (plans) {
        if (compiling.containsKey(key)) {
          return false;
        }
        compiling.put(key, new java.util.concurrent.CompletableFuture<>());
        return true;
      }
    }

    /** The compilation {@link #startCompiling} announced has ended (kept or not). */
    void compiled() {
      java.util.concurrent.CompletableFuture<Void> done;
      synchronized (plans) {
        done = compiling.remove(key);
      }
      if (done != null) {
        done.complete(null);
      }
    }

    /**
     * Waits (at most {@code timeout}) while another thread compiles this plan, e.g. the server
     * planning a flow's runs ahead when Run is pressed: one planning instead of two at once.
     */
    void awaitCompiling(java.time.Duration timeout) {
      java.util.concurrent.CompletableFuture<Void> other;
      synchronized (plans) {
        other = compiling.get(key);
      }
      if (other == null) {
        return;
      }
      try {
        other.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // then this start plans for itself
      }
    }

    /** Forgets the plan (it did not load). */
    void forget() {
      synchronized (plans) {
        plans.remove(key);
      }
    }

    private String restore(String json) {
      String out = json;
      for (int i = 0; i < values.size(); i++) {
        out = out.replace(placeholder(i), values.get(i));
      }
      return out;
    }
  }

  /**
   * The lookup for a start, or empty when its plan is not to be reused: no run values, or a value
   * that is not a plain name.
   */
  Optional<Lookup> lookup(
      List<String> statements, Map<String, String> configuration, List<String> runValues) {
    if (runValues.isEmpty()
        || runValues.stream().anyMatch(v -> !SAFE.matcher(v).matches())
        || runValues.stream().distinct().count() != runValues.size()) {
      return Optional.empty();
    }
    StringBuilder key = new StringBuilder();
    new TreeMap<>(configuration)
        .forEach((k, v) -> key.append(k).append('=').append(v).append('\n'));
    statements.forEach(s -> key.append(";\n").append(s));
    return Optional.of(new Lookup(normalise(key.toString(), runValues), runValues));
  }

  /** {@code text} with each run value replaced by its placeholder (longest first: no prefixes). */
  private String normalise(String text, List<String> values) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt((Integer i) -> values.get(i).length()).reversed());
    String out = text;
    for (int i : order) {
      out = out.replace(values.get(i), placeholder(i));
    }
    return out;
  }

  private String placeholder(int i) {
    return "eddy-run-value-" + i + "-" + token;
  }
}
