package io.eddy.core.sql;

import java.util.Optional;

/**
 * Makes sure a user's query (a custom SQL node) stays one query where the compiler places it,
 * inside {@code (} and a line break and {@code )}. Flink's planner then decides whether it is
 * exactly one query over the node's inputs, planning the query alone and in its place. This class
 * refuses what the planner would accept but a script reader could read differently:
 *
 * <ul>
 *   <li>{@code //} comments: Flink's lexer knows them, a script splitter that cuts statements at
 *       semicolons outside quotes and {@code --} comments may not, and a quote inside one would
 *       make it misread the rest of the script;
 *   <li>hints ({@code /*+ ... *}{@code /}): {@code OPTIONS} would change an input table's connector
 *       settings;
 *   <li>a semicolon at the end: the node holds one query, not a statement.
 * </ul>
 */
public final class QueryGuard {
  /** The longest query accepted, in characters. */
  public static final int MAX_QUERY_CHARS = 100_000;

  private QueryGuard() {}

  /** A problem with the query's shape, or empty when it can be placed safely. */
  public static Optional<String> check(String query) {
    String text = query.strip();
    if (text.length() > MAX_QUERY_CHARS) {
      return Optional.of(
          "it has "
              + text.length()
              + " characters, over the limit of "
              + MAX_QUERY_CHARS
              + " for one query");
    }
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      char next = i + 1 < n ? text.charAt(i + 1) : 0;
      if (c == '\'' || c == '`' || c == '"') {
        i = closing(text, i, c);
        if (i < 0) {
          return Optional.of("a text or quoted name in it is not closed");
        }
      } else if (c == '-' && next == '-') {
        int end = text.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c == '/' && next == '*') {
        if (i + 2 < n && text.charAt(i + 2) == '+') {
          return Optional.of(
              "it holds a hint (/*+ ... */), which a custom SQL node does not allow: remove it");
        }
        int end = text.indexOf("*/", i + 2);
        if (end < 0) {
          return Optional.of("a comment in it is not closed");
        }
        i = end + 1;
      } else if (c == '/' && next == '/') {
        return Optional.of("it holds a // comment: write comments with -- instead");
      } else if (c == ';') {
        return Optional.of(
            "it holds a semicolon outside a text: a custom SQL node holds one query, without ';'");
      }
      i++;
    }
    return Optional.empty();
  }

  /**
   * The index of the quote closing the one at {@code start} (doubled quotes stay inside), or -1.
   */
  private static int closing(String text, int start, char quote) {
    int i = start + 1;
    while (i < text.length()) {
      if (text.charAt(i) == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    return -1;
  }
}
