package io.eddy.core.nodes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * A registry of node types: analysis, compiler, schema, docs and the palette all read it. Node
 * types register themselves with one line each in {@code
 * META-INF/services/io.eddy.core.nodes.NodeType}, in palette order; {@link #standard()} holds those
 * Eddy ships, {@link #load(ClassLoader)} also those another class loader (a plugin, a test) adds.
 */
public final class NodeTypes {
  private static final NodeTypes STANDARD = load(NodeTypes.class.getClassLoader());

  private final List<NodeType<?>> types;

  private NodeTypes(List<NodeType<?>> types) {
    this.types = List.copyOf(types);
  }

  /** The node types registered on Eddy's own class path. */
  public static NodeTypes standard() {
    return STANDARD;
  }

  /** The node types registered for {@code loader} (and its parents), in registration order. */
  @SuppressWarnings("rawtypes")
  public static NodeTypes load(ClassLoader loader) {
    List<NodeType<?>> found = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (NodeType<?> type : ServiceLoader.load(NodeType.class, loader)) {
      if (!names.add(type.type())) {
        throw new IllegalStateException(
            "Node type `" + type.type() + "` is registered twice (" + type.getClass() + ").");
      }
      found.add(type);
    }
    return new NodeTypes(found);
  }

  /** Every node type of the standard registry, in palette order. */
  public static List<NodeType<?>> all() {
    return STANDARD.types;
  }

  /** A node type of the standard registry. */
  public static Optional<NodeType<?>> find(String type) {
    return STANDARD.get(type);
  }

  /** Every node type of this registry, in palette order. */
  public List<NodeType<?>> types() {
    return types;
  }

  public Optional<NodeType<?>> get(String type) {
    return types.stream().filter(t -> t.type().equals(type)).findFirst();
  }
}
