package io.eddy.core.document;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Moves a flow document from version {@link #from()} to {@code from() + 1}, in place. */
public interface Migration {
  int from();

  void apply(ObjectNode document);
}
