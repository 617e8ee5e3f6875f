package io.eddy.cli;

import io.eddy.core.model.Flow;
import io.eddy.core.model.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code eddy test --stats}: a run's counts per node as lines of text, in the flow's order. */
final class RunStats {
  private RunStats() {}

  static String text(Flow flow, Map<String, Map<String, Object>> counts) {
    StringBuilder out = new StringBuilder("Counts per node:\n");
    int width = 0;
    for (Node n : flow.nodes()) {
      if (counts.containsKey(n.id())) {
        width = Math.max(width, label(n).length());
      }
    }
    for (Node n : flow.nodes()) {
      Map<String, Object> c = counts.get(n.id());
      if (c == null) {
        continue;
      }
      List<String> parts = new ArrayList<>();
      if (c.containsKey("in")) {
        parts.add("read " + c.get("in"));
        parts.add("skipped " + c.get("skipped"));
      }
      if (c.containsKey("late")) {
        parts.add("late " + c.get("late"));
      }
      parts.add("out " + c.get("out"));
      if (c.get("nulled") instanceof Map<?, ?> nulled) {
        List<String> per = new ArrayList<>();
        nulled.forEach((property, count) -> per.add(property + " " + count));
        parts.add("nulled " + (per.isEmpty() ? "0" : String.join(", ", per)));
      }
      out.append("  ")
          .append(String.format("%-" + width + "s", label(n)))
          .append("  ")
          .append(String.join("; ", parts))
          .append('\n');
    }
    return out.toString();
  }

  private static String label(Node n) {
    return n.name() == null ? n.id() : n.name();
  }
}
