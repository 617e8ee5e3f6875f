package io.eddy.core.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.TestFlows;
import io.eddy.core.document.FlowDiff.Change;
import io.eddy.core.document.FlowDiff.Kind;
import io.eddy.core.model.Flow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FlowDiffTest {

  /** An example flow as a document to edit. */
  private static ObjectNode example(String name) {
    return FlowDocuments.toJson(TestFlows.example(name)).deepCopy();
  }

  private static Flow flow(ObjectNode document) throws FlowDocumentException {
    return FlowDocuments.fromJson(document);
  }

  /** The changes from an example to a copy changed by {@code edit}. */
  private static List<Change> diff(String example, Consumer<ObjectNode> edit) throws Exception {
    ObjectNode changed = example(example);
    edit.accept(changed);
    return FlowDiff.between(flow(example(example)), flow(changed));
  }

  private static List<String> texts(List<Change> changes) {
    return changes.stream().map(c -> c.symbol() + " " + c.text()).toList();
  }

  private static ObjectNode node(ObjectNode document, String id) {
    for (JsonNode node : document.get("nodes")) {
      if (node.get("id").asText().equals(id)) {
        return (ObjectNode) node;
      }
    }
    throw new IllegalArgumentException(id);
  }

  private static ObjectNode config(ObjectNode document, String id) {
    return (ObjectNode) node(document, id).get("config");
  }

  @Test
  void identical_flows_have_no_differences() throws Exception {
    for (Path file : TestFlows.exampleFiles()) {
      Flow flow = TestFlows.read(file);
      // The same flow written differently: other key order, other indentation.
      Flow rewritten = FlowDocuments.read(FlowDocuments.write(flow).replace("\n", " "));
      assertThat(FlowDiff.between(flow, rewritten)).as(file.toString()).isEmpty();
    }
  }

  @Test
  void moving_nodes_on_the_canvas_is_not_a_difference() throws Exception {
    assertThat(
            diff(
                "emea-orders",
                d -> {
                  node(d, "orders").putObject("position").put("x", 999).put("y", -5);
                  node(d, "emea").remove("position");
                }))
        .isEmpty();
  }

  @Test
  void equal_numbers_and_null_or_missing_values_are_the_same() throws Exception {
    assertThat(
            diff(
                "emea-orders",
                d -> {
                  ((ObjectNode) config(d, "orders").get("eventTimeDelay")).put("value", 5.0);
                  config(d, "orders").putNull("avroSchema");
                }))
        .isEmpty();
  }

  @Test
  void flow_name_description_and_unknown_fields() throws Exception {
    List<Change> changes =
        diff(
            "emea-orders",
            d -> {
              d.put("name", "EMEA big orders");
              d.remove("description");
              d.put("owner", "ann");
            });
    assertThat(texts(changes))
        .containsExactly(
            "~ name: \"EMEA orders\" → \"EMEA big orders\"",
            "~ description: removed \"Orders placed in EMEA\"",
            "~ owner: added \"ann\"");
    assertThat(changes)
        .extracting(Change::kind)
        .containsExactly(Kind.NAME, Kind.DESCRIPTION, Kind.FLOW_FIELD);
    assertThat(changes.get(0).oldValue().asText()).isEqualTo("EMEA orders");
    assertThat(changes.get(0).newValue().asText()).isEqualTo("EMEA big orders");
  }

  @Test
  void node_renamed_retyped_and_changed_config_one_line_per_leaf() throws Exception {
    List<Change> changes =
        diff(
            "emea-orders",
            d -> {
              node(d, "emea").put("name", "EMEA big orders").put("colour", "red");
              config(d, "emea").put("expression", "region = 'EMEA' AND price > 100");
              ObjectNode kafka = (ObjectNode) config(d, "orders").get("kafka");
              kafka.put("topic", "ORDERS.V2");
              kafka.putArray("bootstrapServers").add("kafka:9092").add("kafka2:9092");
              config(d, "orders").remove("eventTimeDelay");
              node(d, "out").put("type", "filter");
            });
    assertThat(texts(changes))
        .containsExactly(
            "~ node `Orders` (source): kafka.bootstrapServers: [\"localhost:9092\"] → [\"kafka:9092\",\"kafka2:9092\"]",
            "~ node `Orders` (source): kafka.topic: \"ORDERS.NEW\" → \"ORDERS.V2\"",
            "~ node `Orders` (source): eventTimeDelay.value: removed 5",
            "~ node `Orders` (source): eventTimeDelay.unit: removed \"SECOND\"",
            "~ node `EMEA big orders` (filter): name: \"EMEA orders\" → \"EMEA big orders\"",
            "~ node `EMEA big orders` (filter): expression: \"region = 'EMEA'\" → \"region = 'EMEA' AND price > 100\"",
            "~ node `EMEA big orders` (filter): colour: added \"red\"",
            "~ node `Publish EMEA orders` (filter): type: \"destination\" → \"filter\"");
    assertThat(changes)
        .extracting(Change::kind)
        .containsExactly(
            Kind.NODE_CONFIG,
            Kind.NODE_CONFIG,
            Kind.NODE_CONFIG,
            Kind.NODE_CONFIG,
            Kind.NODE_RENAMED,
            Kind.NODE_CONFIG,
            Kind.NODE_FIELD,
            Kind.NODE_TYPE);
    Change topic = changes.get(1);
    assertThat(topic.nodeId()).isEqualTo("orders");
    assertThat(topic.nodeName()).isEqualTo("Orders");
    assertThat(topic.path()).isEqualTo("kafka.topic");
  }

  @Test
  void nodes_and_connections_added_and_removed_in_a_stable_order() throws Exception {
    List<Change> changes =
        diff(
            "emea-orders",
            d -> {
              ArrayNode nodes = (ArrayNode) d.get("nodes");
              ObjectNode big = nodes.insertObject(2);
              big.put("id", "big").put("type", "filter").put("name", "Big orders");
              big.putObject("config").put("expression", "price > 100");
              nodes.remove(0);
              ArrayNode edges = d.putArray("edges");
              edges.addObject().put("from", "emea").put("to", "big");
              edges.addObject().put("from", "big").put("to", "out");
            });
    assertThat(texts(changes))
        .containsExactly(
            "+ node `Big orders` (filter)",
            "- node `Orders` (source)",
            "+ connection `EMEA orders` → `Big orders`",
            "+ connection `Big orders` → `Publish EMEA orders`",
            "- connection `Orders` → `EMEA orders`",
            "- connection `EMEA orders` → `Publish EMEA orders`");
    assertThat(changes.get(2).newValue().toString())
        .isEqualTo("{\"from\":\"emea\",\"to\":\"big\"}");
    assertThat(changes.get(2).oldValue()).isNull();
  }

  @Test
  void join_connections_show_their_port() throws Exception {
    List<Change> changes =
        diff(
            "orders-cancelled-within-30-minutes",
            d -> {
              ((ObjectNode) d.get("edges").get(0)).put("port", "right");
              ((ObjectNode) d.get("edges").get(1)).put("port", "left");
            });
    assertThat(texts(changes))
        .containsExactly(
            "+ connection `Orders` → `Cancelled orders` (right)",
            "+ connection `Cancellations` → `Cancelled orders` (left)",
            "- connection `Orders` → `Cancelled orders` (left)",
            "- connection `Cancellations` → `Cancelled orders` (right)");
  }

  @Test
  void properties_are_matched_by_name() throws Exception {
    List<Change> changes =
        diff(
            "emea-orders",
            d -> {
              ArrayNode properties = (ArrayNode) config(d, "orders").get("properties");
              ((ObjectNode) properties.get(4)).put("type", "STRING"); // price
              properties.remove(1); // customer
              properties.insertObject(0).put("name", "channel").put("type", "STRING");
            });
    assertThat(texts(changes))
        .containsExactly(
            "~ node `Orders` (source): properties[\"channel\"]: added {\"name\":\"channel\",\"type\":\"STRING\"}",
            "~ node `Orders` (source): properties[\"price\"].type: \"DOUBLE\" → \"STRING\"",
            "~ node `Orders` (source): properties[\"customer\"]: removed {\"name\":\"customer\",\"type\":\"STRING\"}");
  }

  @Test
  void a_change_of_property_order_is_reported() throws Exception {
    List<Change> changes =
        diff(
            "emea-orders",
            d -> {
              ArrayNode properties = (ArrayNode) config(d, "orders").get("properties");
              properties.add(properties.remove(0)); // id moves to the end
            });
    assertThat(texts(changes)).hasSize(1);
    assertThat(texts(changes).get(0))
        .startsWith("~ node `Orders` (source): properties: order [\"id\",\"customer\",")
        .endsWith("\"ordertime\",\"id\"]");
  }

  @Test
  void aggregates_without_names_are_compared_by_position() throws Exception {
    List<Change> changes =
        diff(
            "hourly-sales-by-region",
            d -> {
              ArrayNode aggregates = (ArrayNode) config(d, "hourly").get("aggregates");
              ((ObjectNode) aggregates.get(0)).put("function", "AVG");
              aggregates.remove(4);
              ((ArrayNode) config(d, "hourly").get("groupBy")).add("customerid");
            });
    assertThat(texts(changes))
        .containsExactly(
            "~ node `Hourly sales` (aggregate): aggregates[0].function: \"SUM\" → \"AVG\"",
            "~ node `Hourly sales` (aggregate): aggregates[4]: removed {\"function\":\"MAX\",\"property\":\"price\"}",
            "~ node `Hourly sales` (aggregate): groupBy: [\"region\"] → [\"region\",\"customerid\"]");
  }

  @Test
  void secrets_are_never_printed_only_that_they_changed() throws Exception {
    ObjectNode plain = example("emea-orders");
    ObjectNode withPassword = example("emea-orders");
    ((ObjectNode) config(withPassword, "orders").get("kafka"))
        .putObject("security")
        .put("protocol", "SASL_SSL")
        .put("mechanism", "PLAIN")
        .put("username", "u")
        .put("password", "hunter2-old");
    ObjectNode otherPassword = withPassword.deepCopy();
    ((ObjectNode) config(otherPassword, "orders").at("/kafka/security"))
        .put("password", "hunter2-new")
        .put("truststorePem", "-----BEGIN CERTIFICATE-----");

    List<Change> added = FlowDiff.between(flow(plain), flow(withPassword));
    assertThat(texts(added))
        .containsExactly(
            "~ node `Orders` (source): kafka.security.protocol: added \"SASL_SSL\"",
            "~ node `Orders` (source): kafka.security.mechanism: added \"PLAIN\"",
            "~ node `Orders` (source): kafka.security.username: added \"u\"",
            "~ node `Orders` (source): kafka.security.password: added");
    List<Change> changed = FlowDiff.between(flow(withPassword), flow(otherPassword));
    assertThat(texts(changed))
        .containsExactly(
            "~ node `Orders` (source): kafka.security.password: changed",
            "~ node `Orders` (source): kafka.security.truststorePem: added");
    assertThat(changed).extracting(Change::kind).containsOnly(Kind.NODE_SECRET);
    assertThat(changed).allSatisfy(c -> assertThat(c.oldValue()).isNull());
    assertThat(changed).allSatisfy(c -> assertThat(c.newValue()).isNull());
    List<Change> removed = FlowDiff.between(flow(otherPassword), flow(plain));
    assertThat(texts(removed))
        .contains("~ node `Orders` (source): kafka.security.password: removed");
    // An object holding a secret replaced by another kind of value still hides it.
    ObjectNode replaced = otherPassword.deepCopy();
    ((ObjectNode) config(replaced, "orders").get("kafka")).put("security", "none");
    List<Change> replacedChanges = FlowDiff.between(flow(otherPassword), flow(replaced));
    assertThat(texts(replacedChanges))
        .contains(
            "~ node `Orders` (source): kafka.security.password: removed",
            "~ node `Orders` (source): kafka.security: added \"none\"");

    String everything =
        Stream.of(added, changed, removed, replacedChanges)
            .flatMap(List::stream)
            .map(Object::toString)
            .reduce("", String::concat);
    assertThat(everything).doesNotContain("hunter2").doesNotContain("BEGIN CERTIFICATE");
  }

  @Test
  void a_database_password_is_a_secret_too() throws Exception {
    List<Change> changes =
        diff(
            "orders-with-customer-country",
            d -> ((ObjectNode) config(d, "country").get("jdbc")).put("password", "s3cret"));
    assertThat(texts(changes))
        .containsExactly("~ node `Customer country` (databaseEnrichment): jdbc.password: changed");
    assertThat(changes.toString()).doesNotContain("s3cret").doesNotContain("SHOP_DB_PASSWORD");
  }

  @Test
  void an_older_version_is_compared_by_meaning_after_migration() throws Exception {
    // As in FlowDocumentsTest: a version 2 that renamed the filter's "condition" to "expression".
    Migration conditionToExpression =
        new Migration() {
          public int from() {
            return 1;
          }

          public void apply(ObjectNode doc) {
            for (JsonNode n : doc.withArray("nodes")) {
              if (n.path("config").has("condition")) {
                ObjectNode config = (ObjectNode) n.get("config");
                config.set("expression", config.remove("condition"));
              }
            }
          }
        };
    FlowMigrator migrator = new FlowMigrator(2, List.of(conditionToExpression));
    Path examples = TestFlows.examples();
    String v1 =
        Files.readString(examples.resolve("emea-orders.json"))
            .replace("\"expression\"", "\"condition\"");
    String v2 =
        Files.readString(examples.resolve("emea-orders.json"))
            .replace("\"version\": 1", "\"version\": 2");
    assertThat(FlowDiff.between(FlowDocuments.read(v1, migrator), FlowDocuments.read(v2, migrator)))
        .isEmpty();
    Flow v2Changed = FlowDocuments.read(v2.replace("region = 'EMEA'", "region = 'NA'"), migrator);
    assertThat(texts(FlowDiff.between(FlowDocuments.read(v1, migrator), v2Changed)))
        .containsExactly(
            "~ node `EMEA orders` (filter): expression: \"region = 'EMEA'\" → \"region = 'NA'\"");
  }

  @Test
  void tags_are_one_change_of_the_whole_list() throws Exception {
    Flow before = TestFlows.example("emea-orders");
    Flow after = before.withTags(List.of("orders", "emea"));
    assertThat(FlowDiff.between(before, after))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(FlowDiff.Kind.TAGS);
              assertThat(c.text()).isEqualTo("tags: added [\"orders\",\"emea\"]");
            });
    assertThat(FlowDiff.between(after, after.withTags(List.of("orders", "emea")))).isEmpty();
  }
}
