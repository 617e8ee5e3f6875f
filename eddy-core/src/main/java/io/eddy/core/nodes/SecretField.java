package io.eddy.core.nodes;

/**
 * A sensitive config value (a password, a truststore): exported as a {@code ${REFERENCE}} and
 * encrypted at rest. {@code path} is the dotted path inside the node's config; the reference is
 * named after the node id and {@code referenceSuffix}.
 */
public record SecretField(String path, String referenceSuffix) {

  public String[] segments() {
    return path.split("\\.");
  }

  /** The reference name for a node, e.g. {@code ORDERS_KAFKA_PASSWORD}. */
  public String referenceName(String nodeId) {
    return (nodeId + "_" + referenceSuffix).toUpperCase().replaceAll("[^A-Z0-9_]", "_");
  }
}
