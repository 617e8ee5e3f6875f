package io.eddy.core.analysis;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;

/**
 * The analysis of a flow (the {@code eddy validate --json} shape): each node's report and the
 * flow's problems, among them the failed SQL export rules. {@code valid} when every node is valid
 * and the flow can be exported as SQL. {@code problems} are the flow's own messages (as before);
 * {@code details} every problem of the flow, nodes' included, as values.
 */
@JsonPropertyOrder({"valid", "problems", "details", "nodes"})
public record FlowReport(
    boolean valid, List<String> problems, List<Problem> details, List<NodeReport> nodes) {

  public Optional<NodeReport> node(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
  }
}
