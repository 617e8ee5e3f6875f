package io.eddy.core.nodes;

import java.util.List;
import java.util.Map;

/** Output properties of a processor: which to remove and which to rename. */
public record OutputConfig(List<String> remove, Map<String, String> rename) {
  public List<String> removeOrEmpty() {
    return remove == null ? List.of() : remove;
  }

  public Map<String, String> renameOrEmpty() {
    return rename == null ? Map.of() : rename;
  }
}
