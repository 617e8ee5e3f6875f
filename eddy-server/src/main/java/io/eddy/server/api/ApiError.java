package io.eddy.server.api;

import java.util.List;

/** An answer other than success: a status, one readable sentence, and optional problems. */
public class ApiError extends RuntimeException {
  private final int status;
  private final List<?> problems;

  public ApiError(int status, String message) {
    this(status, message, null);
  }

  public ApiError(int status, String message, List<?> problems) {
    super(message);
    this.status = status;
    this.problems = problems;
  }

  public int status() {
    return status;
  }

  public List<?> problems() {
    return problems;
  }
}
