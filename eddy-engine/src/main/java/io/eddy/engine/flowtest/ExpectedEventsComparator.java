package io.eddy.engine.flowtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares a flow's output with expected events, as {@code eddy test --expect} does: order is
 * ignored (events are matched as a multiset), numbers are compared by value ({@code 2}, {@code 2.0}
 * and {@code 2e0} are equal), timestamp texts by the instant they name (SQL and ISO-8601 forms
 * alike), and a property that is absent equals one that is null. The difference lists the missing
 * and the unexpected events, and for each missing event which properties the closest output event
 * has different.
 */
public final class ExpectedEventsComparator {

  /** The outcome of a comparison. */
  public record Comparison(
      boolean matches,
      int expectedCount,
      int actualCount,
      List<ObjectNode> missing,
      List<ObjectNode> unexpected,
      String difference) {}

  private ExpectedEventsComparator() {}

  /** Reads expected events: JSON lines of bare objects. */
  public static List<ObjectNode> readExpected(Path file) throws FlowTestException {
    List<ObjectNode> events = new ArrayList<>();
    for (FixtureEvents.Message m : FixtureEvents.read(file)) {
      try {
        JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.value());
        if (!(node instanceof ObjectNode o)) {
          throw new FlowTestException("The expected events in " + file + " must be JSON objects.");
        }
        events.add(o);
      } catch (java.io.IOException e) {
        throw new FlowTestException(
            "The expected events in " + file + " must be JSON objects (one per line).");
      }
    }
    return events;
  }

  public static Comparison compare(List<ObjectNode> actual, List<ObjectNode> expected) {
    List<ObjectNode> unmatched = new ArrayList<>(actual);
    List<ObjectNode> missing = new ArrayList<>();
    for (ObjectNode e : expected) {
      Iterator<ObjectNode> it = unmatched.iterator();
      boolean found = false;
      while (it.hasNext()) {
        if (equal(e, it.next())) {
          it.remove();
          found = true;
          break;
        }
      }
      if (!found) {
        missing.add(e);
      }
    }
    boolean matches = missing.isEmpty() && unmatched.isEmpty();
    String difference = matches ? "" : describe(expected.size(), actual.size(), missing, unmatched);
    return new Comparison(
        matches, expected.size(), actual.size(), missing, List.copyOf(unmatched), difference);
  }

  private static String describe(
      int expectedCount, int actualCount, List<ObjectNode> missing, List<ObjectNode> unexpected) {
    StringBuilder out = new StringBuilder();
    out.append("The output differs from the expected events: expected ")
        .append(plural(expectedCount, "event"))
        .append(", got ")
        .append(actualCount)
        .append("; ")
        .append(plural(missing.size(), "expected event"))
        .append(missing.size() == 1 ? " is" : " are")
        .append(" missing and ")
        .append(plural(unexpected.size(), "event"))
        .append(unexpected.size() == 1 ? " is" : " are")
        .append(" unexpected.\n");
    if (!missing.isEmpty()) {
      out.append("Missing (expected, not in the output):\n");
      for (ObjectNode m : missing) {
        out.append("  - ").append(m).append('\n');
        ObjectNode closest = closest(m, unexpected);
        if (closest != null) {
          out.append("    closest output event differs in ")
              .append(differences(m, closest))
              .append('\n');
        }
      }
    }
    if (!unexpected.isEmpty()) {
      out.append("Unexpected (in the output, not expected):\n");
      for (ObjectNode u : unexpected) {
        out.append("  + ").append(u).append('\n');
      }
    }
    return out.toString();
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static ObjectNode closest(ObjectNode expected, List<ObjectNode> candidates) {
    ObjectNode best = null;
    int bestScore = 0;
    for (ObjectNode c : candidates) {
      int score = 0;
      for (String name : names(expected, c)) {
        if (equalValues(expected.get(name), c.get(name))) {
          score++;
        }
      }
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  }

  private static String differences(ObjectNode expected, ObjectNode actual) {
    List<String> parts = new ArrayList<>();
    for (String name : names(expected, actual)) {
      JsonNode e = expected.get(name);
      JsonNode a = actual.get(name);
      if (!equalValues(e, a)) {
        parts.add(name + " (expected " + text(e) + ", got " + text(a) + ")");
      }
    }
    return String.join(", ", parts);
  }

  private static String text(JsonNode n) {
    return n == null || n.isMissingNode() ? "nothing" : n.toString();
  }

  private static Set<String> names(ObjectNode a, ObjectNode b) {
    Set<String> names = new LinkedHashSet<>();
    a.fieldNames().forEachRemaining(names::add);
    b.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Whether two events are equal under the comparison's rules. */
  public static boolean equal(ObjectNode expected, ObjectNode actual) {
    for (String name : names(expected, actual)) {
      if (!equalValues(expected.get(name), actual.get(name))) {
        return false;
      }
    }
    return true;
  }

  private static boolean equalValues(JsonNode a, JsonNode b) {
    boolean aNull = a == null || a.isNull() || a.isMissingNode();
    boolean bNull = b == null || b.isNull() || b.isMissingNode();
    if (aNull || bNull) {
      return aNull && bNull;
    }
    if (a.isNumber() && b.isNumber()) {
      return number(a).compareTo(number(b)) == 0;
    }
    if (a.isTextual() && b.isTextual()) {
      if (a.asText().equals(b.asText())) {
        return true;
      }
      Long ta = FixtureEvents.epochMillis(a.asText());
      Long tb = FixtureEvents.epochMillis(b.asText());
      return ta != null && ta.equals(tb);
    }
    if (a.isObject() && b.isObject()) {
      return equal((ObjectNode) a, (ObjectNode) b);
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equalValues(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static BigDecimal number(JsonNode n) {
    if (n.isDouble() || n.isFloat()) {
      double d = n.asDouble();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return BigDecimal.valueOf(Double.MAX_VALUE);
      }
      // The shortest decimal that names the double: 0.1 stays 0.1.
      return new BigDecimal(Double.toString(d));
    }
    return n.decimalValue();
  }
}
