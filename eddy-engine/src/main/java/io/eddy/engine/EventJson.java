package io.eddy.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Reads the JSON events a run wrote, numbers exactly as written. */
public final class EventJson {
  /**
   * Numbers with a fraction are read as written (a DECIMAL's {@code 39.90} stays {@code 39.90}, a
   * DOUBLE's {@code 30.0} stays {@code 30.0}), never through a double.
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  private EventJson() {}
}
