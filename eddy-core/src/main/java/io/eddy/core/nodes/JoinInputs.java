package io.eddy.core.nodes;

import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What the two-input joins (interval join, window join) share: their condition and their columns.
 */
final class JoinInputs {
  private JoinInputs() {}

  /** Checks the join condition over both inputs, named by node name: present and true or false. */
  static void checkCondition(
      String condition, NodeInput left, NodeInput right, NodeContext context, NodeAnalysis result) {
    if (condition == null || condition.isBlank()) {
      result.missing(
          "condition",
          "expression.missing",
          "Enter the join condition, e.g. `"
              + left.nodeName()
              + "`.`id` = `"
              + right.nodeName()
              + "`.`orderid`.");
      return;
    }
    var relations = new LinkedHashMap<String, List<Property>>();
    relations.put(left.nodeName(), left.properties());
    relations.put(right.nodeName(), right.properties());
    var checked =
        Expressions.check(context, relations, "condition", "Join condition", condition, result);
    if (checked != null && checked.type() != PropertyType.BOOLEAN) {
      result.error(
          "condition",
          "expression.not-boolean",
          "Join condition `"
              + condition.strip()
              + "` is "
              + checked.flinkType()
              + ", not a condition: it must be true or false.");
    }
  }

  /** Every property of both inputs, referred to as {@code Input.property} in the node's output. */
  static List<OutputColumns.Column> columns(NodeInput left, NodeInput right) {
    List<OutputColumns.Column> columns = new ArrayList<>();
    for (NodeInput input : List.of(left, right)) {
      for (Property p : input.properties()) {
        columns.add(
            new OutputColumns.Column(
                input.nodeName() + "." + p.name(),
                Sql.id(Sql.relation(input.nodeName()), p.name()),
                p));
      }
    }
    return columns;
  }
}
