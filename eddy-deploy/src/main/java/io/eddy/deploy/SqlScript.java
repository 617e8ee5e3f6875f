package io.eddy.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

/**
 * A Flink SQL script read the way Flink's SQL client reads a file ({@code sql-client.sh -f}):
 * statements end with a semicolon outside quotes and comments; a statement set ({@code EXECUTE
 * STATEMENT SET BEGIN ... END;}) is one statement; {@code SET 'key' = 'value'} changes settings.
 */
public final class SqlScript {
  private static final Pattern SET =
      Pattern.compile("(?is)^SET\\s+'((?:[^']|'')*)'\\s*=\\s*'((?:[^']|'')*)'$");
  private static final Pattern STATEMENT_SET =
      Pattern.compile("(?is)^(EXECUTE\\s+STATEMENT\\s+SET|BEGIN\\s+STATEMENT\\s+SET)\\b.*");
  private static final Pattern ENDS_WITH_END = Pattern.compile("(?is).*\\bEND$");

  private SqlScript() {}

  /** A {@code SET 'key' = 'value'} statement's key and value. */
  public record Setting(String key, String value) {}

  /** Turns a statement Flink refused into the exception to throw. */
  @FunctionalInterface
  public interface Refusal {
    /**
     * @param index the statement's position in the script, from 1
     */
    RuntimeException of(int index, String statement, RuntimeException error);
  }

  /**
   * Runs a script (its references already resolved) the way {@code sql-client.sh -f} does: a {@code
   * SET} changes the settings of the statements after it, unless its key is one of {@code fixed}
   * (set by the command line); every other statement is executed, and statements that start jobs
   * submit them without waiting.
   *
   * @return the ids of the jobs started, in order
   */
  public static List<String> execute(
      TableEnvironment env, String script, Set<String> fixed, Refusal refusal) {
    return execute(env, script, fixed, refusal, (e, statement) -> List.of());
  }

  /** Statements to execute right before a statement that starts a job. */
  @FunctionalInterface
  public interface BeforeJob {
    List<String> statements(TableEnvironment env, String jobStatement);
  }

  /**
   * Like {@link #execute(TableEnvironment, String, Set, Refusal)}, executing the statements of
   * {@code beforeJob} right before each statement that starts a job (a refusal of one of them is
   * reported as the job statement's).
   */
  public static List<String> execute(
      TableEnvironment env,
      String script,
      Set<String> fixed,
      Refusal refusal,
      BeforeJob beforeJob) {
    List<String> jobs = new ArrayList<>();
    int index = 0;
    for (String statement : statements(script)) {
      index++;
      Optional<Setting> setting = setting(statement);
      if (setting.isPresent()) {
        if (!fixed.contains(setting.get().key())) {
          env.getConfig().getConfiguration().setString(setting.get().key(), setting.get().value());
        }
        continue;
      }
      TableResult result;
      try {
        if (startsJob(statement)) {
          for (String before : beforeJob.statements(env, statement)) {
            env.executeSql(before);
          }
        }
        result = env.executeSql(statement);
      } catch (DeployException e) {
        throw e;
      } catch (RuntimeException e) {
        throw refusal.of(index, statement, e);
      }
      result.getJobClient().ifPresent(client -> jobs.add(client.getJobID().toHexString()));
    }
    return jobs;
  }

  /** The statements of {@code script}, comments before them removed, without the semicolons. */
  public static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      if (c == '\'' || c == '`' || c == '"') {
        int end = i + 1;
        while (end < n) {
          if (script.charAt(end) == c) {
            if (end + 1 < n && script.charAt(end + 1) == c) {
              end += 2;
              continue;
            }
            break;
          }
          end++;
        }
        current.append(script, i, Math.min(end + 1, n));
        i = end + 1;
      } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        int end = script.indexOf('\n', i);
        end = end < 0 ? n : end;
        current.append(script, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        current.append(script, i, end);
        i = end;
      } else if (c == ';') {
        String text = withoutLeadingComments(current.toString());
        if (STATEMENT_SET.matcher(text).matches() && !ENDS_WITH_END.matcher(text).matches()) {
          current.append(c);
        } else {
          if (!text.isEmpty()) {
            out.add(text);
          }
          current.setLength(0);
        }
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    String rest = withoutLeadingComments(current.toString());
    if (!rest.isEmpty()) {
      out.add(rest);
    }
    return out;
  }

  /** The statement without the comment lines and blank space before it. */
  static String withoutLeadingComments(String statement) {
    String s = statement.strip();
    while (true) {
      if (s.startsWith("--")) {
        int end = s.indexOf('\n');
        s = end < 0 ? "" : s.substring(end + 1).strip();
      } else if (s.startsWith("/*")) {
        int end = s.indexOf("*/");
        s = end < 0 ? "" : s.substring(end + 2).strip();
      } else {
        return s;
      }
    }
  }

  /** The setting of a {@code SET 'key' = 'value'} statement. */
  public static Optional<Setting> setting(String statement) {
    Matcher m = SET.matcher(statement.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Setting(m.group(1).replace("''", "'"), m.group(2).replace("''", "'")));
  }

  /** Whether the statement starts a job (an INSERT, a statement set or a query). */
  public static boolean startsJob(String statement) {
    String s = statement.strip().toUpperCase(Locale.ROOT);
    return s.startsWith("INSERT")
        || s.startsWith("EXECUTE")
        || s.startsWith("BEGIN STATEMENT SET")
        || s.startsWith("SELECT")
        || s.startsWith("WITH");
  }

  /**
   * The names of the secret references in {@code script}, in order of appearance: only those where
   * Eddy's exports put them ({@link SecretPlaces}); any other {@code ${NAME}} is text.
   */
  public static Set<String> references(String script) {
    Set<String> names = new LinkedHashSet<>();
    SecretPlaces.find(script).forEach(place -> names.add(place.name()));
    return names;
  }

  /**
   * The script with every secret reference replaced by its value, escaped for its place (an SQL
   * string literal, and a JAAS quoted value inside one). Only the places where Eddy's exports put
   * references are resolved ({@link SecretPlaces}): a {@code ${NAME}} anywhere else stays as it is.
   *
   * @throws DeployException naming every reference {@code secrets} cannot resolve
   */
  public static String resolve(String script, Function<String, Optional<String>> secrets) {
    List<SecretPlaces.Place> places = SecretPlaces.find(script);
    List<String> missing = new ArrayList<>();
    for (SecretPlaces.Place place : places) {
      if (secrets.apply(place.name()).isEmpty() && !missing.contains(place.name())) {
        missing.add(place.name());
      }
    }
    if (missing.size() == 1) {
      throw new DeployException(
          "The secret "
              + missing.get(0)
              + " is not set: set it as an environment variable where Eddy runs, or in a secrets"
              + " file (eddy deploy --secrets FILE).");
    }
    if (!missing.isEmpty()) {
      throw new DeployException(
          "The secrets "
              + String.join(", ", missing)
              + " are not set: set them as environment variables where Eddy runs, or in a secrets"
              + " file (eddy deploy --secrets FILE).");
    }
    StringBuilder out = new StringBuilder();
    int last = 0;
    for (SecretPlaces.Place place : places) {
      String value = secrets.apply(place.name()).orElseThrow();
      if (place.jaas()) {
        value = jaasEscape(value);
      }
      out.append(script, last, place.start()).append(value.replace("'", "''"));
      last = place.end();
    }
    return out.append(script.substring(last)).toString();
  }

  /** {@code value} as the inside of a JAAS quoted value. */
  static String jaasEscape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
