package io.eddy.core.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.model.Flow;
import io.eddy.core.model.Node;
import io.eddy.core.nodes.Field;
import io.eddy.core.nodes.NodeType;
import io.eddy.core.nodes.NodeTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * The sensitive values of a flow (passwords, truststores): the fields node types declare {@code
 * sensitive}. Left out of exports as {@code ${REFERENCE}}s, and transformed (e.g. encrypted) by the
 * store.
 */
public final class Credentials {
  private Credentials() {}

  /** One sensitive value in a flow. */
  public record Secret(String nodeId, String nodeName, Field field, String value) {
    public String reference() {
      return field.referenceName(nodeId);
    }

    public boolean isReference() {
      return value.matches("\\$\\{[A-Za-z0-9_.-]+}");
    }
  }

  /** Every sensitive value present in the flow. */
  public static List<Secret> find(Flow flow) {
    List<Secret> found = new ArrayList<>();
    for (Node node : flow.nodes()) {
      for (Field field : fields(node)) {
        JsonNode value = at(node.config(), field);
        if (value != null && value.isTextual() && !value.textValue().isEmpty()) {
          found.add(new Secret(node.id(), node.name(), field, value.textValue()));
        }
      }
    }
    return found;
  }

  /** The flow with every sensitive value replaced by its {@code ${REFERENCE}}. */
  public static Flow redact(Flow flow) {
    return map(
        flow, (secret) -> secret.isReference() ? secret.value() : "${" + secret.reference() + "}");
  }

  /** The flow with {@code change} applied to every sensitive value (e.g. encryption at rest). */
  public static Flow map(Flow flow, java.util.function.Function<Secret, String> change) {
    List<Node> nodes = new ArrayList<>();
    for (Node node : flow.nodes()) {
      ObjectNode config = node.config() == null ? null : node.config().deepCopy();
      for (Field field : fields(node)) {
        JsonNode value = at(config, field);
        if (value != null && value.isTextual() && !value.textValue().isEmpty()) {
          String[] path = field.segments();
          ObjectNode parent = (ObjectNode) at(config, path, path.length - 1);
          parent.put(
              path[path.length - 1],
              change.apply(new Secret(node.id(), node.name(), field, value.textValue())));
        }
      }
      nodes.add(node.withConfig(config));
    }
    return flow.withNodes(nodes);
  }

  private static List<Field> fields(Node node) {
    return NodeTypes.find(node.type()).map(NodeType::sensitiveFields).orElse(List.of());
  }

  private static JsonNode at(ObjectNode config, Field field) {
    String[] path = field.segments();
    return at(config, path, path.length);
  }

  private static JsonNode at(JsonNode config, String[] path, int depth) {
    JsonNode current = config;
    for (int i = 0; i < depth && current != null; i++) {
      current = current.isObject() ? current.get(path[i]) : null;
    }
    return current;
  }
}
