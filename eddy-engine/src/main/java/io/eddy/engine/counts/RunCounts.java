package io.eddy.engine.counts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's counts per node, as the counts topic reports them (newest value per node, kind and
 * property). Thread-safe: the counts topic's reader updates it while the server answers from it.
 *
 * <p>Per node: {@code out} (events the node emitted); for a source also {@code in} (messages read
 * from its topic), {@code skipped} (messages the source skips: not JSON, or no readable event time)
 * and {@code nulled} (per property, values that did not fit the property's type); for a window node
 * {@code late} (events its window dropped as late).
 */
public final class RunCounts {
  private final Map<String, Map<String, Long>> byNode = new LinkedHashMap<>();
  private final Map<String, Map<String, Long>> nulled = new LinkedHashMap<>();

  /** Applies one record of the counts topic: {@code {"node", "kind", "property", "n"}}. */
  public synchronized void accept(JsonNode record) {
    String node = record.path("node").asText(null);
    String kind = record.path("kind").asText(null);
    if (node == null || kind == null || !record.path("n").canConvertToLong()) {
      return;
    }
    long n = record.path("n").asLong();
    if ("nulled".equals(kind)) {
      nulled.computeIfAbsent(node, k -> new TreeMap<>()).put(record.path("property").asText(""), n);
    } else {
      byNode.computeIfAbsent(node, k -> new LinkedHashMap<>()).put(kind, n);
    }
  }

  /** Whether any count arrived yet. */
  public synchronized boolean isEmpty() {
    return byNode.isEmpty();
  }

  /**
   * The counts as the API answers them: node id → {@code {"in"?, "out", "skipped"?, "nulled"?,
   * "late"?}}; {@code skipped} and {@code nulled} for sources only, {@code late} for window nodes
   * only.
   */
  public synchronized Map<String, Map<String, Object>> toMap() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    byNode.forEach(
        (node, kinds) -> {
          Map<String, Object> counts = new LinkedHashMap<>();
          Long in = kinds.get("in");
          long emitted = kinds.getOrDefault("out", 0L);
          if (in != null) {
            counts.put("in", in);
          }
          counts.put("out", emitted);
          if (in != null) {
            // Counted from the raw messages, not in − out: the flow may not have got to them yet.
            counts.put("skipped", kinds.getOrDefault("skipped", 0L));
            counts.put("nulled", new TreeMap<>(nulled.getOrDefault(node, Map.of())));
          }
          if (kinds.containsKey("late")) {
            counts.put("late", kinds.get("late"));
          }
          out.put(node, counts);
        });
    return out;
  }
}
