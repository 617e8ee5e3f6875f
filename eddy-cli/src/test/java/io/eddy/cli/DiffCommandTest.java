package io.eddy.cli;

import static io.eddy.cli.CliTest.EXAMPLES;
import static io.eddy.cli.CliTest.eddy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.cli.CliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eddy diff}, run in-process like {@link CliTest}. */
class DiffCommandTest {
  static final String EMEA = EXAMPLES.resolve("emea-orders.json").toString();

  @TempDir Path dir;

  /** A copy of the EMEA orders example: a bigger filter, one more node, moved on the canvas. */
  private Path changedCopy() throws Exception {
    Path flow = dir.resolve("emea-v2.json");
    Files.writeString(
        flow,
        Files.readString(EXAMPLES.resolve("emea-orders.json"))
            .replace(
                "\"name\": \"EMEA orders\",\n  \"description\"",
                "\"name\": \"EMEA big orders\",\n  \"description\"")
            .replace(
                "\"expression\": \"region = 'EMEA'\"",
                "\"expression\": \"region = 'EMEA' AND price > 100\"")
            .replace("\"x\": 360", "\"x\": 400")
            .replace("\"edges\": [", "\"edges\": [\n    {\"from\": \"emea\", \"to\": \"big\"},")
            .replace(
                "  ],\n  \"edges\"",
                "  ,{\"id\": \"big\", \"type\": \"filter\", \"name\": \"Big orders\", \"config\": {\"expression\": \"price > 1000\"}}\n  ],\n  \"edges\""));
    return flow;
  }

  @Test
  void a_flow_compared_with_itself_has_no_differences_and_exits_zero() throws Exception {
    Run run = eddy("diff", EMEA, EMEA);
    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("No differences.\n");
    assertThat(run.err()).isEmpty();
    JsonNode json = new ObjectMapper().readTree(eddy("diff", EMEA, EMEA, "--json").out());
    assertThat(json.get("identical").asBoolean()).isTrue();
    assertThat(json.get("changes")).isEmpty();
  }

  @Test
  void differences_are_listed_one_a_line_and_exit_one() throws Exception {
    Run run = eddy("diff", EMEA, changedCopy().toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .isEqualTo(
            """
            Flow "EMEA orders":
              ~ name: "EMEA orders" → "EMEA big orders"
              ~ node `EMEA orders` (filter): expression: "region = 'EMEA'" → "region = 'EMEA' AND price > 100"
              + node `Big orders` (filter)
              + connection `EMEA orders` → `Big orders`
            4 changes.
            """);
  }

  @Test
  void json_has_the_documented_shape() throws Exception {
    Run run = eddy("diff", EMEA, changedCopy().toString(), "--json");
    assertThat(run.exit()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("identical").asBoolean()).isFalse();
    JsonNode changes = json.get("changes");
    assertThat(changes.findValuesAsText("kind"))
        .containsExactly("name", "nodeConfig", "nodeAdded", "connectionAdded");
    JsonNode expression = changes.get(1);
    assertThat(expression.get("nodeId").asText()).isEqualTo("emea");
    assertThat(expression.get("nodeName").asText()).isEqualTo("EMEA orders");
    assertThat(expression.get("path").asText()).isEqualTo("expression");
    assertThat(expression.get("old").asText()).isEqualTo("region = 'EMEA'");
    assertThat(expression.get("new").asText()).isEqualTo("region = 'EMEA' AND price > 100");
    assertThat(expression.get("text").asText())
        .startsWith("node `EMEA orders` (filter): expression:");
    assertThat(changes.get(2).has("old")).isFalse();
    assertThat(changes.get(3).get("new").toString())
        .isEqualTo("{\"from\":\"emea\",\"to\":\"big\"}");
  }

  @Test
  void a_changed_password_is_reported_without_its_values() throws Exception {
    String security =
        "\"topic\": \"ORDERS.NEW\", \"security\": {\"protocol\": \"SASL_SSL\", \"mechanism\": \"PLAIN\", \"username\": \"u\", \"password\": \"%s\"}";
    String example = Files.readString(EXAMPLES.resolve("emea-orders.json"));
    Path before = dir.resolve("before.json");
    Path after = dir.resolve("after.json");
    Files.writeString(
        before, example.replace("\"topic\": \"ORDERS.NEW\"", security.formatted("hunter2-old")));
    Files.writeString(
        after, example.replace("\"topic\": \"ORDERS.NEW\"", security.formatted("hunter2-new")));
    Run run = eddy("diff", before.toString(), after.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("~ node `Orders` (source): kafka.security.password: changed\n");
    Run json = eddy("diff", before.toString(), after.toString(), "--json");
    assertThat(json.out()).contains("\"kind\" : \"nodeSecret\"");
    assertThat(run.out() + run.err() + json.out() + json.err()).doesNotContain("hunter2");
  }

  @Test
  void a_file_that_cannot_be_read_exits_two_with_one_readable_line() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\n  \"format\": \"eddy-flow\",\n  \"nodes\": [\n}");
    Run malformed = eddy("diff", EMEA, bad.toString());
    assertThat(malformed.exit()).isEqualTo(2);
    assertThat(malformed.out()).isEmpty();
    assertThat(malformed.err())
        .startsWith("eddy: " + bad + ": The file is not valid JSON at line 4, column 1:")
        .doesNotContain("Exception");
    assertThat(malformed.err().lines()).hasSize(1);

    Run missing = eddy("diff", dir.resolve("nope.json").toString(), EMEA);
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("eddy: " + dir.resolve("nope.json") + ": no such file.\n");

    Path notAFlow = dir.resolve("other.json");
    Files.writeString(notAFlow, "{\"hello\": 1}");
    Run other = eddy("diff", EMEA, notAFlow.toString());
    assertThat(other.exit()).isEqualTo(2);
    assertThat(other.err()).contains("This is not an Eddy flow");
  }

  @Test
  void a_missing_argument_is_a_usage_error() {
    Run run = eddy("diff", EMEA);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("Missing required parameter: 'NEW.json'", "Run 'eddy diff --help' for usage.");
    Run help = eddy("diff", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).startsWith("Usage: eddy diff [-hV] [--json] OLD.json NEW.json");
  }
}
