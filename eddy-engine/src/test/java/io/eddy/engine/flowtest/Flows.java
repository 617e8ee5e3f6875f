package io.eddy.engine.flowtest;

import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import io.eddy.engine.SharedAccess;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers: the example flows of the repository and one shared runner. */
final class Flows {
  static final Path EXAMPLES = Path.of("..", "examples");
  private static FlowTestRunner runner;

  private Flows() {}

  static Flow example(String file) throws Exception {
    return FlowDocuments.read(Files.readString(EXAMPLES.resolve(file)));
  }

  static Flow read(String json) throws Exception {
    return FlowDocuments.read(json);
  }

  /** An example flow's document as a JSON tree, to vary it in a test. */
  static com.fasterxml.jackson.databind.node.ObjectNode exampleTree(String file) throws Exception {
    return (com.fasterxml.jackson.databind.node.ObjectNode)
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(Files.readString(EXAMPLES.resolve(file)));
  }

  /** The config of node {@code id} in a document tree. */
  static com.fasterxml.jackson.databind.node.ObjectNode config(
      com.fasterxml.jackson.databind.node.ObjectNode doc, String id) {
    for (com.fasterxml.jackson.databind.JsonNode n : doc.get("nodes")) {
      if (id.equals(n.get("id").asText())) {
        return (com.fasterxml.jackson.databind.node.ObjectNode) n.get("config");
      }
    }
    throw new IllegalArgumentException(id);
  }

  /** An order of the demo ORDERS.NEW topic as a fixture line. */
  static String order(String id, String region, double price, int quantity, String time) {
    return "{\"id\": \""
        + id
        + "\", \"customer\": \"Customer "
        + id
        + "\", \"customerid\": \"c-"
        + id
        + "\", \"description\": \"M Blue Jeans\", \"price\": "
        + price
        + ", \"quantity\": "
        + quantity
        + ", \"region\": \""
        + region
        + "\", \"ordertime\": \""
        + time
        + "\"}";
  }

  /** An {@link #order} (or any JSON object text) with more fields, given as JSON text. */
  static String withFields(String jsonObject, String fields) {
    return jsonObject.substring(0, jsonObject.lastIndexOf('}')) + ", " + fields + "}";
  }

  /** Parses expected events written as JSON lines in a test. */
  static java.util.List<com.fasterxml.jackson.databind.node.ObjectNode> events(String... lines)
      throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper m =
        new com.fasterxml.jackson.databind.ObjectMapper();
    java.util.List<com.fasterxml.jackson.databind.node.ObjectNode> out =
        new java.util.ArrayList<>();
    for (String l : lines) {
      out.add((com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(l));
    }
    return out;
  }

  /** Asserts that the output equals the expected events (order ignored, numbers by value). */
  static void assertOutput(
      FlowTestResult result,
      java.util.List<com.fasterxml.jackson.databind.node.ObjectNode> expected) {
    ExpectedEventsComparator.Comparison c =
        ExpectedEventsComparator.compare(result.events(), expected);
    org.assertj.core.api.Assertions.assertThat(c.matches())
        .as("%s\nOutput:\n%s", c.difference(), result.jsonLines())
        .isTrue();
  }

  static synchronized FlowTestRunner runner() {
    if (runner == null) {
      runner =
          new FlowTestRunner(
              SharedAccess.kafka(),
              SharedAccess.engine(),
              new FlowAnalyzer(new FlinkExpressionChecker()));
    }
    return runner;
  }
}
