package io.eddy.core.nodes;

import static io.eddy.core.FlowBuilder.outputOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.FlowBuilder;
import io.eddy.core.TestFlows;
import io.eddy.core.analysis.NodeReport;
import io.eddy.core.analysis.NodeStatus;
import io.eddy.core.analysis.Problem;
import io.eddy.core.compile.CompileOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An Avro source's properties against its record schema, and the columns its Kafka table declares
 * so that Flink's Avro format (which derives the schema from them; through Eddy's {@code
 * eddy-avro}, which skips a message it cannot decode) reads the messages exactly (issue 11; read
 * end to end by eddy-engine's {@code AvroFlowTest}).
 */
class AvroSourceTest {
  static final String SCHEMA =
      """
      {'type': 'record', 'name': 'Order', 'fields': [
        {'name': 'id', 'type': 'string'},
        {'name': 'customer', 'type': {'type': 'record', 'name': 'Customer', 'fields': [
          {'name': 'name', 'type': 'string'},
          {'name': 'country', 'type': ['null', 'string'], 'default': null},
          {'name': 'since', 'type': {'type': 'long', 'logicalType': 'timestamp-millis'}}]}},
        {'name': 'tags', 'type': {'type': 'map', 'values': 'long'}},
        {'name': 'status', 'type': {'type': 'enum', 'name': 'Status', 'symbols': ['NEW', 'PAID']}},
        {'name': 'note', 'type': ['null', 'string'], 'default': null},
        {'name': 'total', 'type': {'type': 'bytes', 'logicalType': 'decimal', 'precision': 10, 'scale': 2}},
        {'name': 'ordertime', 'type': {'type': 'long', 'logicalType': 'timestamp-millis'}}]}""";

  static final String PROPERTIES =
      """
      [{'name': 'id', 'type': 'STRING'},
       {'name': 'customer', 'type': 'ROW', 'properties': [{'name': 'name', 'type': 'STRING'},
          {'name': 'country', 'type': 'STRING'}, {'name': 'since', 'type': 'TIMESTAMP_LTZ'}]},
       {'name': 'status', 'type': 'STRING'},
       {'name': 'total', 'type': 'DECIMAL', 'precision': 10, 'scale': 2},
       {'name': 'ordertime', 'type': 'TIMESTAMP_LTZ'}]""";

  private static FlowBuilder source(String schema, String properties) {
    return FlowBuilder.flow()
        .node(
            "s",
            "source",
            "Orders",
            "{'kafka': {'bootstrapServers': ['b:9092'], 'topic': 't'}, 'format': 'avro',"
                + " 'avroSchema': "
                + schema
                + ", 'properties': "
                + properties
                + ", 'eventTime': {'property': 'ordertime'}}");
  }

  @Test
  void properties_that_are_fields_of_the_schema_with_its_types_are_valid() {
    NodeReport r = source(SCHEMA, PROPERTIES).report("s");
    assertThat(r.messages()).isEmpty();
    assertThat(r.status()).isEqualTo(NodeStatus.VALID);
    assertThat(outputOf(r))
        .containsExactly(
            "id:STRING",
            "customer:ROW",
            "status:STRING",
            "total:DECIMAL",
            "ordertime:TIMESTAMP_LTZ*");
    assertThat(r.output().get(1).sqlType())
        .isEqualTo("ROW<`name` STRING, `country` STRING, `since` TIMESTAMP_LTZ(3)>");
  }

  @Test
  void the_schema_may_be_text_too() {
    String text = FlowBuilder.jsonString(SCHEMA.replace('\'', '"'));
    assertThat(source(text, PROPERTIES).report("s").status()).isEqualTo(NodeStatus.VALID);
  }

  @Test
  void a_property_that_disagrees_with_the_schema_is_an_error_at_that_property() {
    NodeReport r =
        source(
                SCHEMA,
                """
                [{'name': 'id', 'type': 'STRING'}, {'name': 'total', 'type': 'DOUBLE'},
                 {'name': 'shipping', 'type': 'STRING'}, {'name': 'ordertime', 'type': 'TIMESTAMP_LTZ'}]""")
            .report("s");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.problems())
        .extracting(Problem::field, Problem::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "properties[1].type", "`total` is DECIMAL(10, 2) in the Avro schema, not DOUBLE."),
            org.assertj.core.groups.Tuple.tuple(
                "properties[2].name", "`shipping` is not a field of the Avro schema."));
  }

  @Test
  void a_schema_that_cannot_be_read_exactly_is_an_error_at_the_schema_with_the_reason() {
    assertThat(
            problem("{'type': 'record', 'name': 'R', 'fields': [{'name': 'a', 'type': 'strng'}]}"))
        .startsWith("The Avro schema cannot be read: ")
        .contains("strng");
    assertThat(problem("'not json'")).startsWith("The Avro schema cannot be read: ");
    assertThat(problem("{'type': 'string'}"))
        .isEqualTo(
            "The Avro schema must be a record (\"type\": \"record\" with fields), not string.");
    assertThat(
            problem(
                "{'type': 'record', 'name': 'R', 'fields': [{'name': 'a', 'type': ['string', 'null']}]}"))
        .isEqualTo(
            "Field `a`: write the union with null first ([\"null\", \"string\"]): Flink's Avro"
                + " format reads a union with null only in that order.");
    assertThat(
            problem(
                "{'type': 'record', 'name': 'R', 'fields': [{'name': 'a', 'type': {'type': 'record',"
                    + " 'name': 'In', 'fields': [{'name': 'e', 'type': {'type': 'enum', 'name': 'E',"
                    + " 'symbols': ['X']}}]}}]}"))
        .startsWith("Field `a.e` is an enum inside a record, array or map");
    assertThat(
            problem(
                "{'type': 'record', 'name': 'R', 'fields': [{'name': 'a', 'type': {'type': 'long',"
                    + " 'logicalType': 'timestamp-micros'}}]}"))
        .startsWith("Field `a` is timestamp-micros: Flink 2.2.1's Avro format reads such numbers");
    assertThat(
            problem(
                "{'type': 'record', 'name': 'R', 'fields': [{'name': 'a', 'type': {'type': 'fixed',"
                    + " 'name': 'F', 'size': 4}}]}"))
        .startsWith("Field `a` is a fixed type");
  }

  private static String problem(String schema) {
    NodeReport r = source(schema, "[{'name': 'a', 'type': 'STRING'}]").report("s");
    return r.problems().stream()
        .filter(p -> "avroSchema".equals(p.field()))
        .map(Problem::message)
        .findFirst()
        .orElse("(no problem at avroSchema: " + r.messages() + ")");
  }

  /**
   * Every field is a column in the schema's order, NOT NULL unless a union with null, the enum read
   * as its position and named in the view, the nested timestamp cast to TIMESTAMP_LTZ; the script
   * plans on Flink with its real Kafka connector and Avro format.
   */
  @Test
  void the_kafka_table_declares_every_field_so_that_flink_derives_the_same_encoding()
      throws Exception {
    List<String> statements =
        TestFlows.COMPILER
            .compile(source(SCHEMA, PROPERTIES).build(), CompileOptions.export())
            .statements();
    assertThat(statements.get(0))
        .contains(
            """
              `id` STRING NOT NULL,
              `customer` ROW<`name` STRING NOT NULL, `country` STRING, `since` TIMESTAMP(3) NOT NULL> NOT NULL,
              `tags` MAP<STRING NOT NULL, BIGINT NOT NULL> NOT NULL,
              `status` INT NOT NULL,
              `note` STRING,
              `total` DECIMAL(10, 2) NOT NULL,
              `ordertime` TIMESTAMP_LTZ(3) NOT NULL,
              `eddy_event_time` AS `ordertime`
            ) WITH""")
        // Eddy's lenient reading of Flink's avro format (eddy-formats), with avro's options.
        .contains("'format' = 'eddy-avro'")
        .contains("'eddy-avro.timestamp_mapping.legacy' = 'false'")
        .doesNotContain("json");
    assertThat(statements.get(1))
        .contains(
            "CAST(`customer` AS ROW<`name` STRING, `country` STRING, `since` TIMESTAMP_LTZ(3)>) AS"
                + " `customer`")
        .contains(
            "CAST(CASE `status` WHEN 0 THEN 'NEW' WHEN 1 THEN 'PAID' END AS STRING) AS `status`");
    var env =
        org.apache.flink.table.api.TableEnvironment.create(
            org.apache.flink.table.api.EnvironmentSettings.inStreamingMode());
    statements.stream().filter(s -> s.startsWith("CREATE")).forEach(env::executeSql);
    assertThat(env.from("`Orders`").getResolvedSchema().toString())
        .contains("`customer` ROW<`name` STRING, `country` STRING, `since` TIMESTAMP_LTZ(3)>")
        .contains("`status` STRING");
    // Planning finds the format (eddy-formats' factory) and accepts its options.
    assertThat(env.explainSql("SELECT * FROM `Orders`")).contains("TableSourceScan");
  }
}
