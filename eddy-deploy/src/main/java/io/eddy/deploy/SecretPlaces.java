package io.eddy.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The places where Eddy's SQL exports put secret references, and only those: a {@code ${NAME}}
 * anywhere else (a transform's constant {@code '${HOME}'}, a flow or job name, a comment, a topic)
 * is text and deployed as written.
 *
 * <p>A place is the value of a connector option of a {@code CREATE TABLE} statement's {@code WITH
 * (...)} clause whose key carries a credential:
 *
 * <ul>
 *   <li>{@code 'password'} and {@code 'properties.ssl.truststore.certificates'}: the whole value is
 *       one reference, {@code '${NAME}'};
 *   <li>{@code 'properties.sasl.jaas.config'}: the JAAS option {@code password="${NAME}"}.
 * </ul>
 *
 * The script is read the way Flink's lexer reads it (string literals with doubled quotes, quoted
 * identifiers, {@code --} and {@code /* *}{@code /} comments), so nothing inside a comment or
 * another literal can pass for a place.
 */
final class SecretPlaces {
  /** Options whose whole value is a reference. */
  static final Set<String> WHOLE_VALUE_OPTIONS =
      Set.of("password", "properties.ssl.truststore.certificates");

  /** The option holding a JAAS configuration whose {@code password} is a reference. */
  static final String JAAS_OPTION = "properties.sasl.jaas.config";

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

  /**
   * One reference in the script: {@code start}..{@code end} is the {@code ${NAME}} text (in the
   * script, where a single quote is doubled); {@code jaas} when it sits in a JAAS quoted value.
   */
  record Place(int start, int end, String name, boolean jaas) {}

  private SecretPlaces() {}

  /** The places of {@code script}, in order. */
  static List<Place> find(String script) {
    List<Place> places = new ArrayList<>();
    for (List<Token> statement : statements(tokens(script))) {
      withClause(statement).ifPresent(options -> places.addAll(placesIn(script, options)));
    }
    return places;
  }

  private enum Kind {
    WORD,
    STRING,
    QUOTED_NAME,
    SYMBOL
  }

  /** A token; for a string literal, {@code start}/{@code end} include the quotes. */
  private record Token(Kind kind, int start, int end, String text) {
    boolean is(String word) {
      return (kind == Kind.WORD || kind == Kind.SYMBOL) && text.equalsIgnoreCase(word);
    }
  }

  private static List<Token> tokens(String s) {
    List<Token> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\'' || c == '`' || c == '"') {
        int end = i + 1;
        while (end < n) {
          if (s.charAt(end) == c) {
            if (end + 1 < n && s.charAt(end + 1) == c) {
              end += 2;
              continue;
            }
            break;
          }
          end++;
        }
        int close = Math.min(end + 1, n);
        out.add(
            new Token(c == '\'' ? Kind.STRING : Kind.QUOTED_NAME, i, close, s.substring(i, close)));
        i = close;
      } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
        int end = s.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
        int end = i;
        while (end < n
            && (Character.isLetterOrDigit(s.charAt(end))
                || s.charAt(end) == '_'
                || s.charAt(end) == '$')) {
          end++;
        }
        out.add(new Token(Kind.WORD, i, end, s.substring(i, end)));
        i = end;
      } else {
        out.add(new Token(Kind.SYMBOL, i, i + 1, String.valueOf(c)));
        i++;
      }
    }
    return out;
  }

  private static List<List<Token>> statements(List<Token> tokens) {
    List<List<Token>> out = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    for (Token t : tokens) {
      if (t.is(";")) {
        out.add(current);
        current = new ArrayList<>();
      } else {
        current.add(t);
      }
    }
    out.add(current);
    return out;
  }

  /**
   * The tokens inside the {@code WITH (...)} that ends a {@code CREATE [TEMPORARY] TABLE} statement
   * (outside every parenthesis of the statement), when it is a list of {@code 'key' = 'value'}.
   */
  private static Optional<List<Token>> withClause(List<Token> st) {
    int i = 0;
    if (st.size() < 3 || !st.get(i++).is("CREATE")) {
      return Optional.empty();
    }
    if (st.get(i).is("TEMPORARY")) {
      i++;
    }
    if (!st.get(i).is("TABLE") || !st.get(st.size() - 1).is(")")) {
      return Optional.empty();
    }
    int depth = 0;
    int with = -1;
    for (int k = i; k < st.size(); k++) {
      Token t = st.get(k);
      if (t.is("(")) {
        depth++;
      } else if (t.is(")")) {
        depth--;
      } else if (depth == 0 && t.is("WITH") && k + 1 < st.size() && st.get(k + 1).is("(")) {
        with = k;
      }
    }
    if (with < 0) {
      return Optional.empty();
    }
    List<Token> inside = st.subList(with + 2, st.size() - 1);
    for (int k = 0; k < inside.size(); k++) {
      Token t = inside.get(k);
      boolean ok =
          switch (k % 4) {
            case 0, 2 -> t.kind() == Kind.STRING;
            case 1 -> t.is("=");
            default -> t.is(",");
          };
      if (!ok) {
        return Optional.empty();
      }
    }
    return inside.size() % 4 == 3 ? Optional.of(inside) : Optional.empty();
  }

  private static List<Place> placesIn(String script, List<Token> options) {
    List<Place> out = new ArrayList<>();
    for (int k = 0; k + 2 < options.size(); k += 4) {
      String key = literal(options.get(k).text()).toLowerCase(Locale.ROOT);
      Token value = options.get(k + 2);
      int contentStart = value.start() + 1;
      String content = script.substring(contentStart, value.end() - 1);
      if (WHOLE_VALUE_OPTIONS.contains(key)) {
        Matcher m = REFERENCE.matcher(content);
        if (m.matches()) {
          out.add(new Place(contentStart, value.end() - 1, m.group(1), false));
        }
      } else if (key.equals(JAAS_OPTION)) {
        jaasPassword(content)
            .ifPresent(
                p ->
                    out.add(
                        new Place(
                            contentStart + p.start(), contentStart + p.end(), p.name(), true)));
      }
    }
    return out;
  }

  /**
   * The reference that is the whole quoted value of the {@code password} option of a JAAS
   * configuration ({@code Module required username="..." password="${NAME}";}), read with JAAS's
   * backslash escapes so that a username cannot pass for it.
   */
  private static Optional<Place> jaasPassword(String jaas) {
    int n = jaas.length();
    int i = 0;
    while (i < n) {
      char c = jaas.charAt(i);
      if (c == '"') {
        i = endOfQuoted(jaas, i);
        continue;
      }
      boolean wordStart = i == 0 || Character.isWhitespace(jaas.charAt(i - 1));
      if (wordStart && jaas.startsWith("password=\"", i)) {
        int open = i + "password=".length();
        int close = endOfQuoted(jaas, open) - 1;
        if (close > open && close < n && jaas.charAt(close) == '"') {
          Matcher m = REFERENCE.matcher(jaas.substring(open + 1, close));
          if (m.matches()) {
            return Optional.of(new Place(open + 1, close, m.group(1), true));
          }
        }
        return Optional.empty();
      }
      i++;
    }
    return Optional.empty();
  }

  /** The index after the closing quote of the JAAS quoted value opening at {@code open}. */
  private static int endOfQuoted(String s, int open) {
    int i = open + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        return i + 1;
      } else {
        i++;
      }
    }
    return s.length();
  }

  /** The value of an SQL string literal token. */
  private static String literal(String token) {
    return token.substring(1, token.length() - 1).replace("''", "'");
  }
}
