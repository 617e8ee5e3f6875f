package io.eddy.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns exception chains (Flink's are deep) into one sentence a person understands. */
public final class Errors {
  private static final Pattern CLASS_PREFIX =
      Pattern.compile("^(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error|Throwable)?:\\s*");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final int MAX_LENGTH = 400;
  // What Flink says when a cluster lacks eddy-formats: the planner finds no factory for
  // 'eddy-avro' (SQL client, gateway), or a TaskManager cannot load its classes (eddy deploy, whose
  // client plans with them, to a cluster without them).
  private static final Pattern NO_EDDY_FORMATS =
      Pattern.compile("identifier 'eddy-avro'|\\bio\\.eddy\\.formats\\.");

  private Errors() {}

  /**
   * The most telling message of the chain: the root cause's message, prefixed by the first distinct
   * higher message when the root cause alone would say little.
   */
  public static String sentence(Throwable error) {
    if (error == null) {
      return "unknown error.";
    }
    List<String> messages = new ArrayList<>();
    Set<Throwable> seen = new HashSet<>();
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      String m = clean(t.getMessage());
      if (m.isEmpty()) {
        m = simpleName(t);
      }
      messages.add(m);
    }
    if (messages.stream().anyMatch(m -> NO_EDDY_FORMATS.matcher(m).find())) {
      return "The Flink cluster lacks Eddy's eddy-formats jar, which Avro sources read with"
          + " (format 'eddy-avro'): put eddy-formats-<version>.jar in the cluster's lib/, or ship"
          + " it with the job (eddy deploy --jar).";
    }
    return finish(messages.get(messages.size() - 1));
  }

  /** Cleans one message: no class-name prefixes, no stack frames, one line. */
  public static String clean(String message) {
    if (message == null) {
      return "";
    }
    String m = message.strip();
    int stack = m.indexOf("\n\tat ");
    if (stack >= 0) {
      m = m.substring(0, stack);
    }
    String previous;
    do {
      previous = m;
      m = CLASS_PREFIX.matcher(m).replaceFirst("");
    } while (!m.equals(previous));
    return WHITESPACE.matcher(m).replaceAll(" ").strip();
  }

  static String finish(String message) {
    String m = message.strip();
    if (m.length() > MAX_LENGTH) {
      m = m.substring(0, MAX_LENGTH - 1).strip() + "…";
    }
    if (!m.isEmpty() && Character.isLowerCase(m.charAt(0))) {
      m = Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }
    if (!m.endsWith(".") && !m.endsWith("…") && !m.endsWith("?") && !m.endsWith("!")) {
      m = m + ".";
    }
    return m;
  }

  private static String simpleName(Throwable t) {
    String n = t.getClass().getSimpleName();
    return n.replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase();
  }
}
