package io.eddy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.eddy.core.document.FlowDocuments;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A small client of a running Eddy server's HTTP API, for {@code eddy import} and {@code export}.
 */
final class ServerClient {
  private final String base;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** {@code token}: the server's access token, or null to send none. */
  ServerClient(String server, String token) {
    this.base = server.replaceAll("/+$", "");
    this.token = token;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  HttpResponse<byte[]> send(HttpRequest.Builder request) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<byte[]> response;
    try {
      response =
          http.send(
              request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new CliException(
          "cannot reach the Eddy server at "
              + base
              + ": is it running? (start it with ./eddy, or pass --server URL)");
    } catch (IOException e) {
      throw new CliException("the Eddy server at " + base + " did not answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
    if (response.statusCode() == 401) {
      throw new CliException(
          "the Eddy server at "
              + base
              + (token == null ? " needs its access token" : " refused the access token")
              + ": set "
              + ServerAccess.ENV
              + " or pass --token-file FILE (the file access-token in the server's data"
              + " directory).");
    }
    return response;
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path));
  }

  JsonNode json(HttpResponse<byte[]> response) {
    try {
      return FlowDocuments.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new CliException(
          "the server at "
              + base
              + " answered something that is not JSON (status "
              + response.statusCode()
              + ").");
    }
  }

  /** The server's error sentence for a failed response. */
  String error(HttpResponse<byte[]> response) {
    try {
      JsonNode body = FlowDocuments.mapper().readTree(response.body());
      StringBuilder message =
          new StringBuilder(
              body.path("error").asText("the server answered " + response.statusCode()));
      for (JsonNode problem : body.path("problems")) {
        String text =
            problem.isTextual()
                ? problem.asText()
                : problem.path("error").asText(problem.toString());
        if (!message.toString().endsWith(text)) {
          message.append("\n  - ").append(text);
        }
      }
      return message.toString();
    } catch (IOException e) {
      return "the server answered " + response.statusCode();
    }
  }
}
