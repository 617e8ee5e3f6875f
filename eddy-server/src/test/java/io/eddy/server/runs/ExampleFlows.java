package io.eddy.server.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.server.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The run tests' flows: an example of {@code examples/} imported into the server under test. */
final class ExampleFlows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExampleFlows() {}

  /**
   * Imports {@code examples/<example>.json} as {@code name} with every Kafka node on {@code
   * bootstrap}, and the nodes of a type in {@code topicByType} on that topic; the new flow's id.
   */
  static String importExample(
      Http http, String example, String name, String bootstrap, Map<String, String> topicByType) {
    try {
      ObjectNode doc =
          (ObjectNode)
              JSON.readTree(Files.readString(Path.of("..", "examples", example + ".json")));
      for (JsonNode node : doc.path("nodes")) {
        if (node.path("config").path("kafka") instanceof ObjectNode kafka) {
          kafka.putArray("bootstrapServers").add(bootstrap);
          // By node id, else by node type.
          String topic =
              topicByType.getOrDefault(
                  node.path("id").asText(), topicByType.get(node.path("type").asText()));
          if (topic != null) {
            kafka.put("topic", topic);
          }
        }
      }
      String answer =
          http.post(
                  "/api/flows/import?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
                  doc.toString())
              .body();
      return JSON.readTree(answer).get(0).get("id").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
