package io.eddy.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.eddy.core.TestFlows;
import org.junit.jupiter.api.Test;

/** The part of a flow a node's preview runs. */
class FlowUpToTest {

  @Test
  void a_join_keeps_both_inputs_and_drops_what_is_downstream() {
    Flow flow = TestFlows.example("orders-cancelled-within-30-minutes");

    Flow join = flow.upTo("join");

    assertThat(join.nodes())
        .extracting(Node::id)
        .containsExactly("orders", "cancellations", "join");
    assertThat(join.edges())
        .extracting(Edge::from, Edge::to)
        .containsExactlyInAnyOrder(tuple("orders", "join"), tuple("cancellations", "join"));
    assertThat(join.name()).isEqualTo(flow.name());
  }

  @Test
  void a_source_is_alone_and_the_last_node_keeps_everything() {
    Flow flow = TestFlows.example("orders-cancelled-within-30-minutes");

    assertThat(flow.upTo("orders").nodes()).extracting(Node::id).containsExactly("orders");
    assertThat(flow.upTo("orders").edges()).isEmpty();
    assertThat(flow.upTo("out")).isEqualTo(flow);
  }
}
