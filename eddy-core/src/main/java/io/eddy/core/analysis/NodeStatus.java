package io.eddy.core.analysis;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A node's status on the canvas. */
public enum NodeStatus {
  UNCONFIGURED,
  VALID,
  ERROR;

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }
}
