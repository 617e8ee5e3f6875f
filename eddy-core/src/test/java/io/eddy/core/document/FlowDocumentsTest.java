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
      // An example reads as written; migrating a version 1 one changes nothing but the version.
      ObjectNode migrated = (ObjectNode) FlowDocuments.mapper().readTree(text);
      migrated.put("version", FlowMigrator.CURRENT_VERSION);
      assertThat(FlowDocuments.mapper().readTree(FlowDocuments.write(flow)))
          .as(file.toString())
          .isEqualTo(migrated);
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
              "version" : 2,
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
                    "{\"format\": \"eddy-flow\", \"version\": 3, \"nodes\": [], \"edges\": []}"))
        .hasMessage(
            "This flow was written by a newer Eddy (format version 3); this Eddy reads versions up to 2. Upgrade Eddy to open it.");
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

  @Test
  void tags_are_written_after_the_description_and_read_back() throws Exception {
    Flow flow =
        FlowDocuments.read(
            "{\"format\": \"eddy-flow\", \"version\": 2, \"name\": \"x\", \"description\": \"d\", \"tags\": [\" orders \", \"EMEA\", \"orders\"], \"nodes\": [], \"edges\": []}");
    assertThat(flow.tags()).containsExactly("orders", "EMEA");
    assertThat(FlowDocuments.write(flow))
        .isEqualTo(
            """
            {
              "format" : "eddy-flow",
              "version" : 2,
              "name" : "x",
              "description" : "d",
              "tags" : [ "orders", "EMEA" ],
              "nodes" : [ ],
              "edges" : [ ]
            }
            """);
    assertThat(FlowDocuments.read(FlowDocuments.write(flow))).isEqualTo(flow);
  }

  @Test
  void a_flow_without_tags_writes_none() throws Exception {
    Flow flow = FlowDocuments.read("{\"format\": \"eddy-flow\", \"version\": 2, \"name\": \"x\"}");
    assertThat(flow.tags()).isEmpty();
    assertThat(FlowDocuments.toJson(flow).has("tags")).isFalse();
  }

  @Test
  void a_version_1_document_reads_as_before_with_no_tags() throws Exception {
    Flow flow = TestFlows.example("emea-orders");
    assertThat(flow.tags()).isEmpty();
    assertThat(flow.extra()).isEmpty();
    assertThat(FlowDocuments.toJson(flow).get("version").asInt()).isEqualTo(2);
  }

  @Test
  void a_version_1_field_named_tags_is_kept_as_tags_when_it_reads_as_tags_else_moved()
      throws Exception {
    Flow asTags =
        FlowDocuments.read(
            "{\"format\": \"eddy-flow\", \"version\": 1, \"name\": \"x\", \"tags\": [\"a\"]}");
    assertThat(asTags.tags()).containsExactly("a");
    Flow other =
        FlowDocuments.read(
            "{\"format\": \"eddy-flow\", \"version\": 1, \"name\": \"x\", \"tags\": {\"team\": \"ops\"}}");
    assertThat(other.tags()).isEmpty();
    assertThat(other.extra().get("v1Tags").get("team").asText()).isEqualTo("ops");
  }

  @Test
  void tags_that_are_not_a_list_of_short_text_are_refused_with_a_sentence() {
    String doc = "{\"format\": \"eddy-flow\", \"version\": 2, \"tags\": %s}";
    assertThatThrownBy(() -> FlowDocuments.read(doc.formatted("\"orders\"")))
        .hasMessage(
            "\"tags\" must be a list of text, such as [\"orders\", \"emea\"], not \"orders\".");
    assertThatThrownBy(() -> FlowDocuments.read(doc.formatted("[1]")))
        .hasMessage("Every tag must be text, not 1.");
    assertThatThrownBy(() -> FlowDocuments.read(doc.formatted("[\"  \"]")))
        .hasMessage("A tag cannot be empty.");
    assertThatThrownBy(() -> FlowDocuments.read(doc.formatted("[\"a\\nb\"]")))
        .hasMessageContaining("control characters");
    assertThatThrownBy(() -> FlowDocuments.read(doc.formatted("[\"" + "x".repeat(51) + "\"]")))
        .hasMessageStartingWith("A tag can have at most 50 characters");
  }
}
