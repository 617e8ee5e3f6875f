package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.server.Http;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, defects 3 and 4 over HTTP: an expression on which Calcite throws (LIMIT) or one that
 * would leave its place (Flink's {@code //} comments) is a problem on its node; the flow list,
 * validation and export keep answering, for that flow and every other.
 */
class HostileExpressionApiTest {
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

  static String flow(String expression) throws Exception {
    return """
        {"format": "eddy-flow", "version": 1, "name": "Hostile", "nodes": [
          {"id": "src", "type": "source", "name": "Orders", "config": {
            "kafka": {"bootstrapServers": ["localhost:9092"], "topic": "ORDERS"},
            "properties": [{"name": "price", "type": "DOUBLE"}, {"name": "quantity", "type": "INTEGER"},
                           {"name": "region", "type": "STRING"}]}},
          {"id": "f", "type": "filter", "name": "F", "config": {"expression": EXPR}},
          {"id": "d", "type": "destination", "name": "Out", "config": {
            "kafka": {"bootstrapServers": ["localhost:9092"], "topic": "OUT"}}}],
         "edges": [{"from": "src", "to": "f"}, {"from": "f", "to": "d"}]}
        """
        .replace("EXPR", JSON.writeValueAsString(expression));
  }

  @Test
  void hostile_expressions_are_node_problems_and_the_list_keeps_answering() throws Exception {
    String[] hostile = {
      "price LIMIT 1",
      "price OFFSET 1 ROWS",
      "price FETCH FIRST 1 ROWS ONLY",
      "(price > 1 LIMIT 1)",
      "price * quantity // x",
      "region = 'EMEA' // '\n) OR (1=1 // '\n AND true"
    };
    for (String expression : hostile) {
      var imported = http.upload("/api/flows/import", "hostile.json", flow(expression));
      assertThat(imported.statusCode()).as(expression).isEqualTo(201);
      String id = JSON.readTree(imported.body()).get(0).get("id").asText();

      var validation = http.get("/api/flows/" + id + "/validation");
      assertThat(validation.statusCode()).as(expression).isEqualTo(200);
      JsonNode report = JSON.readTree(validation.body());
      assertThat(report.get("valid").asBoolean()).as(expression).isFalse();
      JsonNode filter = report.get("nodes").get(1);
      assertThat(filter.get("status").asText()).as(expression).isEqualTo("error");
      assertThat(filter.get("messages").get(0).asText()).as(expression).contains("`");

      var sql = http.get("/api/flows/" + id + "/export?format=sql");
      assertThat(sql.statusCode()).as(expression).isEqualTo(422);
    }
    var list = http.get("/api/flows");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(list.body())).hasSize(hostile.length);
    JSON.readTree(list.body())
        .forEach(f -> assertThat(f.get("status").asText()).isEqualTo("draft"));
  }
}
