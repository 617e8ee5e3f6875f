package io.eddy.core.nodes;

import io.eddy.core.model.Property;
import java.util.ArrayList;
import java.util.List;

/** What a node type found out about one node: missing settings, errors, output properties. */
public final class NodeAnalysis {
  private final List<String> missing = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private List<Property> output = List.of();

  /** Required configuration is missing: the node is unconfigured. */
  public void missing(String message) {
    missing.add(message);
  }

  /** The configuration is wrong: the node is in error. */
  public void error(String message) {
    errors.add(message);
  }

  public void output(List<Property> properties) {
    output = List.copyOf(properties);
  }

  public List<String> missing() {
    return missing;
  }

  public List<String> errors() {
    return errors;
  }

  public List<Property> output() {
    return output;
  }
}
