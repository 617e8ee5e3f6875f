package io.eddy.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.FlowBuilder;
import io.eddy.core.TestFlows;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.nodes.NodeType;
import io.eddy.core.nodes.NodeTypes;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FlowAnalyzerTest {
  static final String FILTER = "{'expression': 'price > 1'}";
  static final String DEST = "{'kafka': {'bootstrapServers': ['localhost:9092'], 'topic': 'OUT'}}";

  @Test
  void a_valid_flow_is_valid_and_exportable() {
    FlowReport r =
        FlowBuilder.withOrders()
            .node("f", "filter", "F", FILTER)
            .node("d", "destination", "D", DEST)
            .edge("orders", "f")
            .edge("f", "d")
            .analyse()
            .report();
    assertThat(r.valid()).isTrue();
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void duplicate_names_unknown_types_and_bad_ids_are_node_errors() {
    FlowReport r =
        FlowBuilder.withOrders()
            .node("f", "filter", "orders", FILTER)
            .node("bad id!", "sorter", "S", null)
            .edge("orders", "f")
            .analyse()
            .report();
    assertThat(r.node("orders").orElseThrow().messages())
        .containsExactly("Another node is also named `Orders`: node names must be unique.");
    assertThat(r.node("f").orElseThrow().messages())
        .contains("Another node is also named `orders`: node names must be unique.");
    assertThat(r.node("bad id!").orElseThrow().messages())
        .containsExactly(
            "Node id `bad id!` must be 1 to 64 letters, digits, '_' or '-'.",
            "Unknown node type `sorter`: use one of "
                + NodeTypes.standard().types().stream()
                    .map(NodeType::type)
                    .collect(Collectors.joining(", "))
                + ".");
  }

  @Test
  void two_equal_nodes_each_say_once_that_their_id_is_taken() {
    FlowReport r =
        FlowBuilder.withOrders()
            .node("f", "filter", "F", FILTER)
            .node("f", "filter", "F", FILTER)
            .edge("orders", "f")
            .analyse()
            .report();
    List<NodeReport> twins = r.nodes().stream().filter(n -> n.id().equals("f")).toList();
    assertThat(twins).hasSize(2);
    for (NodeReport twin : twins) {
      assertThat(twin.messages())
          .containsOnlyOnce("Node id `f` is used by more than one node: ids must be unique.");
    }
  }

  @Test
  void cycles_and_missing_nodes_are_reported() {
    FlowAnalysis a =
        FlowBuilder.withOrders()
            .node("f", "filter", "F", FILTER)
            .node("g", "filter", "G", FILTER)
            .edge("orders", "f")
            .edge("f", "g")
            .edge("g", "f")
            .edge("g", "ghost")
            .analyse();
    FlowReport r = a.report();
    assertThat(r.problems())
        .contains("The connection from `g` to `ghost` names a node that does not exist.");
    assertThat(r.node("f").orElseThrow().messages())
        .contains("The node is part of a cycle: events cannot flow back to an earlier node.");
    assertThat(r.node("f").orElseThrow().status()).isEqualTo(NodeStatus.ERROR);
  }

  @Test
  void extra_inputs_are_errors() {
    FlowReport r =
        FlowBuilder.withOrders()
            .node("o2", "source", "Orders 2", FlowBuilder.ORDERS_CONFIG)
            .node("f", "filter", "F", FILTER)
            .edge("orders", "f")
            .edge("o2", "f")
            .analyse()
            .report();
    assertThat(r.node("f").orElseThrow().messages())
        .containsExactly(
            "There is more than one input (`Orders`, `Orders 2`): a filter takes one.");
  }

  @Test
  void export_rule_one_sources_in_one_graph() {
    FlowReport r =
        FlowBuilder.withOrders()
            .node("o2", "source", "Orders 2", FlowBuilder.ORDERS_CONFIG)
            .node("f", "filter", "F", FILTER)
            .edge("orders", "f")
            .analyse()
            .report();
    assertThat(r.valid()).isFalse();
    assertThat(r.problems())
        .containsExactly(
            "Rule 1 — the event sources must be connected to the same graph: `Orders 2` is not connected to `Orders`.");
  }

  @Test
  void export_rule_two_connected_nodes_valid() {
    FlowReport r =
        FlowBuilder.withOrders()
            .node("f", "filter", "F", null)
            .node("x", "filter", "Loose", "{'expression': 'nonsense('}")
            .edge("orders", "f")
            .analyse()
            .report();
    assertThat(r.problems())
        .containsExactly(
            "Rule 2 — the connected nodes must be configured and valid: `F` (unconfigured) is not.");
  }

  @Test
  void export_rule_three_one_final_node() {
    FlowReport r =
        FlowBuilder.withOrders()
            .node("f", "filter", "F", FILTER)
            .node("g", "filter", "G", FILTER)
            .edge("orders", "f")
            .edge("orders", "g")
            .analyse()
            .report();
    assertThat(r.problems())
        .containsExactly(
            "Rule 3 — the graph must end with only one node, but it ends with `F`, `G`: connect them so that one node is last.");
  }

  @Test
  void no_source_at_all() {
    FlowReport r = FlowBuilder.flow().node("f", "filter", "F", FILTER).analyse().report();
    assertThat(r.problems())
        .containsExactly(
            "The flow has no event source: add one to read events from a Kafka topic.");
  }

  @Test
  void report_serialises_as_the_validate_json_shape() throws Exception {
    FlowReport r = TestFlows.ANALYZER.report(TestFlows.example("emea-orders"));
    String json = FlowDocuments.mapper().writeValueAsString(r);
    var tree = FlowDocuments.mapper().readTree(json);
    assertThat(tree.get("valid").asBoolean()).isTrue();
    assertThat(tree.get("problems").isArray()).isTrue();
    var node = tree.get("nodes").get(1);
    assertThat(node.get("id").asText()).isEqualTo("emea");
    assertThat(node.get("status").asText()).isEqualTo("valid");
    assertThat(node.get("messages").size()).isZero();
    assertThat(node.get("output").get(0).get("name").asText()).isEqualTo("id");
    assertThat(node.get("output").get(0).get("type").asText()).isEqualTo("STRING");
  }
}
