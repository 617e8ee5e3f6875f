package io.eddy.core.sql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.SqlParserException;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.delegation.Parser;
import org.apache.flink.table.types.logical.RowType;

/**
 * Makes sure a user's expression stays one expression wherever it is placed in a script. Flink's
 * own parser decides what the expression is, so that no comment or quoting trick its lexer knows
 * can mean one thing here and another in the script:
 *
 * <ol>
 *   <li>the text alone must parse as exactly one SQL expression (nothing after it: no {@code ;}, no
 *       {@code LIMIT}, no unbalanced parenthesis, no unclosed text, quoted name or comment);
 *   <li>it must still parse with a {@code )} right after it on the same line, which a comment
 *       running to the end ({@code --} or {@code //}) would hide.
 * </ol>
 *
 * Every place the compiler puts an expression starts after {@code (} and ends with {@code )} or a
 * line break and {@code )}, so an expression passing both keeps its place. What the expression
 * means (its names and types) is then up to Flink's planner.
 */
public final class ExpressionGuard {
  /** The longest expression accepted, in characters. */
  public static final int MAX_EXPRESSION_CHARS = 20_000;

  private static final int CACHE_SIZE = 4096;
  // Longer expressions are rare and are checked again each time, so the cache stays small.
  private static final int CACHED_CHARS = 1_000;

  private static Parser parser;
  // Flink's parser alone: the guard needs no more than parsing, and Parser.parseSqlExpression goes
  // on to validate and convert (over an empty row, so that most expressions fail there, each
  // building an exception); empty when unreachable, and then parseSqlExpression is used.
  private static Optional<PlannerSteps> steps;

  /**
   * Verdicts by expression text: the editor re-analyses the whole flow on every change, and each
   * verdict costs two runs of Flink's parser.
   */
  private static final Map<String, Optional<String>> VERDICTS =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  private ExpressionGuard() {}

  /** A problem with the expression's shape, or empty when it can be placed safely. */
  public static Optional<String> check(String expression) {
    String text = expression.strip();
    synchronized (VERDICTS) {
      Optional<String> known = VERDICTS.get(text);
      if (known != null) {
        return known;
      }
    }
    Optional<String> verdict = verdict(text);
    if (text.length() <= CACHED_CHARS) {
      synchronized (VERDICTS) {
        VERDICTS.put(text, verdict);
      }
    }
    return verdict;
  }

  /** Forgets every verdict (for measurements that start from nothing cached). */
  public static void forgetVerdicts() {
    synchronized (VERDICTS) {
      VERDICTS.clear();
    }
  }

  private static Optional<String> verdict(String text) {
    if (text.length() > MAX_EXPRESSION_CHARS) {
      return Optional.of(
          "it has "
              + text.length()
              + " characters, over the limit of "
              + MAX_EXPRESSION_CHARS
              + " for one expression");
    }
    Optional<String> alone = parseProblem(text);
    if (alone.isPresent()) {
      return alone;
    }
    // Only a comment running to the end of the line can hide the ')' after an expression that
    // parses alone (LineCommentFuzzTest), so the second parse is needed only when one may.
    if (mayHaveLineComment(text) && parseProblem("(" + text + ")").isPresent()) {
      return Optional.of(
          "it ends in a comment ('--' or '//'), which would hide what follows it: remove the"
              + " comment");
    }
    return Optional.empty();
  }

  /** Whether {@code text} holds what starts a comment running to the end of the line. */
  private static boolean mayHaveLineComment(String text) {
    return text.contains("--") || text.contains("//");
  }

  /** Why Flink's parser does not read {@code text} as exactly one expression, or empty. */
  private static synchronized Optional<String> parseProblem(String text) {
    try {
      Optional<PlannerSteps> parseOnly = steps();
      if (parseOnly.isPresent()) {
        parseOnly.get().parseExpression(text);
      } else {
        parser().parseSqlExpression(text, RowType.of(), null);
      }
      return Optional.empty();
    } catch (StackOverflowError e) {
      return Optional.of("it is nested too deeply for Flink to read");
    } catch (RuntimeException | LinkageError | AssertionError e) {
      // Flink wraps the parser's refusal; anything else means it parsed, and what it means
      // (names, types, functions) is the planner's check, in its place.
      for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
        if (t instanceof SqlParserException parse) {
          return Optional.of(readable(parse));
        }
      }
      return Optional.empty();
    }
  }

  private static Parser parser() {
    if (parser == null) {
      TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
      parser = ((TableEnvironmentInternal) env).getParser();
      steps = PlannerSteps.of(env);
    }
    return parser;
  }

  private static Optional<PlannerSteps> steps() {
    parser();
    return steps;
  }

  /** The parser's first sentence: what it found where, without its list of expected tokens. */
  private static String readable(SqlParserException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    message = message.replaceFirst("^SQL parse failed\\.\\s*", "");
    message = message.split("\n")[0].trim();
    message = message.replaceAll("\\s*Was expecting.*$", "");
    if (message.startsWith("Lexical error") && message.contains("<EOF>")) {
      return "a text, quoted name or comment in it is not closed";
    }
    message = message.replace("Encountered \"<EOF>\"", "it ends unexpectedly");
    message = message.replaceAll("at line 1, column (\\d+)", "at column $1");
    if (message.endsWith(".")) {
      message = message.substring(0, message.length() - 1);
    }
    return message.isEmpty()
        ? "Flink cannot read it as one expression"
        : "Flink cannot read it as one expression (" + message + ")";
  }
}
