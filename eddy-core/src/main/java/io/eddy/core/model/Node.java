package io.eddy.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One node of a flow as written in the document. {@code config} stays raw JSON here: the node type
 * reads it during analysis, so a half-drawn node is always storable. {@code extra} keeps unknown
 * fields so that they survive a round trip.
 */
public record Node(
    String id, String type, String name, Position position, ObjectNode config, ObjectNode extra) {

  public Node withConfig(ObjectNode newConfig) {
    return new Node(id, type, name, position, newConfig, extra);
  }

  public Node withName(String newName) {
    return new Node(id, type, newName, position, config, extra);
  }
}
