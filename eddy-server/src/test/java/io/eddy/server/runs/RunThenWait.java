package io.eddy.server.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.server.EddyServer;
import io.eddy.server.Http;
import io.eddy.server.ServerConfig;
import java.nio.file.Path;
import java.util.Map;

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
    String id =
        ExampleFlows.importExample(
            http, "orders-without-personal-data", "Killed", server.kafkaBootstrap(), Map.of());
    http.post("/api/flows/" + id + "/run", "{\"mode\": \"historical\"}");
    String topic =
        new ObjectMapper()
            .readTree(http.get("/api/flows/" + id + "/run").body())
            .get("outputTopic")
            .asText();
    System.out.println("topic " + topic);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
