package io.eddy.cli.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few reads of Flink's own REST API the gateway tests need: jobs, states, operator metrics. */
public final class FlinkJobs {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String restUrl;
  private final HttpClient http = HttpClient.newHttpClient();

  public FlinkJobs(String restUrl) {
    this.restUrl = restUrl.replaceAll("/+$", "");
  }

  public JsonNode get(String path) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(restUrl + path)).timeout(Duration.ofSeconds(30)).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 400) {
        throw new IOException(
            "GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** The id of the newest job with this name in one of the states, if any. */
  public Optional<String> find(String name, List<String> states) throws IOException {
    String newest = null;
    long newestStart = Long.MIN_VALUE;
    for (JsonNode job : get("/jobs/overview").path("jobs")) {
      if (job.path("name").asText().equals(name)
          && states.contains(job.path("state").asText())
          && job.path("start-time").asLong() > newestStart) {
        newest = job.path("jid").asText();
        newestStart = job.path("start-time").asLong();
      }
    }
    return Optional.ofNullable(newest);
  }

  public String state(String jobId) throws IOException {
    return get("/jobs/" + jobId).path("state").asText();
  }

  /**
   * What went wrong in the job, for a failure message: the newest entry of its exception history
   * (name and first line), or "no exception".
   */
  public String lastException(String jobId) throws IOException {
    JsonNode entries =
        get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries");
    if (entries.isEmpty()) {
      return "no exception";
    }
    JsonNode newest = entries.get(0);
    String trace = newest.path("stacktrace").asText("");
    int line = trace.indexOf('\n');
    return line < 0 ? trace : trace.substring(0, line);
  }

  /** Cancels the job (it may have ended already). */
  public void cancel(String jobId) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(restUrl + "/jobs/" + jobId + "?mode=cancel"))
            .method("PATCH", HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(30))
            .build();
    try {
      http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Waits until the job is in one of the states; fails with its last state otherwise. */
  public String await(String jobId, List<String> states, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String state = state(jobId);
    while (!states.contains(state)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("job " + jobId + " is " + state + ", not " + states);
      }
      Thread.sleep(200);
      state = state(jobId);
    }
    return state;
  }

  /** Waits until every task of the job runs (a savepoint needs them all). */
  public void awaitAllTasksRunning(String jobId, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode job = get("/jobs/" + jobId);
      boolean all = job.path("vertices").size() > 0;
      for (JsonNode v : job.path("vertices")) {
        all &= v.path("status").asText().equals("RUNNING");
      }
      if (all) {
        return;
      }
      if (List.of("FAILED", "CANCELED", "FINISHED").contains(job.path("state").asText())
          || System.nanoTime() > deadline) {
        throw new AssertionError("job " + jobId + " does not run all its tasks: " + job);
      }
      Thread.sleep(200);
    }
  }

  /**
   * The sum over every vertex and subtask of the operator metrics whose name ends with {@code
   * suffix} and whose operator name contains {@code operator} (Flink names metrics {@code
   * SUBTASK.OPERATOR.METRIC}, e.g. {@code 0.Source__Orders_(Kafka_topic)[1].numRecordsOut}).
   */
  public long operatorMetric(String jobId, String operator, String suffix) throws IOException {
    long sum = 0;
    for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
      String base = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/metrics";
      List<String> names = new ArrayList<>();
      for (JsonNode m : get(base)) {
        String id = m.path("id").asText();
        if (id.endsWith(suffix) && id.contains(operator)) {
          names.add(id);
        }
      }
      if (names.isEmpty()) {
        continue;
      }
      for (JsonNode m : get(base + "?get=" + String.join(",", names))) {
        sum += (long) m.path("value").asDouble();
      }
    }
    return sum;
  }
}
