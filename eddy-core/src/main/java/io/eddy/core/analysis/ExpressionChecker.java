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
   * Plans {@code query} (one Flink SQL query) over the named input relations, each a table with the
   * relation's properties and its event time, and tells the query's output columns (an event time
   * column's shape is marked as event time), or why Flink refuses it. A checker without a planner
   * for queries refuses every query.
   */
  default QueryResult checkQuery(LinkedHashMap<String, List<Property>> relations, String query) {
    return new QueryResult(List.of(), "Queries cannot be checked here.");
  }

  /**
   * Whether Flink plans {@code query} (over the named input relations, as {@link #checkQuery}) to
   * update results it has already given (a changelog, e.g. a GROUP BY without a time window) rather
   * than only to append new rows: true or false, or null when it cannot be told (a checker without
   * a planner, or a query Flink refuses).
   */
  default Boolean updates(LinkedHashMap<String, List<Property>> relations, String query) {
    return null;
  }

  /** The outcome for a query: its columns in order, or a readable error. */
  record QueryResult(List<QueryColumn> columns, String error) {
    public boolean ok() {
      return error == null;
    }
  }

  /** One output column of a query: its name and type as {@link Result#shape} etc. tell them. */
  record QueryColumn(String name, Result type) {}

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
