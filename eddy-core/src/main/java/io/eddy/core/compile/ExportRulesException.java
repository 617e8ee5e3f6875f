package io.eddy.core.compile;

import java.util.List;

/**
 * The flow cannot be compiled: the SQL export rules (or a secret) fail, as {@code problems} say.
 */
public class ExportRulesException extends Exception {
  private final List<String> problems;

  public ExportRulesException(List<String> problems) {
    super("The flow cannot be exported as SQL: " + String.join(" ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
