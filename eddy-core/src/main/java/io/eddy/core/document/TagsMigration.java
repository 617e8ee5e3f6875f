package io.eddy.core.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Version 1 to 2: version 2 gives {@code tags} a meaning (a list of labels). A version 1 document
 * has no tags; it may carry its own field of that name, which version 1 kept as an unknown field.
 * Such a field is kept as tags when it reads as tags, and otherwise moved to {@code v1Tags} (still
 * kept, as unknown fields are), so that no version 1 document is refused or loses anything.
 */
final class TagsMigration implements Migration {
  static final String MOVED_FIELD = "v1Tags";

  @Override
  public int from() {
    return 1;
  }

  @Override
  public void apply(ObjectNode document) {
    JsonNode tags = document.get("tags");
    if (tags == null) {
      return;
    }
    try {
      Tags.read(tags);
    } catch (FlowDocumentException notTags) {
      document.set(MOVED_FIELD, document.remove("tags"));
    }
  }
}
