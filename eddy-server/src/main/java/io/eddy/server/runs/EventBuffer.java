package io.eddy.server.runs;

import java.util.ArrayList;
import java.util.List;

/** The latest events of a flow's run, each with a sequence number (the SSE event id). */
final class EventBuffer {
  record Entry(long seq, String json) {}

  private final Entry[] ring;
  private long next = 1;
  private int size;
  private int head;

  EventBuffer(int capacity) {
    ring = new Entry[capacity];
  }

  /** Adds an event and returns its entry. */
  Entry add(String json) {
    Entry e = new Entry(next++, json);
    ring[(head + size) % ring.length] = e;
    if (size < ring.length) {
      size++;
    } else {
      head = (head + 1) % ring.length;
    }
    return e;
  }

  /** The kept events after {@code seq}, oldest first. */
  List<Entry> after(long seq) {
    List<Entry> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      Entry e = ring[(head + i) % ring.length];
      if (e.seq() > seq) {
        out.add(e);
      }
    }
    return out;
  }

  /** Forgets the kept events; sequence numbers keep growing so clients can resume. */
  void clear() {
    java.util.Arrays.fill(ring, null);
    size = 0;
    head = 0;
  }

  int size() {
    return size;
  }
}
