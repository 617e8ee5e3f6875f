package io.eddy.core.nodes;

import java.util.List;
import java.util.Map;

/**
 * What a node's SQL needs from its analysis, kept by {@link NodeAnalysis#columns} and {@link
 * NodeAnalysis#keep}: the compiler hands it to the node type, which so never checks anything again.
 *
 * @param columns the output columns with their SQL, or null when the node type keeps none
 * @param kept other facts, by their class
 */
public record NodeFacts(List<OutputColumns.Column> columns, Map<Class<?>, Object> kept) {
  public static final NodeFacts NONE = new NodeFacts(null, Map.of());

  public NodeFacts {
    kept = Map.copyOf(kept);
  }
}
