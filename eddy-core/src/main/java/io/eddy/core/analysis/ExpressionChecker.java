package io.eddy.core.analysis;

import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import java.util.LinkedHashMap;
import java.util.List;

/** Checks expressions with Flink's own SQL planner: valid exactly when Flink accepts them. */
public interface ExpressionChecker {

  /**
   * Validates {@code expressions} over the named input relations (each relation given by its
   * properties) and tells each expression's type, or why Flink refuses it.
   */
  List<Result> check(LinkedHashMap<String, List<Property>> relations, List<String> expressions);

  /**
   * The outcome for one expression: its type ({@code shape}, a property without a name, null when a
   * property cannot hold it), or a readable error. {@code needsCast}: Flink's type is not exactly
   * the property type (e.g. SMALLINT, TIMESTAMP(6)), so the value is cast to it.
   */
  record Result(Property shape, String flinkType, boolean needsCast, String error) {
    public boolean ok() {
      return error == null;
    }

    /** The shape's type, or null. */
    public PropertyType type() {
      return shape == null ? null : shape.type();
    }
  }
}
