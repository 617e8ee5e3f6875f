package io.eddy.core.nodes;

import io.eddy.core.analysis.Problem;
import io.eddy.core.model.Property;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a node type found out about one node: its problems (missing settings, errors, each with the
 * config field it concerns), its output properties, and what its SQL needs ({@link #columns},
 * {@link #keep}): compile reads these back instead of working them out again.
 */
public final class NodeAnalysis {
  private final List<Problem> problems = new ArrayList<>();
  private List<Property> output = List.of();
  private List<String> changelogKey = List.of();
  private String updatesAt;
  private List<OutputColumns.Column> columns;
  private final Map<Class<?>, Object> kept = new LinkedHashMap<>();

  /** Required configuration is missing: the node is unconfigured. */
  public void missing(String field, String code, String message) {
    problems.add(Problem.missing(field, code, message));
  }

  /** The configuration is wrong: the node is in error. */
  public void error(String field, String code, String message) {
    problems.add(Problem.error(field, code, message));
  }

  /** A missing setting of the node as a whole. */
  public void missing(String message) {
    missing(null, "config.missing", message);
  }

  /** An error of the node as a whole. */
  public void error(String message) {
    error(null, "config.invalid", message);
  }

  public void output(List<Property> properties) {
    output = List.copyOf(properties);
  }

  /**
   * The output as columns, each with the SQL that computes it: sets the output properties, and
   * compile reads the columns back ({@code CompileContext.columns}).
   */
  public void columns(List<OutputColumns.Column> columns) {
    this.columns = List.copyOf(columns);
    output(OutputColumns.properties(columns));
  }

  /**
   * Keeps something else the node's SQL needs from its analysis (a record of the node type's own,
   * one per class), read back with {@code CompileContext.analysed}.
   */
  public void keep(Object fact) {
    kept.put(fact.getClass(), fact);
  }

  /** What compile needs from this analysis. */
  public NodeFacts facts() {
    return new NodeFacts(columns, kept);
  }

  /** Every problem, in the order found (node id not set). */
  public List<Problem> problems() {
    return problems;
  }

  public List<String> missing() {
    return messages(Problem.Severity.MISSING);
  }

  public List<String> errors() {
    return messages(Problem.Severity.ERROR);
  }

  private List<String> messages(Problem.Severity severity) {
    return problems.stream().filter(p -> p.severity() == severity).map(Problem::message).toList();
  }

  public List<Property> output() {
    return output;
  }

  /**
   * The node's output is a changelog (a versioned table: updates and deletions per {@code key})
   * rather than a stream of events; only a port in {@link NodeType#changelogPorts} may take it.
   */
  public void changelog(List<String> key) {
    changelogKey = List.copyOf(key);
  }

  /**
   * The node's results are updates of results it gave before (Flink plans a changelog, e.g. a GROUP
   * BY without a time window), not new events, because of its setting at {@code field}: no node may
   * follow (each takes events).
   */
  public void updates(String field) {
    updatesAt = field;
  }

  /** The field that makes the results updates ({@link #updates}), or null: they are events. */
  public String updatesAt() {
    return updatesAt;
  }

  /** The key of a changelog output; empty for a stream of events. */
  public List<String> changelogKey() {
    return changelogKey;
  }
}
