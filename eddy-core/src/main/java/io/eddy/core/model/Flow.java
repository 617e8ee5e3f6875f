package io.eddy.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A flow document (format {@code eddy-flow}), immutable. {@code extra} keeps unknown fields; {@code
 * tags} (format version 2) label the flow in the catalogue, in the order given, without duplicates.
 */
public record Flow(
    String name,
    String description,
    List<Node> nodes,
    List<Edge> edges,
    ObjectNode extra,
    List<String> tags) {

  public Flow {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
    tags = tags == null ? List.of() : List.copyOf(new LinkedHashSet<>(tags));
  }

  /** A flow without tags. */
  public Flow(
      String name, String description, List<Node> nodes, List<Edge> edges, ObjectNode extra) {
    this(name, description, nodes, edges, extra, List.of());
  }

  public Optional<Node> node(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
  }

  public Flow withNodes(List<Node> newNodes) {
    return new Flow(name, description, newNodes, edges, extra, tags);
  }

  public Flow withName(String newName) {
    return new Flow(newName, description, nodes, edges, extra, tags);
  }

  public Flow withDescription(String newDescription) {
    return new Flow(name, newDescription, nodes, edges, extra, tags);
  }

  public Flow withTags(List<String> newTags) {
    return new Flow(name, description, nodes, edges, extra, newTags);
  }

  /**
   * The part of the flow that a node's results depend on: the node, every node upstream of it and
   * the connections between them. A preview of the node runs this part, so nodes that are not
   * upstream of it (for example a half-configured destination) do not stop the preview.
   */
  public Flow upTo(String nodeId) {
    Set<String> upstream = new HashSet<>();
    Deque<String> toVisit = new ArrayDeque<>(List.of(nodeId));
    while (!toVisit.isEmpty()) {
      String id = toVisit.pop();
      if (upstream.add(id)) {
        edges.stream().filter(e -> e.to().equals(id)).forEach(e -> toVisit.push(e.from()));
      }
    }
    return new Flow(
        name,
        description,
        nodes.stream().filter(n -> upstream.contains(n.id())).toList(),
        edges.stream()
            .filter(e -> upstream.contains(e.from()) && upstream.contains(e.to()))
            .toList(),
        extra,
        tags);
  }
}
