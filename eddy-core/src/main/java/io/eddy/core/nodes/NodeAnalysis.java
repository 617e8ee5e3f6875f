package io.eddy.core.nodes;

import io.eddy.core.analysis.Problem;
import io.eddy.core.model.Property;
import java.util.ArrayList;
import java.util.List;

/**
 * What a node type found out about one node: its problems (missing settings, errors, each with the
 * config field it concerns) and its output properties.
 */
public final class NodeAnalysis {
  private final List<Problem> problems = new ArrayList<>();
  private List<Property> output = List.of();
  private List<String> changelogKey = List.of();

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

  /** The key of a changelog output; empty for a stream of events. */
  public List<String> changelogKey() {
    return changelogKey;
  }
}
