package io.eddy.engine.flowtest;

import static io.eddy.engine.flowtest.Flows.assertOutput;
import static io.eddy.engine.flowtest.Flows.events;
import static io.eddy.engine.flowtest.Flows.order;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Database enrichment against a real PostgreSQL (Flink's JDBC lookup join). */
class DatabaseEnrichmentFlowTest {
  private static String url;

  @BeforeAll
  static void database() throws Exception {
    url = TestPostgres.createDatabase("shop");
    try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT, country TEXT)");
      s.execute(
          "INSERT INTO customers VALUES ('c-e1', 'Ada', 'GB'), ('c-e2', 'Grace', 'US'),"
              + " ('c-other', 'Alan', 'GB')");
    }
  }

  /** examples/orders-with-customer-country.json pointed at this PostgreSQL. */
  static ObjectNode flow() throws Exception {
    ObjectNode doc = Flows.exampleTree("orders-with-customer-country.json");
    ObjectNode jdbc = (ObjectNode) Flows.config(doc, "country").get("jdbc");
    jdbc.put("url", url);
    jdbc.put("username", "postgres");
    // The password stays a reference (${SHOP_DB_PASSWORD}), resolved when the test runs.
    return doc;
  }

  /**
   * Each order is looked up by customerid = customers.id and gets the customer's country: e1 → c-e1
   * → GB, e2 → c-e2 → US; e3's customer c-e3 is not in the table, so its country is null.
   */
  @Test
  void enrichesMatchesAndLeavesNullWhenNothingMatches() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .withSecrets(
                name ->
                    name.equals("SHOP_DB_PASSWORD") ? Optional.of("postgres") : Optional.empty())
            .runLines(
                Flows.read(flow().toString()),
                Map.of(
                    "Orders",
                    List.of(
                        order("e1", "EMEA", 10.0, 1, "2023-05-21 10:00:00.000"),
                        order("e2", "NA", 20.0, 2, "2023-05-21 10:00:01.000"),
                        order("e3", "APAC", 30.0, 3, "2023-05-21 10:00:02.000"))),
                Optional.empty());
    assertOutput(
        result,
        events(
            enriched("e1", "EMEA", 10.0, 1, "10:00:00", "\"GB\""),
            enriched("e2", "NA", 20.0, 2, "10:00:01", "\"US\""),
            enriched("e3", "APAC", 30.0, 3, "10:00:02", "null")));
    org.assertj.core.api.Assertions.assertThat(result.events().get(2).has("country")).isTrue();
  }

  private static String enriched(
      String id, String region, double price, int quantity, String time, String country) {
    return Flows.withFields(
        Flows.order(id, region, price, quantity, "2023-05-21 " + time + ".000"),
        "\"country\": " + country);
  }
}
