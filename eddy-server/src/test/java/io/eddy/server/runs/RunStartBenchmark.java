package io.eddy.server.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.core.analysis.AnalysisWarmUp;
import io.eddy.engine.FlinkEngine;
import io.eddy.server.EddyServer;
import io.eddy.server.Http;
import io.eddy.server.ServerConfig;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (its name keeps it out of the default run): a server as {@code ./eddy}
 * starts it (embedded broker, embedded MiniCluster, the demo and its flow), then through the HTTP
 * API: Run of the demo flow (historical) → first result event counted by the server, and first on
 * the run's results stream (what the browser's results view reads), for the first run after start
 * and for warm runs; then as many runs at once as the cluster has slots, with the live heap and
 * Flink's slot, network and managed memory figures, and one run more. Run:
 *
 * <pre>
 * mvn -B -q -o -pl eddy-server -am test-compile surefire:test -Dtest=RunStartBenchmark \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dexec.skip=true [-Druns=10] [-Dpause=5]
 * </pre>
 *
 * {@code -Dmany=false} leaves out the runs at once. {@code pause}: seconds between the server being
 * ready and the first Run (a person opening the page). docs/performance.md keeps the results.
 */
class RunStartBenchmark {
  static final int RUNS = Integer.getInteger("runs", 10);
  static final int PAUSE = Integer.getInteger("pause", 5);
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void run_to_first_result_and_many_runs_at_once() throws Exception {
    // as ./eddy runs (the build turns both off for tests)
    System.clearProperty(AnalysisWarmUp.PASSES_PROPERTY);
    System.setProperty(RunManager.PLAN_ON_SAVE, "true");
    List<String> lines = new ArrayList<>();
    lines.add("load average at start: " + loadAverage());
    Path dir = Files.createTempDirectory("eddy-run-bench");
    long t0 = System.nanoTime();
    try (EddyServer server =
        EddyServer.start(ServerConfig.defaults(dir).withPort(0).withKafkaPort(0))) {
      lines.add(String.format("server ready: %.2f s", (System.nanoTime() - t0) / 1e9));
      Http http = Http.signedIn(server);
      flinkRest = server.flinkRestAddress();
      String demo = null;
      for (JsonNode f : JSON.readTree(http.get("/api/flows").body())) {
        if (f.path("name").asText().equals("EMEA orders")) {
          demo = f.path("id").asText();
        }
      }
      Thread.sleep(PAUSE * 1_000L);
      FirstResult first = runToFirstResult(http, demo);
      lines.add(
          String.format(
              "first run after start (%d s after ready): %.2f s (first event streamed %.2f s)",
              PAUSE, first.counted(), first.streamed()));
      List<FirstResult> warm = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        warm.add(runToFirstResult(http, demo));
      }
      List<Double> sorted = warm.stream().map(FirstResult::counted).sorted().toList();
      List<Double> streamed = warm.stream().map(FirstResult::streamed).sorted().toList();
      lines.add(
          String.format(
              "warm runs (%d): median %.2f s, min %.2f s, max %.2f s; all %s",
              RUNS,
              median(sorted),
              sorted.get(0),
              sorted.get(sorted.size() - 1),
              warm.stream().map(r -> String.format("%.2f", r.counted())).toList()));
      lines.add(
          String.format(
              "warm runs, first event on the results stream: median %.2f s; all %s",
              median(streamed),
              warm.stream().map(r -> String.format("%.2f", r.streamed())).toList()));
      lines.add(String.format("first / warm median: %.2f", first.counted() / median(sorted)));
      lines.add("splits (first run, then the warm runs):");
      Thread.sleep(3_500);
      for (int i = 0; i < JOB_IDS.size(); i++) {
        lines.add("  " + split(JOB_IDS.get(i), RUNS_DONE.get(i)[0], RUNS_DONE.get(i)[1]));
      }
      lines.add("load average after the runs: " + loadAverage());
      if (Boolean.parseBoolean(System.getProperty("many", "true"))) {
        lines.addAll(manyAtOnce(http, server, demo));
      }
    }
    System.out.println("\nRun start benchmark:\n" + String.join("\n", lines));
  }

  /** Starts every slot's worth of demo-flow copies at once, then one more. */
  private List<String> manyAtOnce(Http http, EddyServer server, String demo) throws Exception {
    List<String> out = new ArrayList<>();
    int slots = FlinkEngine.DEFAULT_SLOTS;
    List<String> flows = new ArrayList<>(List.of(demo));
    for (int i = 1; i <= slots; i++) {
      flows.add(
          JSON.readTree(http.post("/api/flows/" + demo + "/duplicate", "").body())
              .path("id")
              .asText());
    }
    long heapBefore = liveHeap();
    long t = System.nanoTime();
    for (int i = 0; i < slots; i++) {
      http.post("/api/flows/" + flows.get(i) + "/run", "{\"mode\": \"historical\"}");
    }
    int withEvents = 0;
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (withEvents < slots && System.nanoTime() < deadline) {
      Thread.sleep(100);
      withEvents = 0;
      for (int i = 0; i < slots; i++) {
        JsonNode s = JSON.readTree(http.get("/api/flows/" + flows.get(i) + "/run").body());
        if (s.path("status").asText().equals("running") && s.path("eventsOut").asLong() > 0) {
          withEvents++;
        }
      }
    }
    out.add(
        String.format(
            "%d runs at once: %d running with results after %.1f s",
            slots, withEvents, (System.nanoTime() - t) / 1e9));
    Thread.sleep(5_000);
    out.add(
        String.format(
            "live heap (after GC): %d MB before, %d MB with %d runs (max heap %d MB)",
            heapBefore >> 20, liveHeap() >> 20, slots, Runtime.getRuntime().maxMemory() >> 20));
    out.add("Flink: " + flinkFigures(server.flinkRestAddress()));
    HttpResponse<String> refused =
        http.post("/api/flows/" + flows.get(slots) + "/run", "{\"mode\": \"historical\"}");
    out.add("run " + (slots + 1) + ": " + refused.statusCode() + " " + refused.body());
    for (String f : flows) {
      http.delete("/api/flows/" + f + "/run");
    }
    return out;
  }

  /** Slots, network and managed memory in use, from Flink's REST API. */
  private static String flinkFigures(String rest) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    JsonNode overview = get(client, rest + "/overview");
    String tm = get(client, rest + "/taskmanagers").path("taskmanagers").get(0).path("id").asText();
    JsonNode metrics =
        get(
            client,
            rest
                + "/taskmanagers/"
                + tm
                + "/metrics?get=Status.Shuffle.Netty.UsedMemory,Status.Shuffle.Netty.TotalMemory,"
                + "Status.Flink.Memory.Managed.Used,Status.Flink.Memory.Managed.Total");
    StringBuilder out =
        new StringBuilder(
            "slots "
                + (overview.path("slots-total").asInt() - overview.path("slots-available").asInt())
                + " of "
                + overview.path("slots-total").asInt()
                + " taken");
    for (JsonNode m : metrics) {
      out.append(", ")
          .append(m.path("id").asText())
          .append(" = ")
          .append(Long.parseLong(m.path("value").asText()) >> 10)
          .append(" KB");
    }
    return out.toString();
  }

  private static JsonNode get(HttpClient client, String url) throws Exception {
    return JSON.readTree(
        client
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  /**
   * Seconds from POST run to the first output event: delivered to a client of the run's results
   * stream ({@code GET …/run/events}, what the browser's results view reads), and counted by the
   * server ({@code eventsOut} > 0).
   */
  record FirstResult(double streamed, double counted) {}

  private static FirstResult runToFirstResult(Http http, String flowId) throws Exception {
    long wall = System.currentTimeMillis();
    long t = System.nanoTime();
    http.post("/api/flows/" + flowId + "/run", "{\"mode\": \"historical\"}");
    CompletableFuture<Double> streamed =
        CompletableFuture.supplyAsync(() -> firstStreamedEvent(http, flowId, t));
    JsonNode status = JSON.readTree(http.get("/api/flows/" + flowId + "/run").body());
    while (status.path("eventsOut").asLong() == 0) {
      if (status.path("status").asText().equals("failed")) {
        throw new IllegalStateException("The run failed: " + status);
      }
      Thread.sleep(10);
      status = JSON.readTree(http.get("/api/flows/" + flowId + "/run").body());
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    long firstResult = wall + Math.round(seconds * 1000);
    double firstStreamed = streamed.get(60, TimeUnit.SECONDS);
    // read at the end: Flink's REST API serves a job's graph from a cache refreshed every 3 s
    RUNS_DONE.add(new long[] {wall, firstResult});
    JOB_IDS.add(status.path("jobId").asText());
    http.delete("/api/flows/" + flowId + "/run");
    return new FirstResult(firstStreamed, seconds);
  }

  /** Seconds from {@code t} to the first event on the run's results stream (Server-Sent Events). */
  private static double firstStreamedEvent(Http http, String flowId, long t) {
    HttpRequest request =
        http.request("/api/flows/" + flowId + "/run/events")
            .header("Accept", "text/event-stream")
            .build();
    try (Stream<String> lines =
        http.client().send(request, HttpResponse.BodyHandlers.ofLines()).body()) {
      return lines
          .filter(line -> line.startsWith("data:"))
          .findFirst()
          .map(line -> (System.nanoTime() - t) / 1e9)
          .orElseThrow(
              () -> new IllegalStateException("The results stream ended without an event"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String flinkRest;
  static final List<long[]> RUNS_DONE = new ArrayList<>();
  static final List<String> JOB_IDS = new ArrayList<>();

  /**
   * Where a run's start went, from Flink's own timestamps (ms after the POST): the job created on
   * the cluster (planning and submission before it), the job RUNNING, its last task RUNNING, and
   * the first result counted by the server.
   */
  private static String split(String jobId, long posted, long firstResult) {
    try {
      HttpClient client = HttpClient.newHttpClient();
      JsonNode job = get(client, flinkRest + "/jobs/" + jobId);
      long created = job.path("timestamps").path("INITIALIZING").asLong();
      long running = job.path("timestamps").path("RUNNING").asLong();
      long tasksRunning = 0;
      for (JsonNode v : job.path("vertices")) {
        JsonNode times =
            get(
                client,
                flinkRest
                    + "/jobs/"
                    + jobId
                    + "/vertices/"
                    + v.path("id").asText()
                    + "/subtasktimes");
        for (JsonNode st : times.path("subtasks")) {
          tasksRunning = Math.max(tasksRunning, st.path("timestamps").path("RUNNING").asLong());
        }
      }
      return String.format(
          "job on the cluster +%d ms, RUNNING +%d, all tasks RUNNING +%d, first result +%d",
          created - posted, running - posted, tasksRunning - posted, firstResult - posted);
    } catch (Exception e) {
      return "split not read: " + e;
    }
  }

  private static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static long liveHeap() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
