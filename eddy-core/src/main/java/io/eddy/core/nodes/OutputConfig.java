package io.eddy.core.nodes;

import java.util.List;
import java.util.Map;

/** Output properties of a processor: which to remove and which to rename. */
public record OutputConfig(List<String> remove, Map<String, String> rename) {

  /** The declared field, shared by the processors. */
  static final Field FIELD =
      Field.object(
              "output",
              "Output properties",
              "Output properties: which to remove and which to rename (after a join, name them"
                  + " `Input.property`).",
              Field.list(
                  "remove",
                  "Remove",
                  "Properties to leave out.",
                  Field.string("property", "Property", null)),
              Field.map(
                  "rename",
                  "Rename",
                  "Old name to new name.",
                  Field.string("name", "New name", null)))
          .asCustom();

  public List<String> removeOrEmpty() {
    return remove == null ? List.of() : remove;
  }

  public Map<String, String> renameOrEmpty() {
    return rename == null ? Map.of() : rename;
  }
}
