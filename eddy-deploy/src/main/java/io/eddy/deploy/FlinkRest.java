package io.eddy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** A small client of Flink's REST API (JSON over HTTP), with errors as one sentence. */
public final class FlinkRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String baseUrl;
  private final HttpClient http;

  public FlinkRest(String baseUrl) {
    this.baseUrl = normalize(baseUrl);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** {@code http://host:port} without a trailing slash; a bare {@code host:port} gets http://. */
  public static String normalize(String url) {
    if (url == null || url.isBlank()) {
      throw new DeployException("No Flink REST address given.");
    }
    String u = url.strip();
    if (!u.contains("://")) {
      u = "http://" + u;
    }
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    try {
      URI uri = URI.create(u);
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("no host");
      }
    } catch (IllegalArgumentException e) {
      throw new DeployException(
          "`" + url + "` is not a Flink REST address (e.g. http://localhost:8081).");
    }
    return u;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public JsonNode get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), path);
  }

  public JsonNode post(String path, JsonNode body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())),
        path);
  }

  public JsonNode patch(String path) {
    return send(
        HttpRequest.newBuilder(uri(path)).method("PATCH", HttpRequest.BodyPublishers.noBody()),
        path);
  }

  private URI uri(String path) {
    return URI.create(baseUrl + path);
  }

  private JsonNode send(HttpRequest.Builder request, String path) {
    HttpResponse<String> response;
    try {
      response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new FlinkUnreachableException("No Flink cluster answers at " + baseUrl + ".", e);
    } catch (HttpTimeoutException e) {
      throw new FlinkUnreachableException(
          "The Flink cluster at " + baseUrl + " did not answer in time.", e);
    } catch (IOException e) {
      throw new FlinkUnreachableException(
          "The Flink cluster at " + baseUrl + " could not be reached (" + e + ").", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeployException("Interrupted while talking to Flink.", e);
    }
    JsonNode body;
    try {
      body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      body = JSON.createObjectNode().put("text", response.body());
    }
    if (response.statusCode() >= 400) {
      throw new FlinkRestException(response.statusCode(), path, firstError(body));
    }
    return body;
  }

  /** The first line of Flink's first error message. */
  static String firstError(JsonNode body) {
    JsonNode errors = body.path("errors");
    String text =
        errors.isArray() && !errors.isEmpty() ? errors.get(0).asText() : body.path("text").asText();
    text = text.strip();
    int newline = text.indexOf('\n');
    return newline > 0 ? text.substring(0, newline).strip() : text;
  }

  /** Flink answered with an error status. */
  public static final class FlinkRestException extends DeployException {
    private final int status;

    FlinkRestException(int status, String path, String message) {
      super(
          "Flink answered " + status + " to " + path + (message.isEmpty() ? "." : ": " + message));
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
