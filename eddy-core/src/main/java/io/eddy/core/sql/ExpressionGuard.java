package io.eddy.core.sql;

import java.util.Optional;

/**
 * Makes sure a user's expression stays one expression where it is placed in a script: parentheses
 * balanced, and no statement end or comment outside string literals and quoted identifiers. What
 * the expression means is then up to Flink's planner.
 */
public final class ExpressionGuard {
  private ExpressionGuard() {}

  /** A problem with the expression's shape, or empty when it can be placed safely. */
  public static Optional<String> check(String expression) {
    int depth = 0;
    int i = 0;
    int n = expression.length();
    while (i < n) {
      char c = expression.charAt(i);
      if (c == '\'' || c == '`' || c == '"') {
        int end = closing(expression, i, c);
        if (end < 0) {
          return Optional.of(
              "it has a "
                  + (c == '`' ? "quoted name" : "text value")
                  + " that is not closed (a "
                  + c
                  + " is missing)");
        }
        i = end + 1;
        continue;
      }
      if (c == ';') {
        return Optional.of("it contains ';' outside a text value");
      }
      if ((c == '-' && i + 1 < n && expression.charAt(i + 1) == '-')
          || (c == '/' && i + 1 < n && expression.charAt(i + 1) == '*')) {
        return Optional.of("it contains a comment ('--' or '/*'), which is not allowed here");
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (--depth < 0) {
          return Optional.of("it has a ')' without a matching '('");
        }
      }
      i++;
    }
    if (depth > 0) {
      return Optional.of("it has a '(' that is not closed");
    }
    return Optional.empty();
  }

  private static int closing(String s, int start, char quote) {
    int i = start + 1;
    while (i < s.length()) {
      if (s.charAt(i) == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
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
