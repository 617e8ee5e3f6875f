package io.eddy.core.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The {@code tags} of a flow document (format version 2): short labels such as {@code "orders"}
 * that the catalogue filters by. Each is text of 1 to {@value #MAX_LENGTH} characters without line
 * breaks or other control characters, surrounding spaces removed; a flow has at most {@value
 * #MAX_TAGS} (duplicates count once).
 */
public final class Tags {
  public static final int MAX_LENGTH = 50;
  public static final int MAX_TAGS = 20;

  private Tags() {}

  /** The tags of a document's {@code tags} field; absent or null means none. */
  static List<String> read(JsonNode tags) throws FlowDocumentException {
    if (tags == null || tags.isNull()) {
      return List.of();
    }
    if (!tags.isArray()) {
      throw new FlowDocumentException(
          "\"tags\" must be a list of text, such as [\"orders\", \"emea\"], not " + tags + ".");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode tag : tags) {
      if (!tag.isTextual()) {
        throw new FlowDocumentException("Every tag must be text, not " + tag + ".");
      }
      out.add(check(tag.textValue()));
    }
    List<String> distinct = List.copyOf(new LinkedHashSet<>(out));
    if (distinct.size() > MAX_TAGS) {
      throw new FlowDocumentException(
          "A flow can have at most " + MAX_TAGS + " tags, not " + distinct.size() + ".");
    }
    return distinct;
  }

  /** One tag, stripped; refused when empty, too long or with control characters. */
  public static String check(String tag) throws FlowDocumentException {
    String t = tag.strip();
    if (t.isEmpty()) {
      throw new FlowDocumentException("A tag cannot be empty.");
    }
    if (t.codePointCount(0, t.length()) > MAX_LENGTH) {
      throw new FlowDocumentException(
          "A tag can have at most " + MAX_LENGTH + " characters: `" + t.substring(0, 20) + "…`.");
    }
    if (t.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new FlowDocumentException(
          "A tag cannot contain control characters such as line breaks.");
    }
    return t;
  }
}
