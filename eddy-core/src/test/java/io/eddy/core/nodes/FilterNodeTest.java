package io.eddy.core.nodes;

import static io.eddy.core.FlowBuilder.outputOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.FlowBuilder;
import io.eddy.core.analysis.NodeReport;
import io.eddy.core.analysis.NodeStatus;
import org.junit.jupiter.api.Test;

class FilterNodeTest {

  static NodeReport filter(String expression) {
    return FlowBuilder.withOrders()
        .node(
            "f",
            "filter",
            "F",
            expression == null ? "{}" : "{\"expression\": " + quote(expression) + "}")
        .edge("orders", "f")
        .report("f");
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("'", "\\u0027") + "\"";
  }

  @Test
  void passes_its_input_properties_through() {
    NodeReport r = filter("region = 'EMEA' AND price > 100");
    assertThat(r.status()).isEqualTo(NodeStatus.VALID);
    assertThat(outputOf(r)).contains("price:DOUBLE", "ordertime:TIMESTAMP*");
  }

  @Test
  void accepts_flink_functions_and_qualified_names() {
    assertThat(filter("UPPER(`Orders`.`region`) LIKE 'EM%' AND quantity BETWEEN 1 AND 5").status())
        .isEqualTo(NodeStatus.VALID);
  }

  @Test
  void without_expression_is_unconfigured() {
    NodeReport r = filter(null);
    assertThat(r.status()).isEqualTo(NodeStatus.UNCONFIGURED);
    assertThat(r.messages()).containsExactly("Configure this filter.");
    r = filter("  ");
    assertThat(r.status()).isEqualTo(NodeStatus.UNCONFIGURED);
    assertThat(r.messages()).containsExactly("Enter the filter expression, e.g. region = 'EMEA'.");
  }

  @Test
  void an_unknown_property_is_named() {
    NodeReport r = filter("regoin = 'EMEA'");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages())
        .containsExactly(
            "Filter expression `regoin = 'EMEA'` is not valid: Column 'regoin' not found in any table.");
  }

  @Test
  void a_syntax_error_points_into_the_expression() {
    NodeReport r = filter("price >>> 3");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages())
        .containsExactly(
            "Filter expression `price >>> 3` is not a valid expression: Flink cannot read it as one"
                + " expression (Encountered \"> >\" at column 7).");
  }

  @Test
  void a_type_error_is_flinks_message() {
    NodeReport r = filter("price > 'abc' + 1");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages().get(0))
        .startsWith("Filter expression `price > 'abc' + 1` is not valid: ");
  }

  @Test
  void an_expression_that_is_not_a_condition_is_refused() {
    NodeReport r = filter("price * 2");
    assertThat(r.messages())
        .containsExactly(
            "Filter expression `price * 2` is DOUBLE, not a condition: it must be true or false (e.g. price > 100).");
  }

  @Test
  void an_expression_cannot_end_the_statement_or_comment_out_the_rest() {
    assertThat(filter("region = 'EMEA'); DROP TABLE x; --").messages())
        .containsExactly(
            "Filter expression `region = 'EMEA'); DROP TABLE x; --` is not a valid expression: Flink cannot read it as one expression (Encountered \")\" at column 16).");
    assertThat(filter("region = 'EMEA' -- everything").messages())
        .containsExactly(
            "Filter expression `region = 'EMEA' -- everything` is not a valid expression: it ends in a comment ('--' or '//'), which would hide what follows it: remove the comment.");
    assertThat(filter("region = 'a;b -- c'").status()).isEqualTo(NodeStatus.VALID);
  }

  @Test
  void aggregate_functions_are_not_conditions_on_one_event() {
    assertThat(filter("SUM(price) > 10").status()).isEqualTo(NodeStatus.ERROR);
  }

  @Test
  void a_broken_input_is_reported_instead_of_a_flink_error() {
    NodeReport r =
        FlowBuilder.flow()
            .node("orders", "source", "Orders", "{'kafka': {'bootstrapServers': ['x']}}")
            .node("f", "filter", "F", "{'expression': 'price > 1'}")
            .edge("orders", "f")
            .report("f");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages())
        .containsExactly(
            "The input `Orders` is in error: fix it first, then this node can be checked.");
  }
}
