package io.eddy.core.nodes;

import static io.eddy.core.FlowBuilder.outputOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.FlowBuilder;
import io.eddy.core.analysis.NodeReport;
import io.eddy.core.analysis.NodeStatus;
import org.junit.jupiter.api.Test;

class SourceNodeTest {

  @Test
  void outputs_its_properties_with_the_event_time_marked() {
    NodeReport r = FlowBuilder.withOrders().report("orders");
    assertThat(r.status()).isEqualTo(NodeStatus.VALID);
    assertThat(outputOf(r)).containsExactly(FlowBuilder.ORDERS_OUTPUT);
  }

  @Test
  void kafka_timestamp_as_event_time_adds_a_property() {
    NodeReport r =
        FlowBuilder.flow()
            .node(
                "s",
                "source",
                "S",
                """
                {'kafka': {'bootstrapServers': ['b:9092'], 'topic': 't'},
                 'properties': [{'name': 'a', 'type': 'STRING'}], 'eventTime': {'kafkaTimestamp': 'arrived'}}""")
            .report("s");
    assertThat(r.status()).isEqualTo(NodeStatus.VALID);
    assertThat(outputOf(r)).containsExactly("a:STRING", "arrived:TIMESTAMP_LTZ*");
  }

  @Test
  void without_config_is_unconfigured_not_an_error() {
    NodeReport r = FlowBuilder.flow().node("s", "source", "S", null).report("s");
    assertThat(r.status()).isEqualTo(NodeStatus.UNCONFIGURED);
    assertThat(r.messages()).containsExactly("Configure this event source.");
  }

  @Test
  void a_partial_config_says_what_is_missing() {
    NodeReport r =
        FlowBuilder.flow()
            .node("s", "source", "S", "{'kafka': {'bootstrapServers': ['localhost:9092']}}")
            .report("s");
    assertThat(r.status()).isEqualTo(NodeStatus.UNCONFIGURED);
    assertThat(r.messages())
        .containsExactly(
            "Choose a topic.",
            "Define the event structure: paste a sample message or an Avro schema.",
            "Choose the event time: a timestamp property, or the Kafka message timestamp.");
  }

  @Test
  void reports_every_problem_at_once() {
    NodeReport r =
        FlowBuilder.flow()
            .node(
                "s",
                "source",
                "S",
                """
                {'kafka': {'bootstrapServers': ['nohost'], 'topic': 'bad topic',
                           'security': {'protocol': 'SASL_SSL', 'mechanism': 'KERBEROS', 'username': 'u', 'password': 'p'}},
                 'properties': [{'name': 'a', 'type': 'STRNG'}, {'name': 'b', 'type': 'STRING'},
                                {'name': 'B', 'type': 'STRING'}, {'name': 'window_start', 'type': 'TIMESTAMP'}],
                 'eventTime': {'property': 'b'}, 'eventTimeDelay': {'value': -1, 'unit': 'SECOND'}}""")
            .report("s");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages())
        .containsExactly(
            "Bootstrap server `nohost` is not of the form host:port, e.g. localhost:9092.",
            "Topic `bad topic` is not a valid Kafka topic name (letters, digits, '.', '_', '-').",
            "Choose a SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (not `KERBEROS`).",
            "Property `a` has type `STRNG`, which is not one of STRING, BOOLEAN, INTEGER, BIGINT, FLOAT, DOUBLE, DECIMAL, DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ, BYTES, ROW, ARRAY, MAP.",
            "Property `B` is defined twice.",
            "`window_start` is a reserved name (Flink uses window_start, window_end and window_time): deselect or rename it.",
            "The event time property `b` is STRING: it must be a TIMESTAMP or TIMESTAMP_LTZ.",
            "The event time delay cannot be negative.");
  }

  @Test
  void a_malformed_config_names_the_field() {
    NodeReport r =
        FlowBuilder.flow()
            .node(
                "s",
                "source",
                "S",
                "{'kafka': {'bootstrapServers': ['b:1'], 'topic': 't'}, 'eventTimeDelay': {'value': 'soon', 'unit': 'SECOND'}}")
            .report("s");
    assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
    assertThat(r.messages().get(0))
        .startsWith("The configuration is malformed at `eventTimeDelay.value`:");
  }

  @Test
  void an_unknown_security_protocol_lists_the_known_ones_in_order() {
    NodeReport r =
        FlowBuilder.flow()
            .node(
                "s",
                "source",
                "S",
                FlowBuilder.ORDERS_CONFIG.replace(
                    "'topic': 'ORDERS.NEW'",
                    "'topic': 'ORDERS.NEW', 'security': {'protocol': 'TLS'}"))
            .report("s");
    assertThat(r.messages())
        .containsExactly(
            "Security protocol `TLS` is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL.");
  }
}
