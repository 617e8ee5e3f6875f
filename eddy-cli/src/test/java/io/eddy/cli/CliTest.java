package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real command line, run in-process with captured output. */
class CliTest {
  static final Path EXAMPLES = Path.of("../examples").toAbsolutePath().normalize();

  record Run(int exit, String out, String err) {}

  static Run eddy(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = EddyCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  @TempDir Path dir;

  @Test
  void validate_prints_each_node_and_exits_zero_for_a_valid_flow() {
    Run run = eddy("validate", EXAMPLES.resolve("emea-orders.json").toString());
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains(
            "valid        Orders (source)",
            "valid        EMEA orders (filter)",
            "The flow is valid.");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void validate_json_has_the_documented_shape() throws Exception {
    Run run =
        eddy("validate", EXAMPLES.resolve("hourly-sales-by-region.json").toString(), "--json");
    assertThat(run.exit()).isZero();
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.get("valid").asBoolean()).isTrue();
    assertThat(report.get("problems")).isEmpty();
    JsonNode hourly = report.get("nodes").get(1);
    assertThat(hourly.get("id").asText()).isEqualTo("hourly");
    assertThat(hourly.get("status").asText()).isEqualTo("valid");
    assertThat(hourly.get("output").findValuesAsText("name"))
        .contains("region", "unitsSold", "aggregateResultTime");
  }

  @Test
  void validate_exits_one_with_the_problems_of_a_wrong_flow() throws Exception {
    Path flow = dir.resolve("wrong.json");
    Files.writeString(
        flow,
        Files.readString(EXAMPLES.resolve("emea-orders.json"))
            .replace("region = 'EMEA'", "regoin = 'EMEA'"));
    Run run = eddy("validate", flow.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .contains("error        EMEA orders (filter)")
        .contains(
            "Filter expression `regoin = 'EMEA'` is not valid: Column 'regoin' not found in any table.")
        .contains("Not exportable as SQL: Rule 2")
        .contains("The flow is not valid.");
  }

  @Test
  void sql_writes_the_script_to_stdout_or_a_file() throws Exception {
    Run run = eddy("sql", EXAMPLES.resolve("emea-orders.json").toString());
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .startsWith("-- Flink SQL exported by Eddy")
        .contains("INSERT INTO `Publish EMEA orders`");
    Path out = dir.resolve("emea.sql");
    assertThat(
            eddy("sql", EXAMPLES.resolve("emea-orders.json").toString(), "-o", out.toString())
                .exit())
        .isZero();
    assertThat(Files.readString(out)).contains("CREATE TEMPORARY VIEW `EMEA orders` AS");
  }

  @Test
  void sql_never_prints_a_password() throws Exception {
    Path flow = dir.resolve("secret.json");
    Files.writeString(
        flow,
        Files.readString(EXAMPLES.resolve("emea-orders.json"))
            .replace(
                "\"topic\" : \"ORDERS.NEW\"",
                "\"topic\": \"ORDERS.NEW\", \"security\": {\"protocol\": \"SASL_SSL\", \"mechanism\": \"PLAIN\", \"username\": \"u\", \"password\": \"hunter2-very-secret\"}")
            .replace(
                "\"topic\": \"ORDERS.NEW\"",
                "\"topic\": \"ORDERS.NEW\", \"security\": {\"protocol\": \"SASL_SSL\", \"mechanism\": \"PLAIN\", \"username\": \"u\", \"password\": \"hunter2-very-secret\"}"));
    assertThat(Files.readString(flow)).contains("hunter2-very-secret");
    Run run = eddy("sql", flow.toString());
    assertThat(run.exit()).isZero();
    assertThat(run.out() + run.err())
        .doesNotContain("hunter2-very-secret")
        .contains("${ORDERS_KAFKA_PASSWORD}");
  }

  @Test
  void sql_refuses_a_flow_that_breaks_the_export_rules() throws Exception {
    Path flow = dir.resolve("two-ends.json");
    Files.writeString(
        flow,
        """
        {"format": "eddy-flow", "version": 1, "name": "Two ends", "nodes": [
          {"id": "a", "type": "source", "name": "A"}, {"id": "f", "type": "filter", "name": "F"}], "edges": []}""");
    Run run = eddy("sql", flow.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains(
            "cannot be exported as SQL:",
            "Rule 2 — the connected nodes must be configured and valid: `A` (unconfigured) is not.");
  }

  @Test
  void malformed_and_missing_files_give_one_readable_line() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\n  \"format\": \"eddy-flow\",\n  \"nodes\": [\n}");
    Run run = eddy("validate", bad.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("eddy: " + bad + ": The file is not valid JSON at line 4, column 1:")
        .doesNotContain("Exception");
    assertThat(eddy("sql", dir.resolve("nope.json").toString()).err())
        .isEqualTo("eddy: " + dir.resolve("nope.json") + ": no such file.\n");
    Path sql = dir.resolve("flow.sql");
    Files.writeString(sql, "SELECT 1;");
    assertThat(eddy("validate", sql.toString()).err())
        .contains("SQL exports cannot be read as flows; use the flow's JSON export.");
  }

  @Test
  void every_command_has_help_that_shows_secret_references_literally() {
    for (String[] command :
        new String[][] {
          {"--help"},
          {"serve", "--help"},
          {"validate", "--help"},
          {"sql", "--help"},
          {"test", "--help"},
          {"import", "--help"},
          {"export", "--help"},
          {"deploy", "--help"},
          {"jobs", "--help"},
          {"jobs", "stop", "--help"},
          {"jobs", "resume", "--help"},
          {"cluster", "start", "--help"},
          {"k8s", "--help"}
        }) {
      Run run = eddy(command);
      String name = String.join(" ", command);
      assertThat(run.exit()).as(name).isZero();
      assertThat(run.out()).as(name).startsWith("Usage: eddy");
      // picocli expands ${...} in descriptions (an unknown one to the word null); a reference
      // must reach the user as written.
      assertThat(run.out()).as(name).doesNotContainPattern("\\bnull\\b");
    }
    assertThat(eddy("deploy", "--help").out()).contains("${NAME}");
    assertThat(eddy("sql", "--help").out()).contains("${...} references");
  }

  @Test
  void usage_errors_exit_two() {
    Run run = eddy("sql");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("Missing required parameter: 'FLOW.json'", "Run 'eddy sql --help' for usage.");
    assertThat(eddy("frobnicate").exit()).isEqualTo(2);
    assertThat(eddy("jobs", "stop").err()).contains("Run 'eddy jobs stop --help' for usage.");
  }

  @Test
  void test_runs_the_flow_on_fixtures_and_shows_a_readable_difference() throws Exception {
    Path orders = dir.resolve("orders.jsonl");
    Files.writeString(
        orders,
        """
        {"id": "o1", "customer": "Ann", "customerid": "c1", "description": "XL Jeans", "price": 10.5, "quantity": 2, "region": "EMEA", "ordertime": "2024-01-01 10:00:00.000"}
        {"id": "o2", "customer": "Bob", "customerid": "c2", "description": "S Shirt", "price": 5, "quantity": 1, "region": "NA", "ordertime": "2024-01-01T10:00:01.000Z"}
        {"raw": "not json at all"}
        {"id": "o3", "customer": "Cy", "customerid": "c3", "description": "M Hat", "price": "abc", "quantity": 3, "region": "EMEA", "ordertime": "2024-01-01 10:00:02.000"}
        """);
    // Expects o2 (not EMEA) instead of o3: the run must say what is missing and what is unexpected.
    Path expected = dir.resolve("expected.jsonl");
    Files.writeString(
        expected,
        """
        {"id": "o1", "customer": "Ann", "customerid": "c1", "description": "XL Jeans", "price": 10.50, "quantity": 2.0, "region": "EMEA", "ordertime": "2024-01-01 10:00:00.000"}
        {"id": "o2", "customer": "Bob", "customerid": "c2", "description": "S Shirt", "price": 5, "quantity": 1, "region": "NA", "ordertime": "2024-01-01 10:00:01.000"}
        """);
    Run run =
        eddy(
            "test",
            EXAMPLES.resolve("emea-orders.json").toString(),
            "--events",
            "Orders=" + orders,
            "--expect",
            expected.toString(),
            "--stats");
    assertThat(run.exit()).isEqualTo(1);
    // --stats: what each node counted (issue 16), on standard error before the comparison.
    assertThat(run.err())
        .contains(
            "Counts per node:\n"
                + "  Orders               read 4; skipped 1; out 3; nulled price 1\n"
                + "  EMEA orders          out 2\n"
                + "  Publish EMEA orders  out 2\n");
    assertThat(run.out().lines().toList())
        .containsExactly(
            "{\"id\":\"o1\",\"customer\":\"Ann\",\"customerid\":\"c1\",\"description\":\"XL Jeans\",\"price\":10.5,\"quantity\":2,\"region\":\"EMEA\",\"ordertime\":\"2024-01-01 10:00:00.000\"}",
            "{\"id\":\"o3\",\"customer\":\"Cy\",\"customerid\":\"c3\",\"description\":\"M Hat\",\"price\":null,\"quantity\":3,\"region\":\"EMEA\",\"ordertime\":\"2024-01-01 10:00:02.000\"}");
    assertThat(run.err())
        .contains("differs from")
        .contains("\"o2\"")
        .contains("\"o3\"")
        .doesNotContain("Exception");
  }
}
