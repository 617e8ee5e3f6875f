package io.eddy.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;

/** The server's JSON mapper and body reading with readable errors. */
public final class Json {
  public static final ObjectMapper MAPPER = create();

  private Json() {}

  private static ObjectMapper create() {
    ObjectMapper m = new ObjectMapper();
    m.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
    m.registerModule(new JavaTimeModule());
    m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    m.setSerializationInclusion(JsonInclude.Include.NON_NULL);
    return m;
  }

  /** The request body as a JSON object; 422 with line and column when it is not JSON. */
  public static JsonNode body(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) {
      throw new ApiError(422, "The request needs a JSON body.");
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new ApiError(
          422,
          "The request body is not valid JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ".");
    }
  }

  public static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new ApiError(422, "\"" + field + "\" must be text.");
    }
    return v.textValue();
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
