package io.eddy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eddy export NAME_OR_ID --format json|sql [--server URL] [-o FILE]}. */
@Command(
    name = "export",
    description = "Exports a flow from a running Eddy server as JSON or Flink SQL.")
final class ExportCommand implements Callable<Integer> {
  enum Format {
    json,
    sql
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME_OR_ID", description = "The flow's name or id.")
  String flow;

  @Option(names = "--format", required = true, description = "json or sql.")
  Format format;

  @Option(
      names = "--server",
      defaultValue = "http://localhost:8080",
      description = "The Eddy server (default: ${DEFAULT-VALUE}).")
  String server;

  @Mixin ServerAccess access;

  @Option(
      names = "--credentials",
      description = "JSON only: include passwords and truststores (a private backup).")
  boolean credentials;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of standard output.")
  Path output;

  @Override
  public Integer call() throws IOException {
    ServerClient client = new ServerClient(server, access.token(System.getenv()));
    String id = resolve(client);
    String query =
        "?format=" + format + (credentials && format == Format.json ? "&credentials=include" : "");
    var response =
        client.send(
            client.request("/api/flows/" + ServerClient.encode(id) + "/export" + query).GET());
    if (response.statusCode() != 200) {
      spec.commandLine()
          .getErr()
          .println(
              "eddy: flow `"
                  + flow
                  + "` cannot be exported as "
                  + format
                  + ": "
                  + client.error(response));
      spec.commandLine().getErr().flush();
      return EddyCli.WRONG_INPUT;
    }
    if (output == null) {
      System.out.write(response.body());
      System.out.flush();
    } else {
      Files.write(output, response.body());
    }
    return EddyCli.OK;
  }

  /**
   * The id of the flow named (or with the id) {@code flow}; refuses an ambiguous name. Names are
   * looked up with the catalogue's search (pages of the flows whose name or description has the
   * name's words), so a large catalogue is not listed whole.
   */
  private String resolve(ServerClient client) {
    var byId = client.send(client.request("/api/flows/" + ServerClient.encode(flow)).GET());
    if (byId.statusCode() == 200 && flow.equals(client.json(byId).path("id").asText())) {
      return flow;
    }
    List<String> byName = new ArrayList<>();
    String cursor = null;
    do {
      String query =
          "?limit=500&sort=name&q="
              + ServerClient.encode(flow)
              + (cursor == null ? "" : "&cursor=" + ServerClient.encode(cursor));
      var response = client.send(client.request("/api/flows" + query).GET());
      if (response.statusCode() != 200) {
        throw new CliException("cannot list flows: " + client.error(response));
      }
      JsonNode page = client.json(response);
      for (JsonNode f : page.path("flows")) {
        if (f.path("name").asText().equals(flow)) {
          byName.add(f.path("id").asText());
        }
      }
      cursor = page.path("next").isTextual() ? page.get("next").asText() : null;
    } while (cursor != null);
    if (byName.isEmpty()) {
      throw new CliException("there is no flow named or with id `" + flow + "` on " + server + ".");
    }
    if (byName.size() > 1) {
      throw new CliException(
          "several flows are named `"
              + flow
              + "` (ids "
              + String.join(", ", byName)
              + "): give the id.");
    }
    return byName.get(0);
  }
}
