package io.eddy.core.compile;

import io.eddy.core.analysis.Problem;
import java.util.List;

/**
 * The flow cannot be compiled: the SQL export rules (or a secret) fail, as {@code problems} say;
 * {@code details} are the same problems as values.
 */
public class ExportRulesException extends Exception {
  private final List<Problem> details;

  public ExportRulesException(List<String> problems) {
    this(problems.stream().map(p -> Problem.ofFlow("export.refused", p)).toList(), true);
  }

  private ExportRulesException(List<Problem> details, boolean unused) {
    super(
        "The flow cannot be exported as SQL: "
            + String.join(" ", details.stream().map(Problem::message).toList()));
    this.details = List.copyOf(details);
  }

  /** Refused for {@code details}. */
  public static ExportRulesException of(List<Problem> details) {
    return new ExportRulesException(details, true);
  }

  public List<String> problems() {
    return details.stream().map(Problem::message).toList();
  }

  public List<Problem> details() {
    return details;
  }
}
