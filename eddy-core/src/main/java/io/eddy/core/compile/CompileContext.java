package io.eddy.core.compile;

import io.eddy.core.model.Node;
import io.eddy.core.model.Property;
import io.eddy.core.nodes.NodeFacts;
import io.eddy.core.nodes.OutputColumns;
import io.eddy.core.sql.Sql;
import java.util.List;

/**
 * What a node type sees while writing its SQL: the node, the relation it must define (named after
 * the node), its inputs' relations, its own output and what else its analysis kept, and the
 * options. Everything about the node was worked out by its analysis: compile only writes SQL (it
 * has no planner to ask).
 */
public final class CompileContext {
  /**
   * A connected input: its port, the relation to read, its node's name and properties, and the key
   * of a changelog input (empty for events), as analysed.
   */
  public record InputRelation(
      String port,
      String relation,
      String nodeName,
      List<Property> properties,
      List<String> changelogKey) {

    /** True when the input is a changelog (a versioned table) rather than events. */
    public boolean changelog() {
      return !changelogKey.isEmpty();
    }

    /** The input's event-time property. */
    public Property eventTime() {
      return properties.stream().filter(Property::eventTime).findFirst().orElseThrow();
    }
  }

  private final Node node;
  private final String relation;
  private final List<InputRelation> inputs;
  private final List<Property> output;
  private final NodeFacts facts;
  private final CompileOptions options;
  private final RelationNames names;
  private final Secrets secrets;
  private final boolean watermarks;

  CompileContext(
      Node node,
      String relation,
      List<InputRelation> inputs,
      List<Property> output,
      NodeFacts facts,
      CompileOptions options,
      RelationNames names,
      Secrets secrets,
      boolean watermarks) {
    this.node = node;
    this.relation = relation;
    this.inputs = inputs;
    this.output = output;
    this.facts = facts;
    this.options = options;
    this.names = names;
    this.secrets = secrets;
    this.watermarks = watermarks;
  }

  /**
   * Whether event sources declare a watermark: false when every node of the flow works on each
   * event alone ({@link io.eddy.core.nodes.Role#PER_EVENT}), so nothing waits for event time and a
   * watermark would only be work per event.
   */
  public boolean watermarks() {
    return watermarks;
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

  /** The input connected to {@code port}. */
  public InputRelation input(String port) {
    return inputs.stream().filter(i -> port.equals(i.port())).findFirst().orElseThrow();
  }

  /** This node's output properties, as analysed. */
  public List<Property> output() {
    return output;
  }

  /** This node's output columns with their SQL, as analysed ({@code NodeAnalysis.columns}). */
  public List<OutputColumns.Column> columns() {
    if (facts.columns() == null) {
      throw new IllegalStateException(
          "The analysis of `" + node.name() + "` kept no output columns.");
    }
    return facts.columns();
  }

  /** What this node's analysis kept of class {@code kind} ({@code NodeAnalysis.keep}). */
  public <T> T analysed(Class<T> kind) {
    Object fact = facts.kept().get(kind);
    if (fact == null) {
      throw new IllegalStateException(
          "The analysis of `" + node.name() + "` kept no " + kind.getSimpleName() + ".");
    }
    return kind.cast(fact);
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
