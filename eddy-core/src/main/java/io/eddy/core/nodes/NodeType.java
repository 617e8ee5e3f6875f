package io.eddy.core.nodes;

import io.eddy.core.compile.CompileContext;
import java.util.List;

/**
 * One kind of node, declared in one place: its config (a record read from the document), its input
 * ports, its checks and output properties ({@link #analyse}), and its SQL ({@link #compile}).
 * Register new types in {@link NodeTypes}.
 *
 * @param <C> the config record
 */
public abstract class NodeType<C> {

  /** The {@code type} written in flow documents, e.g. {@code filter}. */
  public abstract String type();

  /** The name shown in the palette, e.g. "Filter". */
  public abstract String label();

  /** The palette group, e.g. "Processors". */
  public abstract String group();

  /** One sentence on what the node does. */
  public abstract String description();

  /** The config record class the node's {@code config} is read into. */
  public abstract Class<C> configClass();

  /**
   * Input port names: none for a source, {@code in} for most, {@code left}/{@code right} for joins.
   */
  public List<String> inputPorts() {
    return List.of("in");
  }

  /** Sensitive config values, exported as references and encrypted at rest. */
  public List<SecretField> secretFields() {
    return List.of();
  }

  /**
   * Checks {@code config} against the node's inputs and reports missing settings, errors and the
   * output properties. Called only when every input is connected and valid.
   */
  public abstract void analyse(C config, NodeContext context, NodeAnalysis result);

  /** The node's SQL. Called only for valid nodes. */
  public abstract NodeSql compile(C config, CompileContext context);
}
