package io.eddy.core.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.TestFlows;
import io.eddy.core.model.Flow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowDocumentsTest {

  @Test
  void every_example_survives_a_round_trip_unchanged() throws Exception {
    for (Path file : TestFlows.exampleFiles()) {
      String text = Files.readString(file);
      Flow flow = FlowDocuments.read(text);
      assertThat(FlowDocuments.read(FlowDocuments.write(flow))).isEqualTo(flow);
      assertThat(FlowDocuments.mapper().readTree(FlowDocuments.write(flow)))
          .as(file.toString())
          .isEqualTo(FlowDocuments.mapper().readTree(text));
    }
  }

  @Test
  void writes_fields_in_a_stable_order_pretty_printed() throws Exception {
    Flow flow =
        FlowDocuments.read(
            "{\"edges\": [], \"nodes\": [{\"config\": {}, \"name\": \"F\", \"type\": \"filter\", \"id\": \"f\"}], \"name\": \"x\", \"version\": 1, \"format\": \"eddy-flow\"}");
    assertThat(FlowDocuments.write(flow))
        .isEqualTo(
            """
            {
              "format" : "eddy-flow",
              "version" : 1,
              "name" : "x",
              "nodes" : [ {
                "id" : "f",
                "type" : "filter",
                "name" : "F",
                "config" : { }
              } ],
              "edges" : [ ]
            }
            """);
  }

  @Test
  void unknown_fields_are_kept() throws Exception {
    Flow flow =
        FlowDocuments.read(
            "{\"format\": \"eddy-flow\", \"version\": 1, \"name\": \"x\", \"owner\": \"ann\", \"nodes\": [{\"id\": \"a\", \"type\": \"filter\", \"color\": \"red\", \"config\": {\"expression\": \"true\", \"note\": 1}}], \"edges\": []}");
    ObjectNode json = FlowDocuments.toJson(flow);
    assertThat(json.get("owner").asText()).isEqualTo("ann");
    assertThat(json.get("nodes").get(0).get("color").asText()).isEqualTo("red");
    assertThat(json.get("nodes").get(0).get("config").get("note").asInt()).isEqualTo(1);
  }

  @Test
  void a_syntax_error_gives_line_and_column() {
    assertThatThrownBy(
            () -> FlowDocuments.read("{\n  \"format\": \"eddy-flow\",\n  \"nodes\": [,]\n}"))
        .isInstanceOfSatisfying(
            FlowDocumentException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.column()).isEqualTo(13);
              assertThat(e.getMessage())
                  .startsWith(
                      "The file is not valid JSON at line 3, column 13: Unexpected character (',' (code 44))");
              assertThat(e.getMessage()).doesNotContain("Source:");
            });
  }

  @Test
  void a_document_that_is_not_a_flow_is_refused() {
    assertThatThrownBy(() -> FlowDocuments.read("[1, 2]"))
        .hasMessageStartingWith("This is not an Eddy flow");
    assertThatThrownBy(() -> FlowDocuments.read("{\"hello\": 1}"))
        .hasMessage("This is not an Eddy flow: \"format\" must be \"eddy-flow\" (it is missing).");
    assertThatThrownBy(() -> FlowDocuments.read("{\"format\": \"nifi\"}"))
        .hasMessage("This is not an Eddy flow: \"format\" must be \"eddy-flow\", not \"nifi\".");
    assertThatThrownBy(
            () ->
                FlowDocuments.read(
                    "{\"format\": \"eddy-flow\", \"nodes\": [{\"type\": \"filter\"}]}"))
        .hasMessage("Node 1 has no \"id\": every node needs one.");
    assertThatThrownBy(() -> FlowDocuments.read("{\"format\": \"eddy-flow\", \"nodes\": {}}"))
        .hasMessage("\"nodes\" must be a list of nodes.");
    assertThatThrownBy(
            () ->
                FlowDocuments.read("{\"format\": \"eddy-flow\", \"name\": \"x\", \"name\": \"y\"}"))
        .hasMessageContaining("Duplicate field 'name'");
  }

  @Test
  void a_newer_version_is_refused_with_a_message_that_says_so() {
    assertThatThrownBy(
            () ->
                FlowDocuments.read(
                    "{\"format\": \"eddy-flow\", \"version\": 2, \"nodes\": [], \"edges\": []}"))
        .hasMessage(
            "This flow was written by a newer Eddy (format version 2); this Eddy reads versions up to 1. Upgrade Eddy to open it.");
  }

  @Test
  void a_node_without_config_is_storable() throws Exception {
    Flow flow =
        FlowDocuments.read(
            "{\"format\": \"eddy-flow\", \"version\": 1, \"name\": \"draft\", \"nodes\": [{\"id\": \"a\", \"type\": \"source\"}], \"edges\": []}");
    assertThat(flow.nodes().get(0).config()).isNull();
  }

  @Test
  void older_versions_are_migrated_step_by_step() throws Exception {
    // A future version 2 renamed the filter's "condition" to "expression"; version 3 added
    // "labels".
    Migration oneToTwo =
        new Migration() {
          public int from() {
            return 1;
          }

          public void apply(ObjectNode doc) {
            doc.withArray("nodes")
                .forEach(
                    n -> {
                      if (n.path("config").has("condition")) {
                        ((ObjectNode) n.get("config"))
                            .set("expression", ((ObjectNode) n.get("config")).remove("condition"));
                      }
                    });
          }
        };
    Migration twoToThree =
        new Migration() {
          public int from() {
            return 2;
          }

          public void apply(ObjectNode doc) {
            doc.putArray("labels");
          }
        };
    FlowMigrator migrator = new FlowMigrator(3, List.of(twoToThree, oneToTwo));
    Flow flow =
        FlowDocuments.read(
            "{\"format\": \"eddy-flow\", \"version\": 1, \"name\": \"old\", \"nodes\": [{\"id\": \"f\", \"type\": \"filter\", \"config\": {\"condition\": \"a > 1\"}}], \"edges\": []}",
            migrator);
    assertThat(flow.nodes().get(0).config().get("expression").asText()).isEqualTo("a > 1");
    assertThat(flow.extra().has("labels")).isTrue();
    assertThatThrownBy(
            () -> FlowDocuments.read("{\"format\": \"eddy-flow\", \"version\": 4}", migrator))
        .hasMessageContaining("format version 4");
  }
}
