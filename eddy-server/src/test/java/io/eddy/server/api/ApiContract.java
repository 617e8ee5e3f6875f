package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.engine.testing.TestPostgres;
import io.eddy.server.EddyServer;
import io.eddy.server.Http;
import io.eddy.server.ServerConfig;
import io.eddy.server.SharedInfra;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP API against the real server on a random port with a temporary data directory; run once
 * per store database (subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiContract {
  static final ObjectMapper JSON = new ObjectMapper();
  EddyServer server;
  Http http;
  Path dataDir;

  /** The store URL (null for the default H2 file). */
  abstract String storeUrl();

  @BeforeAll
  void start() throws Exception {
    dataDir = Files.createTempDirectory("eddy-api-test");
    ServerConfig config =
        SharedInfra.serverConfig(dataDir).withDemo(true).withStore(storeUrl(), null, null);
    server = EddyServer.start(config);
    http = Http.signedIn(server);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
    }
  }

  static String etag(HttpResponse<String> r) {
    return r.headers().firstValue("ETag").orElseThrow();
  }

  String demoFlowId() {
    for (JsonNode f : json(http.get("/api/flows"))) {
      if (f.get("name").asText().equals("EMEA orders")) {
        return f.get("id").asText();
      }
    }
    throw new AssertionError("no demo flow");
  }

  ObjectNode demoDocument() throws Exception {
    ObjectNode doc = (ObjectNode) json(http.get("/api/flows/" + demoFlowId()));
    doc.remove(List.of("id", "revision", "createdAt", "updatedAt"));
    return doc;
  }

  /** The demo flow with a password on its source. */
  ObjectNode documentWithSecret() throws Exception {
    ObjectNode doc = demoDocument();
    ObjectNode kafka = (ObjectNode) doc.get("nodes").get(0).get("config").get("kafka");
    kafka
        .putObject("security")
        .put("protocol", "SASL_PLAINTEXT")
        .put("mechanism", "PLAIN")
        .put("username", "alice")
        .put("password", "hunter2-secret");
    doc.put("name", "With a secret");
    return doc;
  }

  int flowCount() {
    return json(http.get("/api/flows")).size();
  }

  // ---- health, errors, UI ----

  @Test
  void health_is_up_when_store_engine_and_broker_are() {
    var r = http.get("/api/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("store").asText()).isEqualTo("up");
    assertThat(json(r).get("engine").asText()).isEqualTo("up");
    assertThat(json(r).get("kafka").asText()).isEqualTo("up");
  }

  @Test
  void unknown_api_paths_and_flows_answer_404_in_the_error_shape() {
    var r = http.get("/api/nothing-here");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("error").asText()).contains("/api/nothing-here");
    var f = http.get("/api/flows/does-not-exist");
    assertThat(f.statusCode()).isEqualTo(404);
    assertThat(json(f).get("error").asText())
        .isEqualTo("There is no flow with id `does-not-exist`.");
  }

  @Test
  void serves_the_web_ui_with_a_fallback_to_index_html_for_app_paths() {
    var root = http.get("/");
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.body()).containsIgnoringCase("<html");
    var deep = http.get("/flows/some-id/edit");
    assertThat(deep.statusCode()).isEqualTo(200);
    assertThat(deep.body()).isEqualTo(root.body());
  }

  // ---- flows ----

  @Test
  void creates_then_saves_with_the_right_revision_and_refuses_a_stale_one() throws Exception {
    var created =
        http.post("/api/flows", "{\"name\": \"Orders über 100 ✓\", \"description\": \"d\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode flow = json(created);
    String id = flow.get("id").asText();
    assertThat(flow.get("revision").asLong()).isEqualTo(1);
    assertThat(etag(created)).isEqualTo("\"1\"");
    assertThat(flow.get("format").asText()).isEqualTo("eddy-flow");

    var got = http.get("/api/flows/" + id);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(etag(got)).isEqualTo("\"1\"");
    assertThat(json(got).get("name").asText()).isEqualTo("Orders über 100 ✓");

    ObjectNode doc = demoDocument().put("name", "Orders über 100 ✓");
    var saved = http.json("PUT", "/api/flows/" + id, doc.toString(), "If-Match", etag(got));
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(etag(saved)).isEqualTo("\"2\"");
    assertThat(json(saved).get("nodes")).hasSize(3);

    var stale = http.json("PUT", "/api/flows/" + id, doc.toString(), "If-Match", "\"1\"");
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(json(stale).get("error").asText()).contains("changed by someone else");
    assertThat(etag(stale)).isEqualTo("\"2\"");

    var noIfMatch = http.json("PUT", "/api/flows/" + id, doc.toString());
    assertThat(noIfMatch.statusCode()).isEqualTo(428);
    assertThat(json(noIfMatch).get("error").asText()).contains("If-Match");

    var notAFlow = http.json("PUT", "/api/flows/" + id, "[1, 2]", "If-Match", "\"2\"");
    assertThat(notAFlow.statusCode()).isEqualTo(422);
    assertThat(json(notAFlow).get("error").asText()).contains("not an Eddy flow");

    var malformed = http.json("PUT", "/api/flows/" + id, "{\"nodes\": [", "If-Match", "\"2\"");
    assertThat(malformed.statusCode()).isEqualTo(422);
    assertThat(json(malformed).get("error").asText()).contains("line 1, column");
    assertThat(json(http.get("/api/flows/" + id)).get("revision").asLong()).isEqualTo(2);

    var unsupported = http.raw("POST", "/api/flows/import", "text/plain", "hello".getBytes());
    assertThat(unsupported.statusCode()).isEqualTo(415);
  }

  @Test
  void renames_duplicates_deletes_and_lists_with_status() throws Exception {
    String id = json(http.post("/api/flows", "{\"name\": \"Draft flow\"}")).get("id").asText();
    var renamed =
        http.json("PATCH", "/api/flows/" + id, "{\"name\": \"Renamed\", \"description\": \"new\"}");
    assertThat(renamed.statusCode()).isEqualTo(200);
    assertThat(json(renamed).get("name").asText()).isEqualTo("Renamed");
    assertThat(json(renamed).get("description").asText()).isEqualTo("new");
    assertThat(http.json("PATCH", "/api/flows/" + id, "{\"name\": \"   \"}").statusCode())
        .isEqualTo(422);
    assertThat(
            http.json("PATCH", "/api/flows/" + id, "{\"name\": \"X\"}", "If-Match", "\"1\"")
                .statusCode())
        .isEqualTo(412);

    var copy = http.post("/api/flows/" + demoFlowId() + "/duplicate", "");
    assertThat(copy.statusCode()).isEqualTo(201);
    assertThat(json(copy).get("name").asText()).isEqualTo("EMEA orders (copy)");
    assertThat(json(copy).get("id").asText()).isNotEqualTo(demoFlowId());

    JsonNode list = json(http.get("/api/flows"));
    String renamedStatus = null;
    String demoStatus = null;
    for (JsonNode f : list) {
      assertThat(f.has("updatedAt")).isTrue();
      if (f.get("id").asText().equals(id)) {
        renamedStatus = f.get("status").asText();
      }
      if (f.get("id").asText().equals(demoFlowId())) {
        demoStatus = f.get("status").asText();
      }
    }
    assertThat(renamedStatus).isEqualTo("draft");
    assertThat(demoStatus).isIn("valid", "running");

    var validation = json(http.get("/api/flows/" + demoFlowId() + "/validation"));
    assertThat(validation.get("valid").asBoolean()).isTrue();
    assertThat(validation.get("nodes")).hasSize(3);

    assertThat(http.delete("/api/flows/" + json(copy).get("id").asText()).statusCode())
        .isEqualTo(204);
    assertThat(http.get("/api/flows/" + json(copy).get("id").asText()).statusCode()).isEqualTo(404);
    assertThat(http.delete("/api/flows/" + json(copy).get("id").asText()).statusCode())
        .isEqualTo(404);
  }

  // ---- export and import ----

  @Test
  void exports_json_without_credentials_and_imports_it_back_as_a_new_flow() throws Exception {
    ObjectNode doc = documentWithSecret();
    var created = http.post("/api/flows", "{\"name\": \"With a secret\"}");
    String id = json(created).get("id").asText();
    http.json("PUT", "/api/flows/" + id, doc.toString(), "If-Match", "1");

    var export = http.get("/api/flows/" + id + "/export?format=json");
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Disposition").orElseThrow())
        .isEqualTo(
            "attachment; filename=\"With a secret.json\"; filename*=UTF-8''With%20a%20secret.json");
    assertThat(export.body()).doesNotContain("hunter2-secret").contains("${ORDERS_KAFKA_PASSWORD}");

    var withSecrets = http.get("/api/flows/" + id + "/export?format=json&credentials=include");
    assertThat(withSecrets.body()).contains("hunter2-secret");

    int before = flowCount();
    var imported =
        http.raw(
            "POST",
            "/api/flows/import",
            "application/json",
            export.body().getBytes(StandardCharsets.UTF_8));
    assertThat(imported.statusCode()).isEqualTo(201);
    JsonNode flow = json(imported).get(0);
    assertThat(flow.get("id").asText()).isNotEqualTo(id);
    assertThat(flow.get("name").asText()).isEqualTo("Untitled flow");
    assertThat(flowCount()).isEqualTo(before + 1);
    // the same document apart from the name
    ObjectNode back =
        (ObjectNode)
            JSON.readTree(
                http.get("/api/flows/" + flow.get("id").asText() + "/export?format=json").body());
    ObjectNode original = (ObjectNode) JSON.readTree(export.body());
    back.remove("name");
    original.remove("name");
    assertThat(back).isEqualTo(original);

    var named =
        http.raw(
            "POST",
            "/api/flows/import?name="
                + java.net.URLEncoder.encode("Back up ✓", StandardCharsets.UTF_8),
            "application/json",
            withSecrets.body().getBytes(StandardCharsets.UTF_8));
    assertThat(named.statusCode()).isEqualTo(201);
    assertThat(json(named).get(0).get("name").asText()).isEqualTo("Back up ✓");

    var two =
        http.upload("/api/flows/import", "a.json", export.body(), "b.json", withSecrets.body());
    assertThat(two.statusCode()).isEqualTo(201);
    assertThat(json(two)).hasSize(2);
    assertThat(flowCount()).isEqualTo(before + 4);
  }

  @Test
  void exports_sql_as_an_attachment_and_refuses_a_flow_that_breaks_the_rules() throws Exception {
    var sql = http.get("/api/flows/" + demoFlowId() + "/export?format=sql");
    assertThat(sql.statusCode()).isEqualTo(200);
    assertThat(sql.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("filename=\"EMEA orders.sql\"");
    assertThat(sql.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/sql");
    assertThat(sql.body()).contains("CREATE TABLE").contains("INSERT INTO");

    ObjectNode doc = demoDocument();
    ObjectNode second = ((ObjectNode) doc.get("nodes").get(0)).deepCopy();
    second.put("id", "orders2").put("name", "More orders");
    ((com.fasterxml.jackson.databind.node.ArrayNode) doc.get("nodes")).add(second);
    doc.put("name", "Two sources");
    String id = json(http.post("/api/flows", "{\"name\": \"Two sources\"}")).get("id").asText();
    assertThat(http.json("PUT", "/api/flows/" + id, doc.toString(), "If-Match", "1").statusCode())
        .isEqualTo(200);
    var refused = http.get("/api/flows/" + id + "/export?format=sql");
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(json(refused).get("error").asText())
        .startsWith("The flow cannot be exported as SQL");
    assertThat(json(refused).get("problems")).isNotEmpty();
    assertThat(json(refused).get("problems").toString()).contains("More orders");

    assertThat(http.get("/api/flows/" + id + "/export?format=xml").statusCode()).isEqualTo(422);
  }

  @Test
  void export_file_names_are_safe_and_keep_non_ascii() throws Exception {
    String id =
        json(http.post("/api/flows", "{\"name\": \"../..\\\\Ünïcødé: \\\"report\\\" ✓?\"}"))
            .get("id")
            .asText();
    var export = http.get("/api/flows/" + id + "/export?format=json");
    String cd = export.headers().firstValue("Content-Disposition").orElseThrow();
    assertThat(cd).startsWith("attachment; filename=\"");
    String plain = cd.replaceAll("^attachment; filename=\"([^\"]*)\".*$", "$1");
    assertThat(plain)
        .doesNotContain("/")
        .doesNotContain("\\")
        .doesNotContain("..")
        .endsWith(".json");
    String star = cd.replaceAll("^.*filename\\*=UTF-8''", "");
    assertThat(java.net.URLDecoder.decode(star, StandardCharsets.UTF_8))
        .isEqualTo("_._Ünïcødé_ _report_ ✓_.json");
  }

  @Test
  void an_sql_file_is_refused_and_nothing_is_saved() {
    int before = flowCount();
    String sql = http.get("/api/flows/" + demoFlowId() + "/export?format=sql").body();
    var r = http.upload("/api/flows/import", "EMEA orders.sql", sql);
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(json(r).get("error").asText())
        .contains("SQL exports cannot be imported")
        .contains("JSON");
    var body =
        http.raw(
            "POST", "/api/flows/import", "application/sql", sql.getBytes(StandardCharsets.UTF_8));
    assertThat(body.statusCode()).isEqualTo(415);
    var disguised = http.upload("/api/flows/import", "flow.json", sql);
    assertThat(disguised.statusCode()).isEqualTo(415);
    assertThat(json(disguised).get("error").asText()).contains("SQL exports cannot be imported");
    assertThat(flowCount()).isEqualTo(before);
  }

  @Test
  void malformed_and_hostile_documents_are_refused_with_where_and_nothing_is_saved()
      throws Exception {
    int before = flowCount();
    var malformed =
        http.upload(
            "/api/flows/import",
            "broken.json",
            "{\n  \"format\": \"eddy-flow\",\n  \"nodes\": [,]\n}");
    assertThat(malformed.statusCode()).isEqualTo(422);
    assertThat(json(malformed).get("error").asText())
        .contains("`broken.json`")
        .contains("line 3, column");
    assertThat(json(malformed).get("problems").get(0).get("line").asInt()).isEqualTo(3);
    assertThat(json(malformed).get("problems").get(0).has("column")).isTrue();

    var notAFlow = http.upload("/api/flows/import", "people.json", "{\"people\": []}");
    assertThat(notAFlow.statusCode()).isEqualTo(422);
    assertThat(json(notAFlow).get("error").asText()).contains("not an Eddy flow");

    ObjectNode newer = demoDocument().put("version", 99);
    var tooNew = http.upload("/api/flows/import", "future.json", newer.toString());
    assertThat(tooNew.statusCode()).isEqualTo(422);
    assertThat(json(tooNew).get("error").asText()).contains("99");

    byte[] big = new byte[io.eddy.core.document.FlowLimits.MAX_DOCUMENT_BYTES + 10];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    var tooBig = http.upload("/api/flows/import", "huge.json", big);
    assertThat(tooBig.statusCode()).isEqualTo(422);
    assertThat(json(tooBig).get("error").asText())
        .contains("`huge.json`")
        .contains("over the limit of 16 MiB");
    var tooBigBody = http.raw("POST", "/api/flows/import", "application/json", big);
    assertThat(tooBigBody.statusCode()).isEqualTo(422);

    var deep = http.upload("/api/flows/import", "deep.json", "[".repeat(100_000));
    assertThat(deep.statusCode()).isEqualTo(422);
    assertThat(json(deep).get("error").asText()).contains("`deep.json`");

    var binary =
        http.upload(
            "/api/flows/import",
            "photo.json",
            new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1});
    assertThat(binary.statusCode()).isEqualTo(422);
    assertThat(json(binary).get("error").asText()).contains("not UTF-8");

    var mixed =
        http.upload(
            "/api/flows/import", "good.json", demoDocument().toString(), "bad.json", "{oops}");
    assertThat(mixed.statusCode()).isEqualTo(422);
    assertThat(json(mixed).get("error").asText())
        .contains("nothing was imported")
        .contains("`bad.json`");

    var hostileName =
        http.upload(
            "/api/flows/import?name=" + "x".repeat(500), "ok.json", demoDocument().toString());
    assertThat(hostileName.statusCode()).isEqualTo(422);

    var garbled =
        http.raw(
            "POST",
            "/api/flows/import",
            "multipart/form-data; boundary=xyz",
            "not multipart".getBytes());
    assertThat(garbled.statusCode()).isIn(415, 422);
    assertThat(json(garbled).get("error").asText()).doesNotContain("Exception");

    assertThat(flowCount()).isEqualTo(before);
    var stillUp = http.get("/api/health");
    assertThat(stillUp.statusCode()).isEqualTo(200);
  }

  record Sse(String id, JsonNode data) {}

  /** Reads {@code count} events of an SSE stream (failing after 60 s). */
  List<Sse> readSse(String path, String lastEventId, int count) throws Exception {
    HttpRequest.Builder request = http.request(path).header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<java.io.InputStream> stream =
        http.client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    List<Sse> events = new ArrayList<>();
    CompletableFuture<Void> reading =
        CompletableFuture.runAsync(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                String id = null;
                while (events.size() < count && (line = in.readLine()) != null) {
                  if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                  } else if (line.startsWith("data:")) {
                    events.add(new Sse(id, JSON.readTree(line.substring(5).strip())));
                  }
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      reading.get(60, TimeUnit.SECONDS);
    } finally {
      stream.body().close();
    }
    return events;
  }

  // ---- runs ----

  @Test
  void runs_the_demo_flow_from_history_streams_events_then_stops() throws Exception {
    String id = demoFlowId();
    assertThat(json(http.get("/api/flows/" + id + "/run")).get("status").asText())
        .isEqualTo("none");
    long startedAt = System.nanoTime();
    var started = http.post("/api/flows/" + id + "/run", "{\"mode\": \"historical\"}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    assertThat(json(started).get("status").asText()).isIn("starting", "running");

    var again = http.post("/api/flows/" + id + "/run", "{\"mode\": \"historical\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).get("error").asText()).contains("already running");

    // SSE: the first events arrive within seconds
    List<Sse> events = readSse("/api/flows/" + id + "/run/events", null, 3);
    assertThat(events).hasSize(3);
    long firstEventMillis = (System.nanoTime() - startedAt) / 1_000_000;
    System.out.println("First SSE event " + firstEventMillis + " ms after POST /run");
    assertThat(firstEventMillis).isLessThan(45_000);
    for (Sse e : events) {
      assertThat(e.data().get("region").asText()).isEqualTo("EMEA");
      assertThat(e.data().has("ordertime")).isTrue();
    }
    // a late joiner that reconnects resumes after the last event it saw, without repeats
    List<Sse> resumed = readSse("/api/flows/" + id + "/run/events", events.get(1).id(), 1);
    assertThat(resumed.get(0).id()).isEqualTo(events.get(2).id());
    assertThat(resumed.get(0).data()).isEqualTo(events.get(2).data());
    assertThat(http.get("/api/flows/nope/run/events").statusCode()).isEqualTo(404);
    var plain = http.get("/api/flows/" + id + "/run/events");
    assertThat(plain.statusCode()).isEqualTo(406);
    assertThat(json(plain).get("error").asText()).contains("Accept: text/event-stream");

    JsonNode status = json(http.get("/api/flows/" + id + "/run"));
    assertThat(status.get("status").asText()).isIn("starting", "running");
    assertThat(status.get("jobId").asText()).hasSize(32);
    assertThat(status.get("eventsOut").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(status.get("startedAt").asText()).isNotBlank();
    boolean listed = false;
    for (JsonNode f : json(http.get("/api/flows"))) {
      if (f.get("id").asText().equals(id)) {
        listed = f.get("status").asText().equals("running");
      }
    }
    assertThat(listed).as("the list shows the flow running").isTrue();

    var csv = http.get("/api/flows/" + id + "/run/events.csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0])
        .isEqualTo("id,customer,customerid,description,price,quantity,region,ordertime");
    assertThat(lines.length).isGreaterThan(3);
    assertThat(lines[1]).contains(",EMEA,");

    var stopped = http.delete("/api/flows/" + id + "/run");
    assertThat(stopped.statusCode()).isEqualTo(200);
    assertThat(json(stopped).get("status").asText()).isEqualTo("stopped");
    assertThat(json(http.get("/api/flows/" + id + "/run")).get("status").asText())
        .isEqualTo("stopped");
    // the kept events can still be downloaded after the stop
    assertThat(http.get("/api/flows/" + id + "/run/events.csv").body().split("\r\n").length)
        .isGreaterThan(3);
    // the audit log has the start, the refused second start and the stop, newest first
    List<String> audited = new ArrayList<>();
    for (JsonNode e : json(http.get("/api/audit?limit=500")).get("entries")) {
      if (e.path("target").asText().endsWith("(" + id + ")")) {
        audited.add(
            e.get("user").asText()
                + " "
                + e.get("action").asText()
                + " "
                + e.get("outcome").asText()
                + " "
                + e.get("status").asInt());
      }
    }
    assertThat(audited)
        .containsSubsequence(
            "owner run.stop ok 200", "owner run.start failed 409", "owner run.start ok 202");
  }

  @Test
  void previews_a_node_while_the_rest_of_the_flow_is_still_being_drawn() throws Exception {
    // The demo flow plus a transform that is not configured yet, after the filter: the flow as a
    // whole cannot run, but the source and everything else upstream of the draft can be previewed.
    ObjectNode doc = demoDocument().put("name", "Half drawn");
    ((com.fasterxml.jackson.databind.node.ArrayNode) doc.get("nodes"))
        .addObject()
        .put("id", "draft")
        .put("type", "transform")
        .put("name", "Draft")
        .putObject("config");
    ((com.fasterxml.jackson.databind.node.ArrayNode) doc.get("edges"))
        .addObject()
        .put("from", "emea")
        .put("to", "draft");
    String id = json(http.post("/api/flows", "{\"name\": \"Half drawn\"}")).get("id").asText();
    assertThat(http.json("PUT", "/api/flows/" + id, doc.toString(), "If-Match", "1").statusCode())
        .isEqualTo(200);
    String run = "/api/flows/" + id + "/run";

    assertThat(http.post(run, "{\"mode\": \"historical\"}").statusCode()).isEqualTo(409);
    var draft = http.post(run, "{\"mode\": \"historical\", \"node\": \"draft\"}");
    assertThat(draft.statusCode()).isEqualTo(409);
    assertThat(json(draft).get("error").asText())
        .startsWith("`Draft` and the nodes before it must be valid to preview it");
    var unknown = http.post(run, "{\"mode\": \"historical\", \"node\": \"nope\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("error").asText())
        .isEqualTo("The flow has no node with id `nope`.");

    var started = http.post(run, "{\"mode\": \"historical\", \"node\": \"orders\"}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    assertThat(json(started).get("node").get("name").asText()).isEqualTo("Orders");
    // The source's own output: orders of every region, not only the filter's EMEA ones.
    List<Sse> events = readSse(run + "/events", null, 20);
    assertThat(events)
        .extracting(e -> e.data().get("region").asText())
        .contains("EMEA")
        .anyMatch(r -> !r.equals("EMEA"));
    assertThat(http.get(run + "/events.csv").body().split("\r\n")[0])
        .isEqualTo("id,customer,customerid,description,price,quantity,region,ordertime");
    assertThat(json(http.delete(run)).get("status").asText()).isEqualTo("stopped");
  }

  @Test
  void a_run_that_cannot_reach_its_kafka_fails_with_a_readable_reason() throws Exception {
    ObjectNode doc = demoDocument().put("name", "Unreachable");
    for (JsonNode n : doc.get("nodes")) {
      if (n.get("config").has("kafka")) {
        ((ObjectNode) n.get("config").get("kafka")).putArray("bootstrapServers").add("127.0.0.1:1");
      }
    }
    String id = json(http.post("/api/flows", "{\"name\": \"Unreachable\"}")).get("id").asText();
    assertThat(http.json("PUT", "/api/flows/" + id, doc.toString(), "If-Match", "1").statusCode())
        .isEqualTo(200);
    var started = http.post("/api/flows/" + id + "/run", "{\"mode\": \"fromNow\"}");
    assertThat(started.statusCode()).isEqualTo(202);
    JsonNode status = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      status = json(http.get("/api/flows/" + id + "/run"));
      if (!status.get("status").asText().equals("starting")) {
        break;
      }
      Thread.sleep(250);
    }
    assertThat(status.get("status").asText()).isEqualTo("failed");
    assertThat(status.get("error").asText())
        .startsWith("The flow could not start")
        .contains("127.0.0.1:1");
    String listed = null;
    for (JsonNode f : json(http.get("/api/flows"))) {
      if (f.get("id").asText().equals(id)) {
        listed = f.get("status").asText();
      }
    }
    assertThat(listed).isEqualTo("failed");
  }

  @Test
  void an_invalid_flow_does_not_run() {
    String id = json(http.post("/api/flows", "{\"name\": \"Empty\"}")).get("id").asText();
    var r = http.post("/api/flows/" + id + "/run", "{\"mode\": \"fromNow\"}");
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(json(r).get("error").asText()).startsWith("Only a valid flow can run");
    assertThat(json(r).get("problems")).isNotEmpty();
    assertThat(http.post("/api/flows/" + id + "/run", "{\"mode\": \"sometime\"}").statusCode())
        .isEqualTo(422);
    assertThat(http.get("/api/flows/" + id + "/run/events.csv").statusCode()).isEqualTo(404);
  }

  // ---- helpers ----

  @Test
  void lists_node_types_from_the_registry() {
    JsonNode types = json(http.get("/api/node-types"));
    List<String> listed = new ArrayList<>();
    types.forEach(t -> listed.add(t.get("type").asText()));
    assertThat(listed)
        .containsExactlyElementsOf(
            io.eddy.core.nodes.NodeTypes.standard().types().stream().map(t -> t.type()).toList());
    assertThat(types.findValuesAsText("type"))
        .contains("source", "filter", "intervalJoin", "databaseEnrichment");
    JsonNode join = null;
    for (JsonNode t : types) {
      if (t.get("type").asText().equals("intervalJoin")) {
        join = t;
      }
    }
    assertThat(join.get("inputs").findValuesAsText("port")).containsExactly("left", "right");
    assertThat(join.get("inputs").toString()).doesNotContain("many");
    // A combine's one port takes two or more inputs.
    for (JsonNode t : types) {
      if (t.get("type").asText().equals("combine")) {
        assertThat(t.get("inputs").toString())
            .isEqualTo("[{\"port\":\"in\",\"label\":\"Inputs\",\"many\":true,\"min\":2}]");
      }
    }
    assertThat(join.get("label").asText()).isNotBlank();
    assertThat(join.get("color").asText()).matches("#[0-9a-f]{6}");
    assertThat(join.get("output").asBoolean()).isTrue();
    assertThat(join.get("fields").findValuesAsText("path")).contains("condition", "window.start");
    JsonNode destination = types.get(1);
    assertThat(destination.get("type").asText()).isEqualTo("destination");
    assertThat(destination.get("output").asBoolean()).isFalse();
    assertThat(destination.get("roles").toString())
        .isEqualTo("[\"writesKafka\",\"sink\",\"perEvent\"]");
    // a join waits for event time: its flow keeps the sources' watermarks
    assertThat(join.get("roles").toString()).doesNotContain("perEvent");
    assertThat(destination.at("/configSchema/properties/kafka/type").asText()).isEqualTo("object");
  }

  @Test
  void analyses_an_unsaved_document() throws Exception {
    ObjectNode doc = demoDocument();
    ((ObjectNode) doc.get("nodes").get(1).get("config")).put("expression", "region = ");
    var r = http.post("/api/analyse", doc.toString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("valid").asBoolean()).isFalse();
    assertThat(json(r).get("nodes").get(1).get("status").asText()).isEqualTo("error");
    var bad = http.post("/api/analyse", "{\"nodes\": 5}");
    assertThat(bad.statusCode()).isEqualTo(422);
  }

  @Test
  void lists_kafka_topics_and_fetches_a_recent_message() {
    String bootstrap = SharedInfra.kafka().bootstrapServers();
    var topics = http.post("/api/kafka/topics", "{\"bootstrapServers\": [\"" + bootstrap + "\"]}");
    assertThat(topics.statusCode()).isEqualTo(200);
    assertThat(json(topics).get("topics").toString())
        .contains("ORDERS.NEW", "CANCELLATIONS", "DOOR.BADGEIN", "STOCK.MOVEMENT");
    var sample =
        http.post(
            "/api/kafka/sample",
            "{\"bootstrapServers\": [\"" + bootstrap + "\"], \"topic\": \"ORDERS.NEW\"}");
    assertThat(sample.statusCode()).isEqualTo(200);
    JsonNode value = json(sample).get("value");
    assertThat(value.get("region").asText()).isIn("NA", "SA", "EMEA", "APAC");
    assertThat(value.get("ordertime").asText())
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
    assertThat(json(sample).get("message").asText()).startsWith("{");
    var missing =
        http.post(
            "/api/kafka/sample",
            "{\"bootstrapServers\": [\"" + bootstrap + "\"], \"topic\": \"NO.SUCH.TOPIC\"}");
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void an_unreachable_kafka_or_database_answers_within_seconds_with_a_readable_error() {
    long start = System.nanoTime();
    var kafka = http.post("/api/kafka/topics", "{\"bootstrapServers\": [\"127.0.0.1:1\"]}");
    assertThat(kafka.statusCode()).isEqualTo(502);
    assertThat(json(kafka).get("error").asText())
        .startsWith("Kafka at 127.0.0.1:1 cannot be reached");
    var db =
        http.post(
            "/api/jdbc/tables",
            "{\"url\": \"jdbc:postgresql://127.0.0.1:1/shop\", \"username\": \"u\", \"password\": \"p\"}");
    assertThat(db.statusCode()).isEqualTo(502);
    assertThat(json(db).get("error").asText())
        .startsWith("PostgreSQL at jdbc:postgresql://127.0.0.1:1/shop cannot be used");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    var notPg = http.post("/api/jdbc/tables", "{\"url\": \"jdbc:mysql://x/y\"}");
    assertThat(notPg.statusCode()).isEqualTo(422);
  }

  @Test
  void lists_a_postgresql_databases_tables_and_columns_with_types() throws Exception {
    String url = TestPostgres.newDatabase();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE customers (id VARCHAR(40) PRIMARY KEY, country TEXT, vip BOOLEAN, since DATE, score DOUBLE PRECISION, orders BIGINT, doc JSONB)");
    }
    String plain = url.replaceAll("\\?.*$", "");
    var r =
        http.post(
            "/api/jdbc/tables",
            "{\"url\": \"" + plain + "\", \"username\": \"postgres\", \"password\": \"postgres\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode table = json(r).get("tables").get(0);
    assertThat(table.get("name").asText()).isEqualTo("customers");
    assertThat(table.get("columns").toString())
        .contains("{\"name\":\"id\",\"type\":\"STRING\",\"sqlType\":\"CHARACTER VARYING\"}")
        .contains("\"vip\",\"type\":\"BOOLEAN\"")
        .contains("\"since\",\"type\":\"DATE\"")
        .contains("\"score\",\"type\":\"DOUBLE\"")
        .contains("\"orders\",\"type\":\"BIGINT\"");
    assertThat(table.get("unsupportedColumns").toString()).isEqualTo("[\"doc\"]");
  }

  /**
   * Issue 13 (9): a rename without If-Match applies to the newest revision, however many saves race
   * with it: never 412. Saves with If-Match still answer 412 when they lost.
   */
  @Test
  void a_patch_without_if_match_never_answers_412_while_puts_race_with_it() throws Exception {
    ObjectNode doc = demoDocument();
    doc.put("name", "Raced");
    HttpResponse<String> created = http.post("/api/flows", doc.toString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json(created).get("id").asText();
    int rounds = 60;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(16);
    try {
      List<java.util.concurrent.Future<Integer>> patches = new ArrayList<>();
      List<java.util.concurrent.Future<Integer>> puts = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        String name = "Patched " + i;
        patches.add(
            pool.submit(
                () ->
                    http.json("PATCH", "/api/flows/" + id, "{\"name\": \"" + name + "\"}")
                        .statusCode()));
        puts.add(
            pool.submit(
                () -> {
                  HttpResponse<String> current = http.get("/api/flows/" + id);
                  ObjectNode body = (ObjectNode) json(current);
                  body.remove(List.of("id", "revision", "createdAt", "updatedAt"));
                  body.put("description", "put " + System.nanoTime());
                  return http.json(
                          "PUT", "/api/flows/" + id, body.toString(), "If-Match", etag(current))
                      .statusCode();
                }));
      }
      for (var f : patches) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(200);
      }
      for (var f : puts) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isIn(200, 412);
      }
    } finally {
      pool.shutdownNow();
    }
    JsonNode after = json(http.get("/api/flows/" + id));
    assertThat(after.get("name").asText()).startsWith("Patched ");
    // Every acknowledged change made one revision.
    assertThat(after.get("revision").asLong()).isGreaterThanOrEqualTo(1 + rounds);
  }

  /** Issue 13 (9): HEAD answers the flow's ETag without the document, and 404 for no flow. */
  @Test
  void head_answers_the_etag_of_a_flow_and_404_for_a_flow_that_does_not_exist() {
    String id = json(http.post("/api/flows", "{\"name\": \"Headed\"}")).get("id").asText();
    HttpResponse<String> get = http.get("/api/flows/" + id);
    HttpResponse<String> head =
        http.send(
            java.net.http.HttpRequest.newBuilder(http.uri("/api/flows/" + id))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("ETag")).contains(etag(get));
    HttpResponse<String> none =
        http.send(
            java.net.http.HttpRequest.newBuilder(http.uri("/api/flows/no-such-flow"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.headers().firstValue("ETag")).isEmpty();
  }
}
