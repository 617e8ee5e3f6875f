package io.eddy.core.nodes;

import java.util.List;
import java.util.Optional;

/** The registry of node types: analysis, compiler, schema, docs and the palette all read it. */
public final class NodeTypes {
  private static final List<NodeType<?>> ALL =
      List.of(
          new SourceNode(),
          new DestinationNode(),
          new FilterNode(),
          new TransformNode(),
          new AggregateNode(),
          new TopNNode(),
          new IntervalJoinNode(),
          new DatabaseEnrichmentNode());

  private NodeTypes() {}

  public static List<NodeType<?>> all() {
    return ALL;
  }

  public static Optional<NodeType<?>> find(String type) {
    return ALL.stream().filter(t -> t.type().equals(type)).findFirst();
  }
}
