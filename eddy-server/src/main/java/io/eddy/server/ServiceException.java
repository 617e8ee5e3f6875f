package io.eddy.server;

import io.eddy.core.analysis.Problem;
import java.util.List;

/**
 * A service refusing or failing a request, in one readable sentence, for a {@link Reason}; when the
 * refusal is about a flow's problems, those too (as sentences and as values). The services know no
 * HTTP: the API layer alone turns the reason into a status ({@code api.ErrorAnswers}).
 */
public class ServiceException extends RuntimeException {

  /** Why the request is refused or failed. */
  public enum Reason {
    /** The request names something in a form that cannot be right (a job id of the wrong shape). */
    MALFORMED,
    /** A value in the request is wrong (an unknown mode, a secret sealed elsewhere). */
    INVALID,
    /** What the request names does not exist (a node, the events of a run). */
    NOT_FOUND,
    /** The state of things forbids it now (the flow already runs, or is not valid). */
    CONFLICT,
    /** Something it needs is not available (Kafka, or the server is stopping). */
    UNAVAILABLE,
    /** It was tried and failed; the message says why. */
    FAILED
  }

  private final Reason reason;
  private final List<String> problems;
  private final List<Problem> details;

  public ServiceException(Reason reason, String message) {
    this(reason, message, null, null);
  }

  /**
   * With the problems behind the refusal: {@code problems} as sentences, {@code details} as values
   * (node, field, severity, code, message); either may be null.
   */
  public ServiceException(
      Reason reason, String message, List<String> problems, List<Problem> details) {
    super(message);
    this.reason = reason;
    this.problems = problems;
    this.details = details;
  }

  public Reason reason() {
    return reason;
  }

  /** The problems as sentences, or null. */
  public List<String> problems() {
    return problems;
  }

  /** The problems as values, or null. */
  public List<Problem> details() {
    return details;
  }
}
