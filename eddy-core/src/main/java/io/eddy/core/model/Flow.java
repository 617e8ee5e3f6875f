package io.eddy.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** A flow document (format {@code eddy-flow}), immutable. {@code extra} keeps unknown fields. */
public record Flow(
    String name, String description, List<Node> nodes, List<Edge> edges, ObjectNode extra) {

  public Flow {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  public Optional<Node> node(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
  }

  public Flow withNodes(List<Node> newNodes) {
    return new Flow(name, description, newNodes, edges, extra);
  }

  public Flow withName(String newName) {
    return new Flow(newName, description, nodes, edges, extra);
  }
}
