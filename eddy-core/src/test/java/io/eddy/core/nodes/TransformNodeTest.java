package io.eddy.core.nodes;

import static io.eddy.core.FlowBuilder.outputOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.FlowBuilder;
import io.eddy.core.analysis.NodeReport;
import io.eddy.core.analysis.NodeStatus;
import org.junit.jupiter.api.Test;

class TransformNodeTest {

  static NodeReport transform(String config) {
    return FlowBuilder.withOrders()
        .node("t", "transform", "T", config)
        .edge("orders", "t")
        .report("t");
  }

  @Test
  void new_properties_have_the_type_flink_infers() {
    NodeReport r =
        transform(
            """
            {'properties': [{'name': 'total', 'expression': 'price * quantity'},
                            {'name': 'twice', 'expression': 'quantity * 2'},
                            {'name': 'label', 'expression': 'CONCAT(region, \\u0027-\\u0027, id)'},
                            {'name': 'discounted', 'expression': 'quantity * 1.5'},
                            {'name': 'big', 'expression': 'price > 100'},
                            {'name': 'day', 'expression': 'CAST(ordertime AS DATE)'}]}""");
    assertThat(r.status()).as(String.join("\n", r.messages())).isEqualTo(NodeStatus.VALID);
    assertThat(outputOf(r))
        .containsExactly(
            "id:STRING",
            "customer:STRING",
            "price:DOUBLE",
            "quantity:INTEGER",
            "region:STRING",
            "ordertime:TIMESTAMP*",
            "total:DOUBLE",
            "twice:INTEGER",
            "label:STRING",
            "discounted:DOUBLE",
            "big:BOOLEAN",
            "day:DATE");
  }

  @Test
  void a_new_property_with_an_input_name_replaces_it_in_place() {
    NodeReport r =
        transform("{'properties': [{'name': 'price', 'expression': 'CAST(price AS INT)'}]}");
    assertThat(outputOf(r))
        .containsExactly(
            "id:STRING",
            "customer:STRING",
            "price:INTEGER",
            "quantity:INTEGER",
            "region:STRING",
            "ordertime:TIMESTAMP*");
  }

  @Test
  void removes_and_renames_output_properties() {
    NodeReport r = transform("{'output': {'remove': ['customer'], 'rename': {'id': 'orderId'}}}");
    assertThat(outputOf(r))
        .containsExactly(
            "orderId:STRING",
            "price:DOUBLE",
            "quantity:INTEGER",
            "region:STRING",
            "ordertime:TIMESTAMP*");
  }

  @Test
  void reports_every_problem_at_once() {
    NodeReport r =
        transform(
            """
            {'properties': [{'name': 'a', 'expression': 'nosuch + 1'}, {'name': 'b', 'expression': ''},
                            {'name': 'a', 'expression': '1'}, {'name': 'window_end', 'expression': '2'}],
             'output': {'remove': ['ghost'], 'rename': {'price': 'quantity'}}}""");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages())
        .containsExactly(
            "New property `a` is defined twice.",
            "The expression of `a` (nosuch + 1) is not valid: Column 'nosuch' not found in any table.",
            "Output: cannot remove `ghost`: there is no such property. Available: `id`, `customer`, `price`, `quantity`, `region`, `ordertime`, `window_end`.",
            "Output: more than one property is named `quantity` (`price`, `quantity`): rename or remove all but one in the output properties.",
            "`window_end` is a reserved name (Flink uses window_start, window_end and window_time): rename it.",
            "Enter the expression of new property `b`.");
  }
}
