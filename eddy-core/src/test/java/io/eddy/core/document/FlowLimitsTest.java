package io.eddy.core.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.TestFlows;
import io.eddy.core.model.Flow;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, defects 2 and 7: one set of limits for every way a document enters, each refusal naming
 * the limit or the place; nothing accepted that could not be written and read back.
 */
class FlowLimitsTest {
  static final String NODE =
      "{\"id\": \"f\", \"type\": \"filter\", \"name\": \"F\", \"position\": {\"x\": X, \"y\": 2},"
          + " \"config\": CONFIG}";

  static String doc(String x, String config) {
    return "{\"format\": \"eddy-flow\", \"version\": 1, \"name\": \"n\", \"nodes\": ["
        + NODE.replace("X", x).replace("CONFIG", config)
        + "], \"edges\": []}";
  }

  static void assertRefused(String text, String... parts) {
    assertThatThrownBy(() -> FlowDocuments.read(text))
        .isInstanceOf(FlowDocumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains(parts));
  }

  // ---- defect 2: non-finite numbers ----

  @Test
  void a_number_beyond_double_is_refused_naming_where() {
    assertRefused(doc("1e309", "{}"), "`nodes[0].position.x`", "1E+309", "not a finite number");
    assertRefused(doc("-1e309", "{}"), "`nodes[0].position.x`");
    assertRefused(
        doc("1", "{\"expression\": \"true\", \"note\": {\"n\": [1, 2e400]}}"),
        "`nodes[0].config.note.n[1]`");
    assertRefused(
        doc("1", "{\"big\": 1" + "0".repeat(400) + "}"),
        "`nodes[0].config.big`",
        "not a finite number");
  }

  @Test
  void nan_and_infinity_tokens_are_refused_with_line_and_column() {
    assertRefused(doc("NaN", "{}"), "NaN is not a number in JSON", "line 1, column");
    assertRefused(doc("Infinity", "{}"), "Infinity is not a number in JSON");
    assertRefused(doc("-Infinity", "{}"), "line 1, column");
  }

  @Test
  void a_tree_parsed_elsewhere_with_infinity_is_refused_too() throws Exception {
    // The server's own mapper reads 1e309 as a double: Infinity.
    JsonNode tree = new ObjectMapper().readTree(doc("1e309", "{}"));
    assertThat(tree.at("/nodes/0/position/x").doubleValue()).isInfinite();
    assertThatThrownBy(() -> FlowDocuments.fromJson(tree))
        .hasMessageContaining("`nodes[0].position.x`");
    ObjectNode nan = (ObjectNode) new ObjectMapper().readTree(doc("1", "{}"));
    ((ObjectNode) nan.at("/nodes/0/config")).put("ratio", Double.NaN);
    assertThatThrownBy(() -> FlowDocuments.fromJson(nan))
        .hasMessageContaining("`nodes[0].config.ratio` (NaN)");
  }

  @Test
  void a_stored_document_with_an_unreadable_position_still_loads() throws Exception {
    // What Eddy stored before non-finite numbers were refused: Jackson wrote Infinity as text.
    String stored = doc("\"Infinity\"", "{\"expression\": \"true\"}");
    Flow flow = FlowDocuments.readStored(stored);
    assertThat(flow.nodes().get(0).position()).isNull();
    assertThat(flow.nodes().get(0).config().get("expression").asText()).isEqualTo("true");
    assertThatThrownBy(() -> FlowDocuments.read(stored)).hasMessageContaining("finite numbers");
  }

  @Test
  void decimals_are_kept_exactly_through_a_round_trip() throws Exception {
    String text = doc("0.1", "{\"expression\": \"true\", \"weight\": 12345678901234567890.125}");
    Flow flow = FlowDocuments.read(text);
    Flow again = FlowDocuments.read(FlowDocuments.write(flow));
    assertThat(again.nodes().get(0).config().get("weight").decimalValue())
        .isEqualByComparingTo("12345678901234567890.125");
    assertThat(again.nodes().get(0).position().x()).isEqualTo(0.1);
  }

  // ---- defect 7: one set of limits ----

  @Test
  void content_after_the_document_is_refused() {
    String one = doc("1", "{}");
    assertRefused(one + one, "more after the end of the document", "line 1, column");
    assertRefused(one + "\n garbage", "line 2, column 2");
    assertRefused(one + " ]", "The file is not valid JSON");
  }

  @Test
  void nesting_over_the_limit_is_refused_naming_it_whoever_parsed() throws Exception {
    String deep = "[".repeat(70) + "]".repeat(70);
    assertRefused(doc("1", "{\"deep\": " + deep + "}"), "over the limit of 64 levels");
    ObjectMapper lenient = new ObjectMapper(); // the server's mapper allowed 200 levels before
    lenient
        .getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(500).build());
    JsonNode tree = lenient.readTree(doc("1", "{\"deep\": " + deep + "}"));
    assertThatThrownBy(() -> FlowDocuments.fromJson(tree))
        .hasMessageContaining("over the limit of 64 levels")
        .hasMessageContaining("`nodes[0].config.deep");
    // 60 levels of a user's own extra data are fine.
    String fine = "[".repeat(55) + "]".repeat(55);
    assertThat(FlowDocuments.read(doc("1", "{\"deep\": " + fine + "}")).nodes()).hasSize(1);
  }

  @Test
  void a_20000_character_description_is_accepted_and_a_longer_one_than_the_limit_is_not()
      throws Exception {
    String text =
        doc("1", "{}")
            .replace("\"name\": \"n\"", "\"description\": \"" + "d".repeat(20_000) + "\"");
    Flow flow = FlowDocuments.read(text);
    assertThat(FlowDocuments.read(FlowDocuments.write(flow)).description()).hasSize(20_000);
    assertRefused(
        doc("1", "{}")
            .replace("\"name\": \"n\"", "\"description\": \"" + "d".repeat(100_001) + "\""),
        "over the limit of 100,000 characters");
    assertRefused(
        doc("1", "{}").replace("\"name\": \"n\"", "\"name\": \"" + "n".repeat(201) + "\""),
        "over the limit of 200 characters");
  }

  @Test
  void a_5_mb_sample_round_trips_through_write_and_read() throws Exception {
    // A JSON sample is text inside the document: every quote is escaped, so the document is larger
    // than the sample (the 4.9 MB sample exported as 9.8 MiB).
    StringBuilder sample = new StringBuilder();
    while (sample.length() < 4_900_000) {
      sample.append("{\"a\":\"\\\\\",\"b\":[1,2]}\n");
    }
    ObjectNode root = (ObjectNode) FlowDocuments.mapper().readTree(doc("1", "{}"));
    ((ObjectNode) root.at("/nodes/0")).put("type", "source");
    ((ObjectNode) root.at("/nodes/0/config")).put("sample", sample.toString());
    String text = FlowDocuments.mapper().writeValueAsString(root);
    assertThat(text.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(7_000_000);
    Flow flow = FlowDocuments.read(text);
    String written = FlowDocuments.write(flow);
    assertThat(written.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(FlowLimits.MAX_DOCUMENT_BYTES);
    assertThat(FlowDocuments.read(written)).isEqualTo(flow);
  }

  @Test
  void a_document_over_the_byte_limit_is_refused_naming_the_limit() {
    String big =
        doc("1", "{\"padding\": \"" + "x".repeat(FlowLimits.MAX_STRING_CHARS) + "\"}")
            .replace("\"edges\": []", "\"edges\": [], \"more\": \"" + "y".repeat(9_000_000) + "\"");
    assertRefused(big, "over the limit of 16 MiB");
  }

  @Test
  void a_document_that_would_be_written_over_the_limit_is_refused_when_read() throws Exception {
    // Compact, it fits; pretty-printed as Eddy writes and exports it (every level of nesting
    // indented on its own lines), it would not.
    String chain = "{\"a\":".repeat(55) + "0" + "}".repeat(55);
    StringBuilder config = new StringBuilder("{");
    for (int i = 0; i < 3000; i++) {
      config.append(i == 0 ? "" : ",").append("\"c").append(i).append("\":").append(chain);
    }
    String text = doc("1", config.append("}").toString());
    assertThat(text.length()).isLessThan(FlowLimits.MAX_DOCUMENT_BYTES);
    assertRefused(text, "Written out as Eddy exports it", "over the limit of 16 MiB");
  }

  @Test
  void a_text_over_the_limit_is_refused_naming_the_limit() {
    assertRefused(
        doc("1", "{\"sample\": \"" + "s".repeat(FlowLimits.MAX_STRING_CHARS + 1) + "\"}"),
        "over the limit for one text");
  }

  @Test
  void more_nodes_than_the_limit_are_refused() {
    StringBuilder nodes = new StringBuilder();
    for (int i = 0; i <= FlowLimits.MAX_NODES; i++) {
      nodes.append(i == 0 ? "" : ",").append("{\"id\":\"n").append(i).append("\",\"type\":\"x\"}");
    }
    assertRefused(
        "{\"format\":\"eddy-flow\",\"version\":1,\"nodes\":[" + nodes + "],\"edges\":[]}",
        "1,001 nodes, over the limit of 1,000");
  }

  @Test
  void every_example_is_within_the_limits() {
    for (var file : TestFlows.exampleFiles()) {
      assertThat(TestFlows.read(file).nodes()).isNotEmpty();
    }
  }
}
