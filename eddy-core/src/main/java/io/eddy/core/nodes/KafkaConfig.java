package io.eddy.core.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.compile.CompileContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The Kafka cluster and topic of an event source or destination. */
public record KafkaConfig(List<String> bootstrapServers, String topic, Security security) {

  /** Optional access credentials; without them the connection is plain text. */
  public record Security(
      String protocol, String mechanism, String username, String password, String truststorePem) {}

  // Lists, not sets: messages name them in this order.
  static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

  private static final String SASL = "kafka.security.protocol";

  /** The declared fields, shared by every node that reads or writes Kafka. */
  static final Field FIELD =
      Field.object(
              "kafka",
              "Kafka",
              "The Kafka cluster and topic.",
              Field.list(
                      "bootstrapServers",
                      "Bootstrap servers",
                      "host:port of one or more brokers",
                      Field.string("server", "Bootstrap server", "host:port, e.g. localhost:9092."))
                  .asRequired(),
              Field.string("topic", "Topic", "The topic's name.").asRequired(),
              Field.object(
                  "security",
                  "Security",
                  "Optional; without it the connection is plain text.",
                  Field.choice(
                          "protocol", "Security protocol", null, PROTOCOLS.toArray(String[]::new))
                      .withDefault("PLAINTEXT"),
                  Field.choice(
                          "mechanism", "SASL mechanism", null, MECHANISMS.toArray(String[]::new))
                      .dependsOn(SASL, "SASL_PLAINTEXT", "SASL_SSL"),
                  Field.string("username", "Username", "For SASL authentication.")
                      .dependsOn(SASL, "SASL_PLAINTEXT", "SASL_SSL"),
                  Field.string("password", "Password", "For SASL authentication.")
                      .sensitive("KAFKA_PASSWORD")
                      .dependsOn(SASL, "SASL_PLAINTEXT", "SASL_SSL"),
                  Field.text(
                          "truststorePem",
                          "Truststore (PEM)",
                          "The certificates to trust, when the brokers' are not publicly signed.")
                      .sensitive("KAFKA_TRUSTSTORE")))
          .asRequired();

  /** {@link NodeType#connectTo} for a config holding a {@code kafka} object. */
  static ObjectNode connectTo(
      ObjectNode config, List<String> bootstrapServers, UnaryOperator<String> topic) {
    if (config == null) {
      return null;
    }
    ObjectNode connected = config.deepCopy();
    JsonNode existing = connected.get("kafka");
    ObjectNode kafka = existing instanceof ObjectNode k ? k : connected.putObject("kafka");
    if (bootstrapServers != null) {
      ArrayNode servers = kafka.putArray("bootstrapServers");
      bootstrapServers.forEach(servers::add);
    }
    topicIn(config).ifPresent(t -> kafka.put("topic", topic.apply(t)));
    return connected;
  }

  /** The topic a raw config holding a {@code kafka} object names. */
  static Optional<String> topicIn(ObjectNode config) {
    JsonNode topic = config == null ? null : config.path("kafka").get("topic");
    return topic != null && topic.isTextual() ? Optional.of(topic.asText()) : Optional.empty();
  }

  /** Reports missing and wrong settings of a node's Kafka connection. */
  static void check(KafkaConfig kafka, NodeAnalysis result) {
    if (kafka == null
        || kafka.bootstrapServers() == null
        || kafka.bootstrapServers().stream().allMatch(s -> s == null || s.isBlank())) {
      result.missing(
          "kafka.bootstrapServers",
          "kafka.bootstrap-missing",
          "Add the Kafka cluster's bootstrap servers (host:port).");
    } else {
      for (String server : kafka.bootstrapServers()) {
        if (server == null || !server.trim().matches("[^\\s,:]+:\\d{1,5}")) {
          result.error(
              "kafka.bootstrapServers",
              "kafka.bootstrap-invalid",
              "Bootstrap server `"
                  + server
                  + "` is not of the form host:port, e.g. localhost:9092.");
        }
      }
    }
    if (kafka == null || kafka.topic() == null || kafka.topic().isBlank()) {
      result.missing("kafka.topic", "kafka.topic-missing", "Choose a topic.");
    } else if (!kafka.topic().matches("[A-Za-z0-9._-]{1,249}")) {
      result.error(
          "kafka.topic",
          "kafka.topic-invalid",
          "Topic `"
              + kafka.topic()
              + "` is not a valid Kafka topic name (letters, digits, '.', '_', '-').");
    }
    Security s = kafka == null ? null : kafka.security();
    if (s == null) {
      return;
    }
    String protocol = s.protocol() == null ? "PLAINTEXT" : s.protocol();
    if (!PROTOCOLS.contains(protocol)) {
      result.error(
          "kafka.security.protocol",
          "kafka.protocol-invalid",
          "Security protocol `"
              + protocol
              + "` is not one of "
              + String.join(", ", PROTOCOLS)
              + ".");
      return;
    }
    if (protocol.startsWith("SASL")) {
      if (s.mechanism() == null || !MECHANISMS.contains(s.mechanism())) {
        result.error(
            "kafka.security.mechanism",
            "kafka.mechanism-invalid",
            "Choose a SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512"
                + (s.mechanism() == null ? "." : " (not `" + s.mechanism() + "`)."));
      }
      if (s.username() == null || s.username().isBlank()) {
        result.missing(
            "kafka.security.username",
            "kafka.username-missing",
            "Enter the username for SASL authentication.");
      }
      if (s.password() == null || s.password().isEmpty()) {
        result.missing(
            "kafka.security.password",
            "kafka.password-missing",
            "Enter the password for SASL authentication.");
      }
    }
  }

  /** The connector options of this connection (bootstrap, topic, security). */
  List<String[]> connectionOptions(CompileContext context) {
    List<String[]> options = new ArrayList<>();
    options.add(new String[] {"connector", "kafka"});
    options.add(new String[] {"topic", topic});
    String override = context.options().kafkaOverride();
    options.add(
        new String[] {
          "properties.bootstrap.servers",
          override != null
              ? override
              : String.join(",", bootstrapServers.stream().map(String::trim).toList())
        });
    if (override == null && security != null) {
      String protocol = security.protocol() == null ? "PLAINTEXT" : security.protocol();
      options.add(new String[] {"properties.security.protocol", protocol});
      if (protocol.startsWith("SASL")) {
        String module =
            "PLAIN".equals(security.mechanism())
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        String password = context.secret("kafka.security.password", security.password());
        options.add(new String[] {"properties.sasl.mechanism", security.mechanism()});
        options.add(
            new String[] {
              "properties.sasl.jaas.config",
              module
                  + " required username=\""
                  + jaasEscape(security.username())
                  + "\" password=\""
                  + jaasEscape(password)
                  + "\";"
            });
      }
      if (security.truststorePem() != null && !security.truststorePem().isBlank()) {
        options.add(new String[] {"properties.ssl.truststore.type", "PEM"});
        options.add(
            new String[] {
              "properties.ssl.truststore.certificates",
              context.secret("kafka.security.truststorePem", security.truststorePem())
            });
      }
    }
    return options;
  }

  private static String jaasEscape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
