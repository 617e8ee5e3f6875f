package io.eddy.core.compile;

import io.eddy.core.model.Node;
import io.eddy.core.nodes.Field;
import io.eddy.core.nodes.NodeTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Places sensitive values in a script: as references in exports, resolved when running. */
final class Secrets {
  private static final Pattern REFERENCE = Pattern.compile("^\\$\\{([A-Za-z0-9_.-]+)}$");

  /** A value left out of the script. */
  record Redaction(String nodeName, String path, String reference) {}

  private final Function<String, Optional<String>> resolver;
  private final List<Redaction> redactions = new ArrayList<>();
  private final List<String> unresolved = new ArrayList<>();

  Secrets(Function<String, Optional<String>> resolver) {
    this.resolver = resolver;
  }

  /** The reference name of {@code value} when it is a {@code ${NAME}} reference. */
  static Optional<String> referenceIn(String value) {
    Matcher m = REFERENCE.matcher(value);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  String place(Node node, String path, String value) {
    Optional<String> reference = referenceIn(value);
    if (resolver == null) {
      String name = reference.orElseGet(() -> referenceName(node, path));
      redactions.add(new Redaction(node.name(), path, name));
      return "${" + name + "}";
    }
    if (reference.isEmpty()) {
      return value;
    }
    Optional<String> resolved = resolver.apply(reference.get());
    if (resolved.isEmpty()) {
      unresolved.add(reference.get());
      return value;
    }
    return resolved.get();
  }

  private static String referenceName(Node node, String path) {
    return NodeTypes.find(node.type())
        .flatMap(t -> t.field(path))
        .filter(Field::sensitive)
        .map(f -> f.referenceName(node.id()))
        .orElseThrow(() -> new IllegalStateException(path + " is not declared sensitive"));
  }

  List<Redaction> redactions() {
    return redactions;
  }

  List<String> unresolved() {
    return unresolved;
  }
}
