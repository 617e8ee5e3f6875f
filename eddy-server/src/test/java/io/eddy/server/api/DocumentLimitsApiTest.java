package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.document.FlowLimits;
import io.eddy.server.Http;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, defects 2 and 7 over HTTP: import, PUT, PATCH and export apply one set of limits, each
 * refusal names the limit or the place, and nothing accepted makes the store unreadable.
 */
class DocumentLimitsApiTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  StoreOnlyServer server;
  Http http;

  @BeforeEach
  void start() {
    server = StoreOnlyServer.start(dataDir);
    http = server.http();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  static String document(String x, String description) {
    return "{\"format\": \"eddy-flow\", \"version\": 1, \"name\": \"n\", \"description\": \""
        + description
        + "\", \"nodes\": [{\"id\": \"f\", \"type\": \"filter\", \"name\": \"F\","
        + " \"position\": {\"x\": "
        + x
        + ", \"y\": 1}, \"config\": {\"expression\": \"true\"}}], \"edges\": []}";
  }

  String created() throws Exception {
    var r = http.post("/api/flows", "{\"name\": \"Limits\"}");
    assertThat(r.statusCode()).isEqualTo(201);
    return json(r.body()).get("id").asText();
  }

  @Test
  void a_non_finite_number_is_refused_everywhere_and_the_list_stays_readable() throws Exception {
    String id = created();
    var put = http.json("PUT", "/api/flows/" + id, document("1e309", "d"), "If-Match", "1");
    assertThat(put.statusCode()).isEqualTo(422);
    assertThat(json(put.body()).get("error").asText())
        .contains("`nodes[0].position.x`")
        .contains("not a finite number");

    var nan = http.json("PUT", "/api/flows/" + id, document("NaN", "d"), "If-Match", "1");
    assertThat(nan.statusCode()).isEqualTo(422);
    assertThat(json(nan.body()).get("error").asText()).contains("NaN is not a number in JSON");

    var imported = http.upload("/api/flows/import", "inf.json", document("-1e400", "d"));
    assertThat(imported.statusCode()).isEqualTo(422);
    assertThat(json(imported.body()).get("error").asText()).contains("`nodes[0].position.x`");

    var patch = http.json("PATCH", "/api/flows/" + id, "{\"name\": \"x\", \"n\": 1e309}");
    assertThat(patch.statusCode()).isEqualTo(422);

    assertThat(http.get("/api/flows").statusCode()).isEqualTo(200);
    assertThat(http.get("/api/flows/" + id).statusCode()).isEqualTo(200);
  }

  @Test
  void a_20000_character_description_round_trips_through_import_put_patch_and_export()
      throws Exception {
    String description = "d".repeat(20_000);
    var imported = http.upload("/api/flows/import", "long.json", document("1", description));
    assertThat(imported.statusCode()).isEqualTo(201);
    JsonNode flow = json(imported.body()).get(0);
    String id = flow.get("id").asText();

    var put = http.json("PUT", "/api/flows/" + id, flow.toString(), "If-Match", "1");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    var patch =
        http.json("PATCH", "/api/flows/" + id, "{\"description\": \"" + "e".repeat(20_000) + "\"}");
    assertThat(patch.statusCode()).as(patch.body()).isEqualTo(200);

    var export = http.get("/api/flows/" + id + "/export?format=json");
    assertThat(export.statusCode()).isEqualTo(200);
    var again = http.upload("/api/flows/import", "again.json", export.body());
    assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
    assertThat(json(again.body()).get(0).get("description").asText()).hasSize(20_000);

    var tooLong =
        http.json(
            "PATCH",
            "/api/flows/" + id,
            "{\"description\": \"" + "e".repeat(FlowLimits.MAX_DESCRIPTION_CHARS + 1) + "\"}");
    assertThat(tooLong.statusCode()).isEqualTo(422);
    assertThat(json(tooLong.body()).get("error").asText()).contains("at most 100,000 characters");
  }

  @Test
  void trailing_content_and_deep_nesting_are_refused_the_same_by_import_and_put() throws Exception {
    String id = created();
    String twice = document("1", "a") + document("2", "b");
    var imported = http.upload("/api/flows/import", "two.json", twice);
    assertThat(imported.statusCode()).isEqualTo(422);
    assertThat(json(imported.body()).get("error").asText())
        .contains("more after the end of the document");
    var put = http.json("PUT", "/api/flows/" + id, twice, "If-Match", "1");
    assertThat(put.statusCode()).isEqualTo(422);
    assertThat(json(put.body()).get("error").asText())
        .contains("more after the end of the document");

    String deep = document("1", "d").replace("\"edges\": []", "\"edges\": [], \"x\": " + nest(300));
    var deepImport = http.upload("/api/flows/import", "deep.json", deep);
    assertThat(json(deepImport.body()).get("error").asText()).contains("limit of 64 levels");
    var deepPut = http.json("PUT", "/api/flows/" + id, deep, "If-Match", "1");
    assertThat(deepPut.statusCode()).isEqualTo(422);
    assertThat(json(deepPut.body()).get("error").asText()).contains("limit of 64 levels");
  }

  static String nest(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  @Test
  void a_body_over_the_limit_names_the_limit_never_not_valid_json() throws Exception {
    String id = created();
    // A document just over the limit: read as text, refused naming the document limit.
    ObjectNode doc = (ObjectNode) json(document("1", "d"));
    doc.put("padding", "p".repeat(FlowLimits.MAX_DOCUMENT_BYTES));
    byte[] over = JSON.writeValueAsBytes(doc);
    var put =
        http.send(
            java.net.http.HttpRequest.newBuilder(http.uri("/api/flows/" + id))
                .header("Content-Type", "application/json")
                .header("If-Match", "1")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(over)));
    assertThat(put.statusCode()).isEqualTo(422);
    assertThat(json(put.body()).get("error").asText())
        .contains("over the limit of 16 MiB")
        .doesNotContain("not valid JSON");

    // A body over the request limit: refused before it is read, naming the limit.
    byte[] huge = new byte[FlowLimits.MAX_REQUEST_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    huge[0] = '{';
    huge[huge.length - 1] = '}';
    var tooBig =
        http.send(
            java.net.http.HttpRequest.newBuilder(http.uri("/api/flows/" + id))
                .header("Content-Type", "application/json")
                .header("If-Match", "1")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(huge)));
    assertThat(tooBig.statusCode()).isEqualTo(413);
    assertThat(json(tooBig.body()).get("error").asText())
        .contains("over the limit of 17 MiB")
        .contains("16 MiB")
        .doesNotContain("not valid JSON");
  }
}
