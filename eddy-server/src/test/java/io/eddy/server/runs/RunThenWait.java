package io.eddy.server.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.server.EddyServer;
import io.eddy.server.Http;
import io.eddy.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child process: a server with its own embedded broker on {@code args[0]} (Flink at {@code
 * args[1]}) that starts a run, prints {@code topic NAME} with its results topic, and waits to be
 * killed.
 */
public final class RunThenWait {
  private RunThenWait() {}

  public static void main(String[] args) throws Exception {
    EddyServer server =
        EddyServer.start(
            ServerConfig.defaults(Path.of(args[0]))
                .withPort(0)
                .withKafkaPort(0)
                .withFlinkUrl(args[1])
                .withDemo(false));
    Http http = Http.signedIn(server);
    ObjectMapper json = new ObjectMapper();
    ObjectNode doc =
        (ObjectNode)
            json.readTree(
                Files.readString(Path.of("..", "examples", "orders-without-personal-data.json")));
    for (JsonNode node : doc.path("nodes")) {
      if (node.path("config").path("kafka") instanceof ObjectNode kafka) {
        kafka.putArray("bootstrapServers").add(server.kafkaBootstrap());
      }
    }
    String id =
        json.readTree(
                http.raw(
                        "POST",
                        "/api/flows/import?name=Killed",
                        "application/json",
                        doc.toString().getBytes(StandardCharsets.UTF_8))
                    .body())
            .get(0)
            .get("id")
            .asText();
    http.post("/api/flows/" + id + "/run", "{\"mode\": \"historical\"}");
    String topic =
        json.readTree(http.get("/api/flows/" + id + "/run").body()).get("outputTopic").asText();
    System.out.println("topic " + topic);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
