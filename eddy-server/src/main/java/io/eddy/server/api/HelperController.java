package io.eddy.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.document.FlowDocumentException;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import io.eddy.server.FlowService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Helpers for the editor: Kafka topics and a sample message, PostgreSQL tables and columns, the
 * analysis of an unsaved document. Connection failures answer within a few seconds with a readable
 * error (502).
 */
public final class HelperController {
  private static final int TIMEOUT_MS = 5_000;

  /** The longest any helper takes to answer, whatever the system it asks does. */
  static final Duration LIMIT = Duration.ofSeconds(12);

  /** How long the probe waits for an address to answer like a Kafka broker. */
  private static final int PROBE_MS = 3_000;

  private final FlowService flows;
  private final String defaultKafka;

  public HelperController(FlowService flows, String defaultKafka) {
    this.flows = flows;
    this.defaultKafka = defaultKafka;
  }

  public void register(Javalin app) {
    app.post("/api/analyse", this::analyse);
    app.post("/api/kafka/topics", this::topics);
    app.post("/api/kafka/sample", this::sample);
    app.post("/api/jdbc/tables", this::tables);
  }

  private void analyse(Context ctx) {
    JsonNode body = Json.body(ctx);
    if (body.isObject()) {
      ObjectNode doc = ((ObjectNode) body).deepCopy();
      doc.remove(List.of("id", "revision", "createdAt", "updatedAt", "status"));
      if (!doc.has("format")) {
        doc.put("format", FlowDocuments.FORMAT);
      }
      body = doc;
    }
    Flow flow;
    try {
      flow = FlowDocuments.fromJson(body);
    } catch (FlowDocumentException e) {
      throw new ApiError(422, e.getMessage());
    }
    ctx.json(flows.report(flow));
  }

  // ---- Kafka ----

  /**
   * A secret as the editor sends it: typed in plain text, or sealed as the flow's answers show it
   * (write-only secrets), then opened with the store's key.
   */
  private String secret(String value) {
    if (value == null) {
      return null;
    }
    try {
      return flows.store().unseal(value);
    } catch (io.eddy.server.store.StoreException e) {
      throw new ApiError(
          422, "A sealed secret in the request was not made by this Eddy; type the secret again.");
    }
  }

  /** Kafka client settings from {"bootstrapServers": [...] | "a,b", "security": {...}}. */
  Map<String, Object> kafkaClient(JsonNode body) {
    JsonNode kafka = body.has("kafka") ? body.get("kafka") : body;
    List<String> servers = new ArrayList<>();
    JsonNode bs = kafka.get("bootstrapServers");
    if (bs != null && bs.isArray()) {
      bs.forEach(s -> servers.add(s.asText().strip()));
    } else if (bs != null && bs.isTextual()) {
      for (String s : bs.textValue().split(",")) {
        servers.add(s.strip());
      }
    }
    servers.removeIf(String::isEmpty);
    if (servers.isEmpty()) {
      if (defaultKafka == null) {
        throw new ApiError(422, "Give the Kafka cluster's bootstrap servers (host:port).");
      }
      servers.add(defaultKafka);
    }
    for (String s : servers) {
      if (!s.matches("[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5}")) {
        throw new ApiError(422, "`" + s + "` is not a bootstrap server: write host:port.");
      }
    }
    Map<String, Object> p = new HashMap<>();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", servers));
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 3_000L);
    p.put("socket.connection.setup.timeout.max.ms", 3_000L);
    p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000L);
    p.put("client.dns.lookup", "use_all_dns_ips");
    JsonNode sec = kafka.get("security");
    if (sec != null && sec.isObject()) {
      String protocol = text(sec, "protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
      if (!List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL").contains(protocol)) {
        throw new ApiError(
            422, "The security protocol must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.");
      }
      p.put("security.protocol", protocol);
      if (protocol.startsWith("SASL")) {
        String mechanism = text(sec, "mechanism", "PLAIN").toUpperCase(Locale.ROOT);
        String module =
            switch (mechanism) {
              case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
              case "SCRAM-SHA-256", "SCRAM-SHA-512" ->
                  "org.apache.kafka.common.security.scram.ScramLoginModule";
              default ->
                  throw new ApiError(
                      422, "The SASL mechanism must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.");
            };
        p.put("sasl.mechanism", mechanism);
        p.put(
            "sasl.jaas.config",
            module
                + " required username=\""
                + jaasEscape(text(sec, "username", ""))
                + "\" password=\""
                + jaasEscape(secret(text(sec, "password", "")))
                + "\";");
      }
      String pem = secret(text(sec, "truststorePem", null));
      if (pem != null && !pem.isBlank() && protocol.endsWith("SSL")) {
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.certificates", pem);
      }
    }
    return p;
  }

  private static String text(JsonNode n, String field, String fallback) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? fallback : v.asText();
  }

  private static String jaasEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /**
   * The error for a Kafka cluster that did not answer. One sentence for every way of not answering
   * (closed port, silent port, a port speaking something else, TLS refused), so that the helper
   * does not tell which ports of a network are open; only a broker that refused the credentials is
   * named as such.
   */
  private static ApiError unreachable(Map<String, Object> client, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.apache.kafka.common.errors.SaslAuthenticationException) {
        return new ApiError(
            502, kafkaAt(client) + " cannot be reached: it refused the user name or password.");
      }
    }
    return kafkaUnreachable(client);
  }

  private static ApiError kafkaUnreachable(Map<String, Object> client) {
    return new ApiError(
        502,
        kafkaAt(client)
            + " cannot be reached: no Kafka broker answered there within "
            + LIMIT.toSeconds()
            + " seconds (check the address, the port and the security settings).");
  }

  private static String kafkaAt(Map<String, Object> client) {
    return "Kafka at " + client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
  }

  /**
   * {@code client} with only the bootstrap servers that answer like Kafka brokers (see {@link
   * KafkaProbe}: a Kafka client would allocate whatever length another service's answer starts
   * with). Over TLS the handshake refuses other services before any length is read.
   *
   * @throws ApiError 502 when none does
   */
  private static Map<String, Object> probed(Map<String, Object> client) {
    String protocol = String.valueOf(client.getOrDefault("security.protocol", "PLAINTEXT"));
    if (protocol.endsWith("SSL")) {
      return client;
    }
    List<String> answering = new ArrayList<>();
    for (String server :
        String.valueOf(client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)).split(",")) {
      int colon = server.lastIndexOf(':');
      String host = server.substring(0, colon).replaceAll("^\\[|\\]$", "");
      try {
        KafkaProbe.check(host, Integer.parseInt(server.substring(colon + 1)), PROBE_MS);
        answering.add(server);
      } catch (KafkaProbe.NotKafkaException | IllegalArgumentException e) {
        // Not a broker (or not now): left out; the answer does not say which way.
      }
    }
    if (answering.isEmpty()) {
      throw kafkaUnreachable(client);
    }
    Map<String, Object> out = new HashMap<>(client);
    out.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", answering));
    return out;
  }

  private void topics(Context ctx) {
    Map<String, Object> client = kafkaClient(Json.body(ctx));
    List<String> topics =
        TimeBox.run(LIMIT, () -> topicsOf(client), () -> kafkaUnreachable(client));
    ctx.json(Map.of("topics", topics));
  }

  private static List<String> topicsOf(Map<String, Object> client) {
    Admin admin;
    try {
      admin = Admin.create(probed(client));
    } catch (RuntimeException e) {
      throw e instanceof ApiError a ? a : unreachable(client, e);
    }
    try {
      TreeSet<String> names =
          new TreeSet<>(admin.listTopics().names().get(TIMEOUT_MS + 1_000, TimeUnit.MILLISECONDS));
      names.removeIf(n -> n.startsWith("__") || n.startsWith("eddy-results-"));
      return List.copyOf(names);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw unreachable(client, e);
    } finally {
      admin.close(Duration.ofSeconds(1));
    }
  }

  private void sample(Context ctx) {
    JsonNode body = Json.body(ctx);
    JsonNode kafka = body.has("kafka") ? body.get("kafka") : body;
    String topic = text(kafka, "topic", text(body, "topic", null));
    if (topic == null || topic.isBlank()) {
      throw new ApiError(422, "Give the topic to take a sample message from.");
    }
    Map<String, Object> client = kafkaClient(body);
    Map<String, Object> out =
        TimeBox.run(LIMIT, () -> sampleOf(client, topic), () -> kafkaUnreachable(client));
    ctx.json(out);
  }

  private static Map<String, Object> sampleOf(Map<String, Object> client, String topic) {
    Map<String, Object> c = new HashMap<>(probed(client));
    c.remove(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
    c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, "eddy-sample");
    KafkaConsumer<byte[], byte[]> consumer;
    try {
      consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    } catch (RuntimeException e) {
      throw e instanceof ApiError a ? a : unreachable(client, e);
    }
    try {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofMillis(TIMEOUT_MS));
      if (partitions == null || partitions.isEmpty()) {
        throw new ApiError(
            404,
            "There is no topic `"
                + topic
                + "` on Kafka at "
                + client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                + ".");
      }
      List<TopicPartition> tps =
          partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      Map<TopicPartition, Long> end = consumer.endOffsets(tps, Duration.ofMillis(TIMEOUT_MS));
      List<TopicPartition> withData =
          tps.stream().filter(tp -> end.getOrDefault(tp, 0L) > 0).toList();
      if (withData.isEmpty()) {
        throw new ApiError(404, "The topic `" + topic + "` has no messages yet.");
      }
      consumer.assign(withData);
      withData.forEach(tp -> consumer.seek(tp, end.get(tp) - 1));
      ConsumerRecord<byte[], byte[]> newest = null;
      int found = 0;
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
      while (found < withData.size() && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.offset() == end.get(new TopicPartition(r.topic(), r.partition())) - 1) {
            found++;
          }
          if (newest == null || r.timestamp() > newest.timestamp()) {
            newest = r;
          }
        }
      }
      if (newest == null) {
        throw new ApiError(
            404,
            "No recent message of `"
                + topic
                + "` could be read (it may have been deleted by retention).");
      }
      Map<String, Object> out = new LinkedHashMap<>();
      String value =
          newest.value() == null
              ? ""
              : new String(newest.value(), java.nio.charset.StandardCharsets.UTF_8);
      out.put("topic", topic);
      out.put("message", value);
      try {
        JsonNode parsed = Json.MAPPER.readTree(value);
        if (parsed != null && parsed.isObject()) {
          out.put("value", parsed);
        }
      } catch (Exception notJson) {
        // the raw message is all there is
      }
      out.put("partition", newest.partition());
      out.put("offset", newest.offset());
      out.put("timestamp", Instant.ofEpochMilli(newest.timestamp()).toString());
      return out;
    } catch (ApiError e) {
      throw e;
    } catch (Exception e) {
      throw unreachable(client, e);
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
    }
  }

  // ---- PostgreSQL ----

  private void tables(Context ctx) {
    JsonNode body = Json.body(ctx);
    JsonNode jdbc = body.has("jdbc") ? body.get("jdbc") : body;
    JdbcTarget target =
        JdbcTarget.of(
            text(jdbc, "url", null),
            text(jdbc, "username", null),
            secret(text(jdbc, "password", null)));
    List<Map<String, Object>> tables =
        TimeBox.run(LIMIT, () -> tablesOf(target), () -> postgresUnusable(target, null));
    ctx.json(Map.of("tables", tables));
  }

  /**
   * The error for a PostgreSQL server that cannot be used: refused credentials and a missing
   * database are named (only a PostgreSQL server says so); every other failure is one sentence, so
   * that the helper does not tell open ports from closed ones. Never the driver's text, which may
   * quote the URL.
   */
  private static ApiError postgresUnusable(JdbcTarget target, SQLException e) {
    String state = e == null || e.getSQLState() == null ? "" : e.getSQLState();
    String why =
        state.startsWith("28")
            ? "it refused the user name or password."
            : state.equals("3D000")
                ? "the database does not exist."
                : "no PostgreSQL server answered there within "
                    + LIMIT.toSeconds()
                    + " seconds (check the address, the port and the database).";
    return new ApiError(502, "PostgreSQL at " + target.where() + " cannot be used: " + why);
  }

  private static List<Map<String, Object>> tablesOf(JdbcTarget target) {
    try (Connection c = new org.postgresql.Driver().connect(target.url(), target.properties())) {
      if (c == null) {
        throw postgresUnusable(target, null);
      }
      Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
      Map<String, List<String>> unsupported = new HashMap<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT t.table_name, c.column_name, c.data_type FROM information_schema.tables t"
                  + " JOIN information_schema.columns c ON c.table_schema = t.table_schema AND"
                  + " c.table_name = t.table_name WHERE t.table_schema = current_schema() AND"
                  + " t.table_type IN ('BASE TABLE', 'VIEW') ORDER BY t.table_name,"
                  + " c.ordinal_position")) {
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            String table = r.getString(1);
            List<Map<String, Object>> cols = tables.computeIfAbsent(table, k -> new ArrayList<>());
            String type = eddyType(r.getString(3));
            if (type == null) {
              unsupported.computeIfAbsent(table, k -> new ArrayList<>()).add(r.getString(2));
              continue;
            }
            Map<String, Object> col = new LinkedHashMap<>();
            col.put("name", r.getString(2));
            col.put("type", type);
            col.put("sqlType", r.getString(3).toUpperCase(Locale.ROOT));
            cols.add(col);
          }
        }
      }
      List<Map<String, Object>> out = new ArrayList<>();
      tables.forEach(
          (name, cols) -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", name);
            t.put("columns", cols);
            if (unsupported.containsKey(name)) {
              t.put("unsupportedColumns", unsupported.get(name));
            }
            out.add(t);
          });
      return out;
    } catch (SQLException e) {
      throw postgresUnusable(target, e);
    }
  }

  /** The Eddy property type of a PostgreSQL column type (SPEC §2), or null when unsupported. */
  static String eddyType(String dataType) {
    return switch (dataType.toLowerCase(Locale.ROOT)) {
      case "bigint", "bigserial" -> "BIGINT";
      case "integer", "serial", "smallint", "smallserial" -> "INTEGER";
      case "boolean" -> "BOOLEAN";
      case "character", "character varying", "text", "varchar", "char" -> "STRING";
      case "date" -> "DATE";
      case "double precision", "numeric", "real" -> "DOUBLE";
      default -> null;
    };
  }
}
