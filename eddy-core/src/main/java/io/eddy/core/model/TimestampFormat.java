package io.eddy.core.model;

import java.util.Optional;

/** How a source's timestamp property is written in the messages ({@code format} in documents). */
public enum TimestampFormat {
  /** SQL form, ISO-8601 with {@code Z}, with an offset, or without a zone. */
  AUTO("auto"),
  /** Milliseconds since 1970-01-01T00:00:00Z, a JSON number or a numeric string. */
  EPOCH_MILLIS("epochMillis"),
  /** Seconds since 1970-01-01T00:00:00Z, a JSON number or a numeric string. */
  EPOCH_SECONDS("epochSeconds"),
  /** Java DateTimeFormatter letters given in {@code pattern}. */
  PATTERN("pattern");

  private final String json;

  TimestampFormat(String json) {
    this.json = json;
  }

  /** The name written in documents. */
  public String json() {
    return json;
  }

  /** The format named {@code text} (exact spelling); AUTO when null. */
  public static Optional<TimestampFormat> parse(String text) {
    if (text == null) {
      return Optional.of(AUTO);
    }
    for (TimestampFormat f : values()) {
      if (f.json.equals(text)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The names written in documents, for messages and the schema. */
  public static java.util.List<String> names() {
    return java.util.Arrays.stream(values()).map(TimestampFormat::json).toList();
  }
}
