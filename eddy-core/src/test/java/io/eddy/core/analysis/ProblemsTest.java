package io.eddy.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.FlowBuilder;
import io.eddy.core.analysis.Problem.Severity;
import org.junit.jupiter.api.Test;

/** Every problem is a value naming its node and config field, carried beside the old messages. */
class ProblemsTest {

  @Test
  void node_problems_name_their_field_and_code() {
    FlowReport r =
        FlowBuilder.withOrders()
            .node("f", "filter", "F", "{'expression': 'price >'}")
            .node(
                "t",
                "transform",
                "T",
                "{'properties': [{'name': 'a', 'expression': 'price * 2'}, {'name': 'b'}]}")
            .node("d", "destination", "D", "{'kafka': {'bootstrapServers': ['localhost:9092']}}")
            .edge("orders", "f")
            .edge("orders", "t")
            .edge("orders", "d")
            .analyse()
            .report();

    Problem filter = r.node("f").orElseThrow().problems().get(0);
    assertThat(filter.nodeId()).isEqualTo("f");
    assertThat(filter.field()).isEqualTo("expression");
    assertThat(filter.severity()).isEqualTo(Severity.ERROR);
    assertThat(filter.code()).isEqualTo("expression.invalid");
    assertThat(filter.message()).isEqualTo(r.node("f").orElseThrow().messages().get(0));

    assertThat(r.node("t").orElseThrow().problems())
        .containsExactly(
            new Problem(
                "t",
                "properties[1].expression",
                Severity.MISSING,
                "expression.missing",
                "Enter the expression of new property `b`."));
    assertThat(r.node("d").orElseThrow().problems())
        .extracting(Problem::field)
        .contains("kafka.topic");
  }

  @Test
  void the_report_carries_every_problem_flow_problems_without_a_node() throws Exception {
    FlowReport r =
        FlowBuilder.withOrders()
            .node("f", "filter", "F", "{'expression': ''}")
            .node("g", "filter", "G", "{'expression': 'price > 1'}")
            .edge("orders", "f")
            .edge("orders", "g")
            .analyse()
            .report();
    assertThat(r.details()).anyMatch(p -> p.nodeId() == null && p.code().startsWith("export."));
    assertThat(r.details())
        .anyMatch(p -> "f".equals(p.nodeId()) && p.code().equals("expression.missing"));
    assertThat(r.problems()).isNotEmpty();
    // The JSON keeps the old fields and adds the new ones.
    String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(r);
    assertThat(json).contains("\"problems\":[\"", "\"details\":[{\"nodeId\":null,\"field\":null");
    assertThat(json).contains("\"messages\":[\"", "\"problems\":[{\"nodeId\":\"f\"");
  }
}
