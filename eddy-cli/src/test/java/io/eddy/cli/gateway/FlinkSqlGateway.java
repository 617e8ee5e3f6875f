package io.eddy.cli.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.gateway.SqlGateway;
import org.apache.flink.table.gateway.service.context.DefaultContext;
import org.apache.flink.table.gateway.service.session.SessionManager;

/**
 * Apache Flink's own SQL Gateway ({@code flink-sql-gateway}), started in this JVM in front of a
 * session cluster, and driven only through its REST API (v4), statement by statement, the way any
 * gateway client does. Nothing of Eddy runs between a script and the cluster.
 */
public final class FlinkSqlGateway implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(3);

  private final SqlGateway gateway;
  private final String url;
  private final HttpClient http = HttpClient.newHttpClient();

  private FlinkSqlGateway(SqlGateway gateway, String url) {
    this.gateway = gateway;
    this.url = url;
  }

  /** Starts a gateway on a free loopback port whose sessions submit to {@code flinkRestUrl}. */
  public static FlinkSqlGateway start(String flinkRestUrl) throws Exception {
    URI flink = URI.create(flinkRestUrl);
    int port = freePort();
    Configuration conf = new Configuration();
    conf.setString("sql-gateway.endpoint.type", "rest");
    conf.setString("sql-gateway.endpoint.rest.address", "127.0.0.1");
    conf.setString("sql-gateway.endpoint.rest.bind-address", "127.0.0.1");
    conf.setString("sql-gateway.endpoint.rest.port", String.valueOf(port));
    conf.setString("execution.target", "remote");
    conf.setString("rest.address", flink.getHost());
    conf.setString("rest.port", String.valueOf(flink.getPort()));
    SqlGateway gateway =
        new SqlGateway(conf, SessionManager.create(new DefaultContext(conf, List.of())));
    gateway.start();
    return new FlinkSqlGateway(gateway, "http://127.0.0.1:" + port);
  }

  public String url() {
    return url;
  }

  /** A new session with these session properties (e.g. {@code parallelism.default}). */
  public Session openSession(Map<String, String> properties) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("sessionName", "eddy-gateway-test");
    body.set("properties", JSON.valueToTree(properties));
    JsonNode answer = send("POST", "/v4/sessions", body);
    return new Session(answer.path("sessionHandle").asText());
  }

  /** What a statement gave: its rows (fields per row) and the job it started, if any. */
  public record Result(List<JsonNode> rows, String jobId) {}

  /** A statement the gateway refused or that failed, with the gateway's own message. */
  public static final class StatementException extends IOException {
    StatementException(String message) {
      super(message);
    }
  }

  /** One gateway session; statements run one after the other, as the SQL client runs a file. */
  public final class Session implements AutoCloseable {
    private final String handle;

    private Session(String handle) {
      this.handle = handle;
    }

    /**
     * Executes one statement and fetches its result to the end. A statement that starts a job
     * (INSERT) ends once the job is submitted.
     */
    public Result execute(String statement) throws IOException {
      List<JsonNode> rows = new ArrayList<>();
      String jobId =
          fetch(statement, page -> page.path("data").forEach(r -> rows.add(r.path("fields"))));
      return new Result(rows, jobId);
    }

    /**
     * Executes a query and returns its rows as objects named by its columns, fetching until the
     * query's job ends. Only appended rows are expected (what window aggregates give).
     */
    public List<ObjectNode> executeQuery(String statement) throws IOException {
      List<ObjectNode> rows = new ArrayList<>();
      fetch(
          statement,
          page -> {
            JsonNode columns = page.path("columns");
            for (JsonNode row : page.path("data")) {
              if (!row.path("kind").asText().equals("INSERT")) {
                throw new IllegalStateException("The query updated a row: " + row);
              }
              ObjectNode event = JSON.createObjectNode();
              for (int i = 0; i < columns.size(); i++) {
                event.set(columns.get(i).path("name").asText(), row.path("fields").get(i));
              }
              rows.add(event);
            }
          });
      return rows;
    }

    /** Submits the statement and hands each result page to {@code pages}; returns the job id. */
    private String fetch(String statement, java.util.function.Consumer<JsonNode> pages)
        throws IOException {
      ObjectNode body = JSON.createObjectNode();
      body.put("statement", statement);
      String operation =
          send("POST", "/v4/sessions/" + handle + "/statements", body)
              .path("operationHandle")
              .asText();
      String next = "/v4/sessions/" + handle + "/operations/" + operation + "/result/0";
      String jobId = null;
      long deadline = System.nanoTime() + STATEMENT_TIMEOUT.toNanos();
      while (next != null) {
        JsonNode page = send("GET", next + (next.contains("?") ? "" : "?rowFormat=JSON"), null);
        if (page.hasNonNull("jobID")) {
          jobId = page.get("jobID").asText();
        }
        pages.accept(page.path("results"));
        String type = page.path("resultType").asText();
        if (type.equals("EOS")) {
          break;
        }
        next = page.hasNonNull("nextResultUri") ? page.get("nextResultUri").asText() : null;
        if (type.equals("NOT_READY") || page.path("results").path("data").isEmpty()) {
          if (System.nanoTime() > deadline) {
            throw new StatementException(
                "No result within " + STATEMENT_TIMEOUT + ": " + statement);
          }
          sleep(100);
        }
      }
      return jobId;
    }

    @Override
    public void close() throws IOException {
      send("DELETE", "/v4/sessions/" + handle, null);
    }
  }

  private JsonNode send(String method, String path, JsonNode body) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60));
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    JsonNode answer =
        response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    if (response.statusCode() >= 400) {
      // The gateway answers {"errors": ["Internal server error.", "<stack trace with the cause>"]}.
      throw new StatementException(method + " " + path + ": " + answer.path("errors"));
    }
    return answer;
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    gateway.stop();
  }
}
