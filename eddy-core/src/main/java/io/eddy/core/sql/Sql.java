package io.eddy.core.sql;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Quoting for generated Flink SQL. Every identifier and every literal goes through here, so that no
 * name or value from a flow can change the meaning of a script.
 */
public final class Sql {
  // Compiled once: the analysis checks every output column's name with it, and a transform deep in
  // a long flow passes many columns through.
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u0085]");

  private Sql() {}

  /** A backtick-quoted identifier; backticks inside are doubled. */
  public static String id(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /**
   * The relation (view or table) name for a node name: Flink's lexer refuses line breaks even in
   * quoted names, so control characters become spaces.
   */
  public static String relation(String nodeName) {
    return commentText(nodeName);
  }

  /** True when {@code name} holds a line break or another control character. */
  public static boolean hasControlCharacters(String name) {
    return !commentText(name).equals(name);
  }

  /** {@code `a`.`b`} */
  public static String id(String qualifier, String name) {
    return id(qualifier) + "." + id(name);
  }

  /** A string literal; single quotes inside are doubled. */
  public static String str(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** Text safe to put after {@code --}: line breaks and other control characters become spaces. */
  public static String commentText(String text) {
    if (text == null) {
      return "";
    }
    Matcher control = CONTROL.matcher(text);
    return control.find() ? control.replaceAll(" ") : text;
  }

  /** {@code 'key' = 'value'} pairs of a WITH clause, one per line. */
  public static String withOptions(List<String[]> options) {
    return options.stream()
        .map(o -> "  " + str(o[0]) + " = " + str(o[1]))
        .collect(Collectors.joining(",\n", "WITH (\n", "\n)"));
  }
}
