package io.eddy.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * Values of secret references ({@code ${NAME}}) at deploy time: from a secrets file ({@code
 * NAME=value} lines, Java properties syntax) first, then from the environment. Values are never
 * logged or stored by Eddy.
 */
public final class Secrets implements Function<String, Optional<String>> {
  private final Map<String, String> file;
  private final Map<String, String> environment;

  private Secrets(Map<String, String> file, Map<String, String> environment) {
    this.file = Map.copyOf(file);
    this.environment = environment;
  }

  /** The environment of this process, and {@code secretsFile} when not null. */
  public static Secrets of(Path secretsFile) {
    return of(secretsFile, System.getenv());
  }

  public static Secrets of(Path secretsFile, Map<String, String> environment) {
    Map<String, String> values = new HashMap<>();
    if (secretsFile != null) {
      Properties props = new Properties();
      try (Reader reader = Files.newBufferedReader(secretsFile, StandardCharsets.UTF_8)) {
        props.load(reader);
      } catch (NoSuchFileException e) {
        throw new DeployException("The secrets file " + secretsFile + " does not exist.");
      } catch (IOException | IllegalArgumentException e) {
        throw new DeployException(
            "The secrets file " + secretsFile + " cannot be read (" + e.getMessage() + ").");
      }
      props.stringPropertyNames().forEach(k -> values.put(k, props.getProperty(k)));
    }
    return new Secrets(values, Map.copyOf(environment));
  }

  /** Only the given values (tests, the server). */
  public static Secrets ofMap(Map<String, String> values) {
    return new Secrets(values, Map.of());
  }

  /** {@code values} first (e.g. a flow's own credentials), then {@code environment}. */
  public static Secrets of(Map<String, String> values, Map<String, String> environment) {
    return new Secrets(values, Map.copyOf(environment));
  }

  /**
   * {@code text} with the value of every reference in {@code names} replaced by {@code ******}: as
   * it is, as quoted in SQL (doubled single quotes) and in a JAAS configuration, and line by line
   * (a message may quote one line of a multi-line value, such as a PEM certificate).
   */
  public static String mask(
      String text, Set<String> names, Function<String, Optional<String>> secrets) {
    if (text == null) {
      return null;
    }
    List<String> forms = new ArrayList<>();
    for (String name : names) {
      Optional<String> value = secrets.apply(name);
      if (value.isPresent() && !value.get().isEmpty()) {
        for (String form : List.of(value.get(), SqlScript.jaasEscape(value.get()))) {
          forms.add(form.replace("'", "''"));
          forms.add(form);
        }
        value.get().lines().map(String::strip).filter(l -> l.length() >= 4).forEach(forms::add);
      }
    }
    // Longest first, so that a whole value is masked before its lines are.
    forms.sort(Comparator.comparingInt(String::length).reversed());
    String out = text;
    for (String form : forms) {
      out = out.replace(form, "******");
    }
    return out;
  }

  @Override
  public Optional<String> apply(String name) {
    String value = file.get(name);
    if (value == null) {
      value = environment.get(name);
    }
    return Optional.ofNullable(value);
  }
}
