package io.eddy.core.nodes;

import io.eddy.core.analysis.ExpressionChecker;
import io.eddy.core.model.Node;
import java.util.List;

/** What a node type sees while analysing one node: the node, its valid inputs, the planner. */
public record NodeContext(Node node, List<NodeInput> inputs, ExpressionChecker expressions) {

  /** The only input of a single-input node. */
  public NodeInput input() {
    return inputs.get(0);
  }
}
