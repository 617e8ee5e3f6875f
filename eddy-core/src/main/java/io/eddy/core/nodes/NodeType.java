package io.eddy.core.nodes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.compile.CompileContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One kind of node, declared in one place: its config (a record read from the document, described
 * field by field in {@link #fields}), its input ports, its roles, its checks and output properties
 * ({@link #analyse}), and its SQL ({@link #compile}). Register a new type with one line in {@code
 * META-INF/services/io.eddy.core.nodes.NodeType} (see docs/node-types.md).
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

  /** The node's colour on the canvas and in the palette, a CSS hex colour such as #0f62fe. */
  public abstract String color();

  /**
   * What the reference in docs/flow-format.md says beyond the fields table (Markdown): what the
   * node outputs, how it treats odd input.
   */
  public String documentation() {
    return "";
  }

  /** The config record class the node's {@code config} is read into. */
  public abstract Class<C> configClass();

  /**
   * The config's fields, built with {@link Field#config}: the JSON Schema, the docs, the editor's
   * form and secret handling come from them.
   */
  public abstract List<Field> fields();

  /**
   * Input port names: none for a source, {@code in} for most, {@code left}/{@code right} for joins.
   */
  public List<String> inputPorts() {
    return List.of("in");
  }

  /**
   * Whether the node's one input port takes several inputs (combine), named by node name in its
   * config; a node with several ports takes one input per port.
   */
  public boolean manyInputs() {
    return false;
  }

  /** With {@link #manyInputs}: the fewest inputs the node needs (combine: 2). */
  public int minInputs() {
    return 1;
  }

  /**
   * The input ports that take a changelog (a versioned table, see {@link NodeAnalysis#changelog});
   * every other port takes events only, and the analyser refuses a changelog there.
   */
  public List<String> changelogPorts() {
    return List.of();
  }

  /** What the node does beyond its SQL (reads or writes Kafka, is a sink). */
  public Set<Role> roles() {
    return Set.of();
  }

  /** The sensitive fields: exported as references, encrypted at rest, hidden by the diff. */
  public final List<Field> sensitiveFields() {
    return fields().stream().flatMap(f -> f.flatten().stream()).filter(Field::sensitive).toList();
  }

  /** The declared field at {@code path} ({@code kafka.topic}, {@code properties[].name}). */
  public final Optional<Field> field(String path) {
    return fields().stream()
        .flatMap(f -> f.flatten().stream())
        .filter(f -> f.path().equals(path))
        .findFirst();
  }

  /**
   * For a node that reads or writes Kafka: a copy of its raw config connected to {@code
   * bootstrapServers} (null keeps them), its topic renamed by {@code topic} (tests and the demo use
   * their own broker and topics). Other nodes keep their config.
   */
  public ObjectNode connectTo(
      ObjectNode config, List<String> bootstrapServers, UnaryOperator<String> topic) {
    return config;
  }

  /** For a node that reads or writes Kafka: the topic its raw config names, if any. */
  public Optional<String> kafkaTopic(ObjectNode config) {
    return Optional.empty();
  }

  /**
   * Checks {@code config} against the node's inputs and reports missing settings, errors and the
   * output properties. Called only when every input is connected and valid.
   */
  public abstract void analyse(C config, NodeContext context, NodeAnalysis result);

  /** The node's SQL. Called only for valid nodes. */
  public abstract NodeSql compile(C config, CompileContext context);
}
