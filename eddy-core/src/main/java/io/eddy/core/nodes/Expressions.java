package io.eddy.core.nodes;

import io.eddy.core.analysis.ExpressionChecker;
import io.eddy.core.model.Property;
import io.eddy.core.sql.ExpressionGuard;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/** Checks one expression of a node: its shape first, then with Flink's planner. */
final class Expressions {
  private Expressions() {}

  /** The result, or null after reporting why the expression is wrong. */
  static ExpressionChecker.Result check(
      NodeContext context,
      LinkedHashMap<String, List<Property>> relations,
      String field,
      String what,
      String expression,
      NodeAnalysis result) {
    Optional<String> shape = ExpressionGuard.check(expression);
    if (shape.isPresent()) {
      result.error(
          field,
          "expression.invalid",
          what + " `" + expression.strip() + "` is not a valid expression: " + shape.get() + ".");
      return null;
    }
    ExpressionChecker.Result checked =
        context.expressions().check(relations, List.of(expression)).get(0);
    if (!checked.ok()) {
      result.error(
          field,
          "expression.invalid",
          what + " `" + expression.strip() + "` is not valid: " + checked.error());
      return null;
    }
    return checked;
  }
}
