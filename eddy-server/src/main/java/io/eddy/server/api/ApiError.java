package io.eddy.server.api;

import io.eddy.core.analysis.Problem;
import java.util.List;

/** An answer other than success: a status, one readable sentence, and optional problems. */
public class ApiError extends RuntimeException {
  private final int status;
  private final List<?> problems;
  private final List<Problem> details;

  public ApiError(int status, String message) {
    this(status, message, null);
  }

  public ApiError(int status, String message, List<?> problems) {
    this(status, message, problems, null);
  }

  /** With {@code details}: the same problems as values (node, field, severity, code, message). */
  public ApiError(int status, String message, List<?> problems, List<Problem> details) {
    super(message);
    this.status = status;
    this.problems = problems;
    this.details = details;
  }

  public List<Problem> details() {
    return details;
  }

  public int status() {
    return status;
  }

  public List<?> problems() {
    return problems;
  }
}
