package io.eddy.server.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.server.EddyServer;
import io.eddy.server.Http;
import io.eddy.server.ServerConfig;
import io.eddy.server.SharedInfra;
import io.eddy.server.auth.LocalUsers;
import io.eddy.server.auth.Role;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The catalogue over HTTP against the real server (real analysis, real store): paged list, filters,
 * counts, tags through export and import, history with diff and restore. Run once per store
 * database (subclasses). Every test works on flows with its own name prefix, so tests do not see
 * each other's flows in filtered lists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CatalogueApiContract {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path EXAMPLES = Path.of("..", "examples");
  EddyServer server;
  Http http;
  Path dataDir;

  /** The store URL (null for the default H2 file). */
  abstract String storeUrl();

  @BeforeAll
  void start() throws Exception {
    dataDir = Files.createTempDirectory("eddy-catalogue-test");
    ServerConfig config = SharedInfra.serverConfig(dataDir).withStore(storeUrl(), null, null);
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

  static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** Imports an example under a name, with tags; its id. */
  String importExample(String example, String name, String... tags) throws Exception {
    ObjectNode doc = (ObjectNode) JSON.readTree(Files.readString(EXAMPLES.resolve(example)));
    doc.put("name", name);
    doc.put("version", 2);
    var list = doc.putArray("tags");
    for (String t : tags) {
      list.add(t);
    }
    var r =
        http.raw(
            "POST",
            "/api/flows/import?name=" + q(name),
            "application/json",
            doc.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r).get(0).get("id").asText();
  }

  /** Creates an empty flow (a draft); its id. */
  String createDraft(String name, String description) {
    ObjectNode body = JSON.createObjectNode().put("name", name).put("description", description);
    var r = http.post("/api/flows", body.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r).get("id").asText();
  }

  JsonNode page(String query) {
    var r = http.get("/api/flows?" + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r);
  }

  static List<String> names(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("flows").forEach(f -> out.add(f.get("name").asText()));
    return out;
  }

  @Test
  void without_parameters_the_list_is_the_plain_array_with_stored_status() throws Exception {
    String valid = importExample("emea-orders.json", "Plain valid", "plain");
    String draft = createDraft("Plain draft", "d");
    JsonNode list = json(http.get("/api/flows"));
    assertThat(list.isArray()).isTrue();
    Map<String, JsonNode> byId = new HashMap<>();
    list.forEach(f -> byId.put(f.get("id").asText(), f));
    assertThat(byId.get(valid).get("status").asText()).isEqualTo("valid");
    assertThat(byId.get(valid).get("tags").get(0).asText()).isEqualTo("plain");
    assertThat(byId.get(draft).get("status").asText()).isEqualTo("draft");
    assertThat(byId.get(draft).get("description").asText()).isEqualTo("d");
    assertThat(byId.get(draft).has("updatedAt")).isTrue();
  }

  @Test
  void paging_covers_every_flow_exactly_once_while_flows_are_created_and_deleted()
      throws Exception {
    Set<String> original = new HashSet<>();
    for (int i = 0; i < 25; i++) {
      original.add(createDraft("Paging " + (char) ('a' + i) + " " + i, ""));
    }
    for (String sort : List.of("name", "changed", "status")) {
      List<String> seen = new ArrayList<>();
      List<String> churn = new ArrayList<>();
      String cursor = null;
      do {
        JsonNode p =
            page("limit=4&q=paging&sort=" + sort + (cursor == null ? "" : "&cursor=" + cursor));
        assertThat(p.get("flows").size()).isLessThanOrEqualTo(4);
        p.get("flows").forEach(f -> seen.add(f.get("id").asText()));
        cursor = p.get("next").isNull() ? null : p.get("next").asText();
        churn.add(createDraft("Paging aaa new", ""));
        churn.add(createDraft("Paging zzz new", ""));
        assertThat(http.delete("/api/flows/" + churn.remove(0)).statusCode()).isEqualTo(204);
      } while (cursor != null);
      assertThat(seen).as(sort).doesNotHaveDuplicates().containsAll(original);
      churn.forEach(id -> http.delete("/api/flows/" + id));
    }
  }

  @Test
  void filters_and_sort_combine_and_counts_match_the_flows() throws Exception {
    importExample("emea-orders.json", "Filter EMEA orders", "filter-orders", "filter-emea");
    importExample("hourly-sales-by-region.json", "Filter hourly sales", "filter-sales");
    createDraft("Filter draft orders", "ORDERS still being drawn");
    createDraft("Filter other", "nothing");

    JsonNode all = page("q=filter&sort=name&limit=2");
    assertThat(all.get("total").asInt()).isEqualTo(4);
    assertThat(names(all)).containsExactly("Filter draft orders", "Filter EMEA orders");
    assertThat(all.get("counts").get("valid").asInt()).isEqualTo(2);
    assertThat(all.get("counts").get("draft").asInt()).isEqualTo(2);
    assertThat(all.get("counts").get("running").asInt()).isZero();

    JsonNode orders = page("q=FILTER+orders&sort=name");
    assertThat(names(orders)).containsExactly("Filter draft orders", "Filter EMEA orders");
    JsonNode validOrders = page("q=filter+orders&status=valid&sort=name");
    assertThat(names(validOrders)).containsExactly("Filter EMEA orders");
    assertThat(validOrders.get("total").asInt()).isEqualTo(1);
    // the counts are per status whatever the status filter, so the home page can show them all
    assertThat(validOrders.get("counts").get("draft").asInt()).isEqualTo(1);

    JsonNode byTag = page("tag=filter-emea");
    assertThat(names(byTag)).containsExactly("Filter EMEA orders");
    assertThat(byTag.get("flows").get(0).get("tags").toString())
        .isEqualTo("[\"filter-orders\",\"filter-emea\"]");
    assertThat(names(page("q=filter&status=valid&sort=status&tag=filter-sales")))
        .containsExactly("Filter hourly sales");
    assertThat(names(page("q=filter&sort=status")).subList(0, 2))
        .containsExactly("Filter EMEA orders", "Filter hourly sales");

    // counts match what the list holds
    JsonNode plain = json(http.get("/api/flows"));
    Map<String, Integer> counted = new HashMap<>();
    plain.forEach(f -> counted.merge(f.get("status").asText(), 1, Integer::sum));
    JsonNode everything = page("limit=1");
    for (String status : List.of("draft", "valid", "running", "failed")) {
      assertThat(everything.get("counts").get(status).asInt())
          .as(status)
          .isEqualTo(counted.getOrDefault(status, 0));
    }
    assertThat(everything.get("total").asInt()).isEqualTo(plain.size());

    JsonNode tags = json(http.get("/api/tags"));
    assertThat(tags.toString()).contains("{\"tag\":\"filter-emea\",\"count\":1}");
  }

  @Test
  void bad_parameters_are_refused_with_a_sentence() {
    for (String[] c :
        new String[][] {
          {"limit=0", "limit must be a whole number from 1 to 500, not `0`."},
          {"limit=ten", "limit must be a whole number from 1 to 500, not `ten`."},
          {"status=broken", "status must be one of draft, valid, running, failed, not `broken`."},
          {"sort=size", "sort must be name, changed or status, not `size`."},
          {
            "cursor=xyz",
            "The cursor `xyz` is not one this server gave out; start again without it."
          }
        }) {
      var r = http.get("/api/flows?" + c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(json(r).get("error").asText()).isEqualTo(c[1]);
    }
  }

  @Test
  void tags_survive_export_and_import() throws Exception {
    String id = importExample("emea-orders.json", "Tagged", "team-a", "emea");
    var export = http.get("/api/flows/" + id + "/export?format=json");
    assertThat(export.statusCode()).isEqualTo(200);
    JsonNode exported = json(export);
    assertThat(exported.get("version").asInt()).isEqualTo(2);
    assertThat(exported.get("tags").toString()).isEqualTo("[\"team-a\",\"emea\"]");
    var imported =
        http.raw(
            "POST",
            "/api/flows/import?name=Tagged+again",
            "application/json",
            export.body().getBytes(StandardCharsets.UTF_8));
    assertThat(imported.statusCode()).isEqualTo(201);
    String copy = json(imported).get(0).get("id").asText();
    assertThat(json(http.get("/api/flows/" + copy)).get("tags").toString())
        .isEqualTo("[\"team-a\",\"emea\"]");
    assertThat(names(page("tag=team-a&sort=name"))).containsExactly("Tagged", "Tagged again");
    // A save of the document with other tags changes them; bad tags are refused, nothing saved.
    ObjectNode doc = (ObjectNode) json(http.get("/api/flows/" + copy));
    doc.putArray("tags").add("team-b");
    var saved = http.json("PUT", "/api/flows/" + copy, doc.toString(), "If-Match", "1");
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    assertThat(names(page("tag=team-a"))).containsExactly("Tagged");
    doc.putArray("tags").add(1);
    var refused = http.json("PUT", "/api/flows/" + copy, doc.toString(), "If-Match", "2");
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(json(refused).get("error").asText()).isEqualTo("Every tag must be text, not 1.");
  }

  @Test
  void history_records_each_save_diffs_and_restores_as_a_new_revision() throws Exception {
    String id = importExample("emea-orders.json", "History");
    ObjectNode doc = (ObjectNode) json(http.get("/api/flows/" + id));
    ObjectNode filter = (ObjectNode) doc.get("nodes").get(1).get("config");
    filter.put("expression", "region = 'NA'");
    assertThat(http.json("PUT", "/api/flows/" + id, doc.toString(), "If-Match", "1").statusCode())
        .isEqualTo(200);
    doc.put("description", "second change");
    assertThat(http.json("PUT", "/api/flows/" + id, doc.toString(), "If-Match", "2").statusCode())
        .isEqualTo(200);

    JsonNode history = json(http.get("/api/flows/" + id + "/history"));
    assertThat(history).hasSize(3);
    assertThat(history.get(0).get("revision").asInt()).isEqualTo(3);
    assertThat(history.get(2).get("revision").asInt()).isEqualTo(1);
    assertThat(history.get(0).has("updatedAt")).isTrue();

    JsonNode first = json(http.get("/api/flows/" + id + "/history/1"));
    assertThat(first.get("revision").asInt()).isEqualTo(1);
    assertThat(first.get("nodes").get(1).get("config").get("expression").asText())
        .isEqualTo("region = 'EMEA'");

    JsonNode diff = json(http.get("/api/flows/" + id + "/history/diff?from=1&to=2"));
    assertThat(diff.get("identical").asBoolean()).isFalse();
    assertThat(diff.get("changes")).hasSize(1);
    assertThat(diff.get("changes").get(0).get("kind").asText()).isEqualTo("nodeConfig");
    assertThat(diff.get("changes").get(0).get("text").asText())
        .isEqualTo(
            "node `EMEA orders` (filter): expression: \"region = 'EMEA'\" → \"region = 'NA'\"");
    JsonNode toCurrent = json(http.get("/api/flows/" + id + "/history/diff?from=2"));
    assertThat(toCurrent.get("to").asInt()).isEqualTo(3);
    assertThat(toCurrent.get("changes").get(0).get("kind").asText()).isEqualTo("description");

    var restored = http.post("/api/flows/" + id + "/history/1/restore", "");
    assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
    assertThat(restored.headers().firstValue("ETag").orElseThrow()).isEqualTo("\"4\"");
    JsonNode now = json(http.get("/api/flows/" + id));
    assertThat(now.get("revision").asInt()).isEqualTo(4);
    assertThat(now.get("nodes").get(1).get("config").get("expression").asText())
        .isEqualTo("region = 'EMEA'");
    assertThat(json(http.get("/api/flows/" + id + "/history"))).hasSize(4);
    assertThat(
            json(http.get("/api/flows/" + id + "/history/diff?from=1&to=4"))
                .get("identical")
                .asBoolean())
        .isTrue();
    // With If-Match a restore happens only on top of that revision.
    var stale = http.json("POST", "/api/flows/" + id + "/history/2/restore", "", "If-Match", "3");
    assertThat(stale.statusCode()).isEqualTo(412);

    assertThat(http.get("/api/flows/" + id + "/history/9").statusCode()).isEqualTo(404);
    assertThat(http.get("/api/flows/" + id + "/history/x").statusCode()).isEqualTo(400);
    assertThat(http.get("/api/flows/" + id + "/history/diff").statusCode()).isEqualTo(400);
    assertThat(http.get("/api/flows/nope/history").statusCode()).isEqualTo(404);
  }

  /**
   * Each kind of caller is named in the history: the owner's access token, an API token, a user
   * signed in with a password; through import, PATCH (with and without If-Match), PUT, restore and
   * duplicate.
   */
  @Test
  void history_names_who_saved_each_revision() throws Exception {
    String id = importExample("emea-orders.json", "Who saved");
    var created = http.post("/api/tokens", "{\"name\": \"CI\", \"role\": \"editor\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String base = "http://127.0.0.1:" + server.port();
    Http ci = new Http(base, json(created).get("token").asText());
    assertThat(ci.json("PATCH", "/api/flows/" + id, "{\"description\": \"b\"}").statusCode())
        .isEqualTo(200);
    String password = "correct horse battery";
    LocalUsers.forDataDir(dataDir).put("ed", Role.EDITOR, password);
    try {
      Http anonymous = new Http(base);
      var signIn =
          anonymous.post("/api/session", "{\"name\": \"ed\", \"password\": \"" + password + "\"}");
      assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
      String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
      ObjectNode doc = (ObjectNode) json(http.get("/api/flows/" + id));
      doc.put("description", "c");
      var put =
          anonymous.json(
              "PUT", "/api/flows/" + id, doc.toString(), "If-Match", "2", "Cookie", cookie);
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      var patch =
          anonymous.json(
              "PATCH",
              "/api/flows/" + id,
              "{\"name\": \"Who saved 2\"}",
              "If-Match",
              "3",
              "Cookie",
              cookie);
      assertThat(patch.statusCode()).as(patch.body()).isEqualTo(200);
      var restore =
          anonymous.json("POST", "/api/flows/" + id + "/history/1/restore", "", "Cookie", cookie);
      assertThat(restore.statusCode()).as(restore.body()).isEqualTo(200);
    } finally {
      LocalUsers.forDataDir(dataDir).remove("ed");
    }
    JsonNode history = json(http.get("/api/flows/" + id + "/history"));
    List<String> who = new ArrayList<>();
    history.forEach(r -> who.add(r.get("revision").asInt() + " " + r.get("user").asText()));
    assertThat(who).containsExactly("5 ed", "4 ed", "3 ed", "2 token CI", "1 owner");

    var copy = ci.post("/api/flows/" + id + "/duplicate", "");
    assertThat(copy.statusCode()).as(copy.body()).isEqualTo(201);
    JsonNode copyHistory =
        json(http.get("/api/flows/" + json(copy).get("id").asText() + "/history"));
    assertThat(copyHistory.get(0).get("user").asText()).isEqualTo("token CI");
  }

  @Test
  void concurrent_puts_never_lose_a_history_entry() throws Exception {
    String id = createDraft("Concurrent", "");
    int writers = 4;
    int savesEach = 5;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        results.add(
            pool.submit(
                () -> {
                  List<String> saved = new ArrayList<>();
                  for (int i = 0; i < savesEach; ) {
                    var current = http.get("/api/flows/" + id);
                    ObjectNode doc = (ObjectNode) json(current);
                    String description = "w" + writer + "-" + i;
                    doc.put("description", description);
                    var r =
                        http.json(
                            "PUT",
                            "/api/flows/" + id,
                            doc.toString(),
                            "If-Match",
                            current.headers().firstValue("ETag").orElseThrow());
                    if (r.statusCode() == 200) {
                      saved.add(description);
                      i++;
                    } else {
                      assertThat(r.statusCode()).isEqualTo(412);
                    }
                  }
                  return saved;
                }));
      }
      List<String> acknowledged = new ArrayList<>();
      for (Future<List<String>> f : results) {
        acknowledged.addAll(f.get());
      }
      JsonNode history = json(http.get("/api/flows/" + id + "/history"));
      assertThat(history).hasSize(1 + writers * savesEach);
      List<String> descriptions = new ArrayList<>();
      for (JsonNode r : history) {
        descriptions.add(
            json(http.get("/api/flows/" + id + "/history/" + r.get("revision").asInt()))
                .path("description")
                .asText());
      }
      assertThat(descriptions).containsAll(acknowledged);
    } finally {
      pool.shutdown();
    }
  }
}
