package io.eddy.core.compile;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Hands out relation names unique in one script (case-insensitive, as Flink compares them). */
final class RelationNames {
  private final Set<String> taken = new HashSet<>();

  /** Reserves a node's own name (node names are unique already). */
  void reserve(String name) {
    taken.add(name.toLowerCase(Locale.ROOT));
  }

  String allocate(String preferred) {
    String name = preferred;
    int n = 1;
    while (!taken.add(name.toLowerCase(Locale.ROOT))) {
      name = preferred + " " + (++n);
    }
    return name;
  }
}
