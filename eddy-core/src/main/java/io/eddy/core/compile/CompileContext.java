package io.eddy.core.compile;

import io.eddy.core.analysis.ExpressionChecker;
import io.eddy.core.model.Node;
import io.eddy.core.model.Property;
import io.eddy.core.sql.Sql;
import java.util.List;

/**
 * What a node type sees while writing its SQL: the node, the relation it must define (named after
 * the node), its inputs' relations, its own output, and the options.
 */
public final class CompileContext {
  /** A connected input: its port, the relation to read, and its properties. */
  public record InputRelation(
      String port, String relation, String nodeName, List<Property> properties) {}

  private final Node node;
  private final String relation;
  private final List<InputRelation> inputs;
  private final List<Property> output;
  private final CompileOptions options;
  private final RelationNames names;
  private final Secrets secrets;
  private final ExpressionChecker expressions;

  CompileContext(
      Node node,
      String relation,
      List<InputRelation> inputs,
      List<Property> output,
      CompileOptions options,
      RelationNames names,
      Secrets secrets,
      ExpressionChecker expressions) {
    this.node = node;
    this.relation = relation;
    this.inputs = inputs;
    this.output = output;
    this.options = options;
    this.names = names;
    this.secrets = secrets;
    this.expressions = expressions;
  }

  /** The planner-backed checker, for types of expressions (results are cached). */
  public ExpressionChecker expressions() {
    return expressions;
  }

  public Node node() {
    return node;
  }

  /** The relation (view or table) this node defines; other nodes read it. */
  public String relation() {
    return relation;
  }

  public List<InputRelation> inputs() {
    return inputs;
  }

  public InputRelation input() {
    return inputs.get(0);
  }

  /** This node's output properties, as analysed. */
  public List<Property> output() {
    return output;
  }

  public CompileOptions options() {
    return options;
  }

  /** A new relation name for a helper table of this node, unique in the script. */
  public String helperRelation(String suffix) {
    return names.allocate(Sql.relation(node.name()) + " " + suffix);
  }

  /** A column name not used by any of {@code taken}, based on {@code preferred}. */
  public static String freeColumn(String preferred, List<Property> taken) {
    String name = preferred;
    int n = 1;
    while (true) {
      String candidate = name;
      if (taken.stream().noneMatch(p -> p.name().equalsIgnoreCase(candidate))) {
        return name;
      }
      name = preferred + "_" + (++n);
    }
  }

  /**
   * The text to put in the script for a sensitive value: a {@code ${REFERENCE}} in exports, the
   * value (or the resolved reference) when running.
   */
  public String secret(String path, String value) {
    return secrets.place(node, path, value);
  }
}
