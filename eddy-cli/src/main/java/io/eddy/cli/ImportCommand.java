package io.eddy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eddy import FILE... [--server URL] [--name NAME]}: each file becomes a new flow. */
@Command(
    name = "import",
    description = "Imports JSON flows into a running Eddy server; each file becomes a new flow.")
final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Flow documents (JSON exports).")
  List<Path> files;

  @Option(
      names = "--server",
      defaultValue = "http://localhost:8080",
      description = "The Eddy server (default: ${DEFAULT-VALUE}).")
  String server;

  @Mixin ServerAccess access;

  @Option(names = "--name", description = "The name of the new flows (default: Untitled flow).")
  String name;

  @Override
  public Integer call() throws IOException {
    ServerClient client = new ServerClient(server, access.token(System.getenv()));
    String boundary = "eddy-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Path file : files) {
      byte[] content;
      try {
        content = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        throw new CliException(file + ": no such file.");
      }
      String filename = file.getFileName().toString().replace("\"", "");
      body.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                  + filename
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.write(content);
      body.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    String query = name == null ? "" : "?name=" + ServerClient.encode(name);
    var response =
        client.send(
            client
                .request("/api/flows/import" + query)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    JsonNode answer = response.statusCode() < 500 ? client.json(response) : null;
    if (answer != null) {
      for (JsonNode created : answer.isArray() ? answer : answer.path("created")) {
        out.println(
            "imported "
                + created.path("name").asText()
                + " (id "
                + created.path("id").asText()
                + ")");
      }
    }
    out.flush();
    if (response.statusCode() != 201) {
      err.println("eddy: " + client.error(response));
      err.flush();
      return EddyCli.WRONG_INPUT;
    }
    return EddyCli.OK;
  }
}
