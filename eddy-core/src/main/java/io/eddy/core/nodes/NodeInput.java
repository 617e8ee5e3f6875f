package io.eddy.core.nodes;

import io.eddy.core.model.Property;
import java.util.List;
import java.util.Optional;

/**
 * One connected input of a node: which port, which upstream node, and what it sends; {@code
 * changelogKey} is the key of a changelog input (a versioned table), empty for events.
 */
public record NodeInput(
    String port,
    String nodeId,
    String nodeName,
    List<Property> properties,
    List<String> changelogKey) {

  public NodeInput {
    changelogKey = changelogKey == null ? List.of() : List.copyOf(changelogKey);
  }

  /** An input of events. */
  public NodeInput(String port, String nodeId, String nodeName, List<Property> properties) {
    this(port, nodeId, nodeName, properties, List.of());
  }

  public Optional<Property> property(String name) {
    return properties.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** True when the input is a changelog (a versioned table) rather than events. */
  public boolean changelog() {
    return !changelogKey.isEmpty();
  }
}
