package io.eddy.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** A small HTTP client for API tests against the real server. */
public final class Http {
  private final String base;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public Http(String base) {
    this.base = base;
  }

  public HttpClient client() {
    return client;
  }

  public URI uri(String path) {
    return URI.create(base + path);
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(
          request.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  public HttpResponse<String> delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  public HttpResponse<String> json(String method, String path, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b);
  }

  public HttpResponse<String> post(String path, String body) {
    return json("POST", path, body);
  }

  public HttpResponse<String> raw(String method, String path, String contentType, byte[] body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** A multipart/form-data upload of files (name, content) in the field {@code file}. */
  public HttpResponse<String> upload(String path, Object... nameAndContent) {
    String boundary = "----eddy" + UUID.randomUUID();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      for (int i = 0; i < nameAndContent.length; i += 2) {
        String name = (String) nameAndContent[i];
        Object content = nameAndContent[i + 1];
        byte[] bytes =
            content instanceof byte[] b ? b : ((String) content).getBytes(StandardCharsets.UTF_8);
        out.write(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + name
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return raw("POST", path, "multipart/form-data; boundary=" + boundary, out.toByteArray());
  }
}
