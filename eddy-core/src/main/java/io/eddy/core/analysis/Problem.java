package io.eddy.core.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One thing wrong with a flow, as a value: which node ({@code null} for the flow), which config
 * field ({@code kafka.topic}, {@code properties[2].expression}; {@code null} for the node as a
 * whole), how bad, a stable code ({@code expression.invalid}) and one sentence for people. The UI
 * shows the message next to its field; nothing parses the message.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"nodeId", "field", "severity", "code", "message"})
public record Problem(String nodeId, String field, Severity severity, String code, String message) {

  /** How a problem affects its node: in error, not configured yet, or only worth a look. */
  public enum Severity {
    ERROR,
    MISSING,
    WARNING;

    @JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static Problem error(String field, String code, String message) {
    return new Problem(null, field, Severity.ERROR, code, message);
  }

  public static Problem missing(String field, String code, String message) {
    return new Problem(null, field, Severity.MISSING, code, message);
  }

  /** A problem of the whole flow (a connection, an export rule). */
  public static Problem ofFlow(String code, String message) {
    return new Problem(null, null, Severity.ERROR, code, message);
  }

  /** This problem, about node {@code id}. */
  public Problem of(String id) {
    return new Problem(id, field, severity, code, message);
  }
}
