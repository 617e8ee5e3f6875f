package io.eddy.server.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import io.eddy.core.model.Node;
import io.eddy.engine.testing.TestPostgres;
import io.eddy.server.EddyServer;
import io.eddy.server.Http;
import io.eddy.server.ServerConfig;
import io.eddy.server.SharedInfra;
import io.eddy.server.store.FlowStore;
import io.eddy.server.store.SecretCipher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (its name keeps it out of the default run): 10,000 stored flows (copies of
 * the EMEA orders example, a quarter of them drafts, a tenth tagged) on H2 and on PostgreSQL, the
 * real server on each, then: the list's first page, a text search, filters, the plain array; and
 * the home page in headless Chromium (e2e/bench-home.mjs): time to the first tile and per keystroke
 * of a search. Run:
 *
 * <pre>
 * mvn -B -q -pl eddy-server -am test -Dtest=CatalogueBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * ({@code -Dflows=N} for another size). Results are printed as a table; docs/performance.md keeps
 * them.
 */
class CatalogueBenchmark {
  static final int FLOWS = Integer.getInteger("flows", 10_000);
  static final Path UI = Path.of("../eddy-ui").toAbsolutePath().normalize();
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void ten_thousand_flows_on_h2_and_postgresql() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("| store | what | n | p50 ms | p95 ms | max ms |");
    lines.add("| --- | --- | --- | --- | --- | --- |");
    lines.addAll(measure("H2", null));
    lines.addAll(measure("PostgreSQL", TestPostgres.newDatabase()));
    System.out.println("\nCatalogue benchmark, " + FLOWS + " flows:\n" + String.join("\n", lines));
  }

  private List<String> measure(String label, String postgresUrl) throws Exception {
    Path dataDir = Files.createTempDirectory("eddy-catalogue-bench");
    long fill = fill(postgresUrl == null ? FlowStore.defaultUrl(dataDir) : postgresUrl, dataDir);
    List<String> out = new ArrayList<>();
    out.add(
        "| " + label + " | storing " + FLOWS + " flows (batches of 500) | 1 | " + fill + " | | |");
    ServerConfig config = SharedInfra.serverConfig(dataDir).withStore(postgresUrl, null, null);
    try (EddyServer server = EddyServer.start(config)) {
      Http http = Http.signedIn(server);
      for (int i = 0; i < 30; i++) {
        http.get("/api/flows?limit=48");
      }
      Random random = new Random(17);
      out.add(
          row(label, "first page `?limit=48`", time(200, i -> http.get("/api/flows?limit=48"))));
      out.add(
          row(
              label,
              "text search `?limit=48&q=orders+N`",
              time(100, i -> http.get("/api/flows?limit=48&q=orders+" + random.nextInt(FLOWS)))));
      out.add(
          row(
              label,
              "search + status + tag + sort by name",
              time(
                  100,
                  i ->
                      http.get(
                          "/api/flows?limit=48&q=emea&status=valid&tag=team-"
                              + (i % 7)
                              + "&sort=name"))));
      out.add(row(label, "page 20 by cursor (sort=name)", time(5, i -> pageByCursor(http, 20))));
      out.add(
          row(
              label,
              "plain array `GET /api/flows` (every flow)",
              time(10, i -> http.get("/api/flows"))));
      out.addAll(browser(label, server.url(), server.accessToken()));
    }
    return out;
  }

  /** Stores the flows directly (the list is what is measured, not importing). */
  private long fill(String url, Path dataDir) throws Exception {
    Flow demo = FlowDocuments.read(Files.readString(Path.of("..", "examples", "emea-orders.json")));
    FlowAnalyzer analyzer = new FlowAnalyzer(new FlinkExpressionChecker());
    // The status depends on the nodes only: analyse each kind of flow once.
    Map<List<Node>, String> statuses = new ConcurrentHashMap<>();
    FlowStore.Options options =
        new FlowStore.Options(
            f ->
                statuses.computeIfAbsent(
                    f.nodes(), n -> analyzer.report(f).valid() ? "valid" : "draft"),
            0);
    long started = System.nanoTime();
    try (FlowStore store =
        FlowStore.open(url, null, null, SecretCipher.forDataDir(dataDir), options)) {
      List<Flow> batch = new ArrayList<>();
      for (int i = 0; i < FLOWS; i++) {
        Flow f =
            demo.withName("Orders " + i)
                .withDescription("EMEA orders copy " + i + " for region team " + (i % 7));
        if (i % 4 == 3) {
          // the filter not configured yet: a draft
          f =
              f.withNodes(
                      List.of(
                          demo.nodes().get(0),
                          demo.nodes().get(1).withConfig(null),
                          demo.nodes().get(2)))
                  .withName("Draft orders " + i);
        }
        if (i % 10 == 0) {
          f = f.withTags(List.of("team-" + (i % 7), "emea"));
        }
        batch.add(f);
        if (batch.size() == 500) {
          store.createAll(batch);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        store.createAll(batch);
      }
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }

  private static Object pageByCursor(Http http, int pages) {
    String cursor = null;
    for (int p = 0; p < pages; p++) {
      JsonNode page =
          json(
              http.get(
                      "/api/flows?limit=48&sort=name" + (cursor == null ? "" : "&cursor=" + cursor))
                  .body());
      cursor = page.get("next").asText();
    }
    return cursor;
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new IllegalStateException(body, e);
    }
  }

  @FunctionalInterface
  interface Call {
    Object run(int i) throws Exception;
  }

  private static long[] time(int n, Call call) throws Exception {
    long[] ms = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      call.run(i);
      ms[i] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0);
    }
    Arrays.sort(ms);
    return ms;
  }

  private static String row(String label, String what, long[] micros) {
    return "| "
        + label
        + " | "
        + what
        + " | "
        + micros.length
        + " | "
        + ms(percentile(micros, 50))
        + " | "
        + ms(percentile(micros, 95))
        + " | "
        + ms(micros[micros.length - 1])
        + " |";
  }

  private static long percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static String ms(long micros) {
    return String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0);
  }

  /** The home page in headless Chromium: e2e/bench-home.mjs against this server. */
  private static List<String> browser(String label, String url, String token) throws Exception {
    ProcessBuilder node = new ProcessBuilder("node", "e2e/bench-home.mjs").directory(UI.toFile());
    node.environment().put("EDDY_URL", url);
    node.environment().put("EDDY_TOKEN", token);
    node.redirectErrorStream(true);
    Process process = node.start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      return List.of("| " + label + " | home page: the browser benchmark failed | | | | |", output);
    }
    String last = output.strip().lines().reduce((a, b) -> b).orElse("{}");
    JsonNode result = json(last);
    List<String> out = new ArrayList<>();
    out.add(
        row(
            label,
            "home page: navigation → first tile ("
                + result.get("tilesInDom")
                + " tiles in the DOM)",
            micros(result.get("firstTileMs"))));
    out.add(
        row(
            label,
            "home page: search keystroke → tiles answer the text typed",
            micros(result.get("keystrokeMs"))));
    return out;
  }

  private static long[] micros(JsonNode list) {
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i).asLong() * 1000;
    }
    Arrays.sort(out);
    return out;
  }
}
