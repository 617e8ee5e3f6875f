package io.eddy.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest N events of a run (a ring buffer), newest first, with the number received in all.
 * Thread-safe; memory is bounded by N. Test code: the benchmark keeps a run's latest events with it
 * as the server's results view does (the server has its own buffer, {@code runs.EventBuffer}).
 */
public final class LatestEvents {
  private final ObjectNode[] ring;
  private long total;

  public LatestEvents(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    ring = new ObjectNode[capacity];
  }

  public synchronized void add(ObjectNode event) {
    ring[(int) (total % ring.length)] = event;
    total++;
  }

  /** Events received in all (also those no longer kept). */
  public synchronized long total() {
    return total;
  }

  public int capacity() {
    return ring.length;
  }

  /** The kept events, newest first. */
  public synchronized List<ObjectNode> newestFirst() {
    int kept = (int) Math.min(total, ring.length);
    List<ObjectNode> out = new ArrayList<>(kept);
    for (int i = 1; i <= kept; i++) {
      out.add(ring[(int) ((total - i) % ring.length)]);
    }
    return out;
  }

  public synchronized void clear() {
    java.util.Arrays.fill(ring, null);
    total = 0;
  }
}
