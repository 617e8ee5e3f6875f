package io.eddy.core.nodes;

import io.eddy.core.model.Property;
import java.util.List;
import java.util.Optional;

/** One connected input of a node: which port, which upstream node, and what it sends. */
public record NodeInput(String port, String nodeId, String nodeName, List<Property> properties) {

  public Optional<Property> property(String name) {
    return properties.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
