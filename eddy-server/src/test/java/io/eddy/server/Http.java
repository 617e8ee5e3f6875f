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

/**
 * A small HTTP client for API tests against the real server, signed in with the server's access
 * token ({@code Authorization: Bearer}) unless a request sets its own Authorization.
 */
public final class Http {
  private final String base;
  private final String token;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Without a token: every API request but {@code /api/health} is refused. */
  public Http(String base) {
    this(base, null);
  }

  public Http(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** A client of {@code server} on its loopback address, signed in as its owner. */
  public static Http signedIn(EddyServer server) {
    return new Http("http://127.0.0.1:" + server.port(), server.accessToken());
  }

  public String token() {
    return token;
  }

  public HttpClient client() {
    return client;
  }

  /** A request to {@code path} carrying the token (for callers that use {@link #client()}). */
  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }

  public URI uri(String path) {
    return URI.create(base + path);
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
      if (token != null && built.headers().firstValue("Authorization").isEmpty()) {
        built =
            HttpRequest.newBuilder(built, (name, value) -> true)
                .header("Authorization", "Bearer " + token)
                .build();
      }
      return client.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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
