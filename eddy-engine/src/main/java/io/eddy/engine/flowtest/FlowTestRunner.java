package io.eddy.engine.flowtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.compile.CompileOptions;
import io.eddy.core.compile.CompiledFlow;
import io.eddy.core.compile.ExportRulesException;
import io.eddy.core.compile.SqlCompiler;
import io.eddy.core.compile.StartupMode;
import io.eddy.core.model.Flow;
import io.eddy.core.model.Node;
import io.eddy.core.model.Property;
import io.eddy.core.nodes.NodeType;
import io.eddy.core.nodes.NodeTypes;
import io.eddy.core.nodes.Role;
import io.eddy.engine.EmbeddedKafka;
import io.eddy.engine.EngineException;
import io.eddy.engine.Errors;
import io.eddy.engine.FlinkEngine;
import io.eddy.engine.ResultStream;
import io.eddy.engine.RunHandle;
import io.eddy.engine.RunOptions;
import io.eddy.engine.RunState;
import io.eddy.engine.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code eddy test}: runs a flow against fixture events on the embedded broker and MiniCluster and
 * returns the output events. Every source and destination is redirected to the embedded broker,
 * under topic names unique to the run (so reruns on one broker never mix); each source is fed its
 * fixture file on one partition in file order and read from the earliest offset up to the latest
 * one, with the watermark advancing on every event, so the run ends by itself once every window has
 * closed and lateness is judged the same way on every run. The output node's events come back
 * through the results tap, as JSON objects with timestamps as {@code yyyy-MM-dd HH:mm:ss.SSS}.
 */
public final class FlowTestRunner implements AutoCloseable {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(FlowTestRunner.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The format of timestamps in test output. */
  public static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

  private final EmbeddedKafka kafka;
  private final FlinkEngine engine;
  private final FlowAnalyzer analyzer;
  private final SqlCompiler compiler;
  private final boolean owned;
  private final Function<String, Optional<String>> secrets;
  private final Duration timeout;
  private final boolean deleteTopics;
  // Every copy (with...) carries these over, whatever order the with-methods are called in.
  private final boolean readWritten;
  private final boolean stats;

  /** A runner on a broker and an engine owned by the caller. */
  public FlowTestRunner(EmbeddedKafka kafka, FlinkEngine engine, FlowAnalyzer analyzer) {
    this(
        kafka,
        engine,
        analyzer,
        false,
        name -> Optional.ofNullable(System.getenv(name)),
        Duration.ofMinutes(5),
        true);
  }

  /**
   * A runner on a broker and an engine owned by the caller, compiling with {@code compiler}
   * (failures then list the export rules only, not each node's messages).
   */
  public FlowTestRunner(EmbeddedKafka kafka, FlinkEngine engine, SqlCompiler compiler) {
    this(
        kafka,
        engine,
        null,
        compiler,
        false,
        name -> Optional.ofNullable(System.getenv(name)),
        Duration.ofMinutes(5),
        true,
        false,
        false);
  }

  private FlowTestRunner(
      EmbeddedKafka kafka,
      FlinkEngine engine,
      FlowAnalyzer analyzer,
      boolean owned,
      Function<String, Optional<String>> secrets,
      Duration timeout,
      boolean deleteTopics) {
    this(
        kafka,
        engine,
        analyzer,
        new SqlCompiler(analyzer),
        owned,
        secrets,
        timeout,
        deleteTopics,
        false,
        false);
  }

  private FlowTestRunner(
      EmbeddedKafka kafka,
      FlinkEngine engine,
      FlowAnalyzer analyzer,
      SqlCompiler compiler,
      boolean owned,
      Function<String, Optional<String>> secrets,
      Duration timeout,
      boolean deleteTopics,
      boolean readWritten,
      boolean stats) {
    this.kafka = kafka;
    this.engine = engine;
    this.analyzer = analyzer;
    this.compiler = compiler;
    this.owned = owned;
    this.secrets = secrets;
    this.timeout = timeout;
    this.deleteTopics = deleteTopics;
    this.readWritten = readWritten;
    this.stats = stats;
  }

  /**
   * A runner with a broker and a MiniCluster of its own under {@code workDir} (what the CLI uses);
   * {@link #close()} stops them.
   */
  public static FlowTestRunner standalone(Path workDir) {
    // The broker and the MiniCluster start side by side: a cold `eddy test` waits for the slower.
    java.util.concurrent.CompletableFuture<FlinkEngine> engine =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> FlinkEngine.embedded(workDir.resolve("flink"), 2));
    EmbeddedKafka kafka;
    try {
      kafka = EmbeddedKafka.start(workDir.resolve("kafka"));
    } catch (RuntimeException e) {
      engine.thenAccept(FlinkEngine::close);
      throw e;
    }
    try {
      return new FlowTestRunner(
          kafka,
          engine.join(),
          new FlowAnalyzer(new FlinkExpressionChecker()),
          true,
          name -> Optional.ofNullable(System.getenv(name)),
          Duration.ofMinutes(5),
          true);
    } catch (java.util.concurrent.CompletionException e) {
      kafka.close();
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /**
   * A runner that resolves {@code ${NAME}} secret references with {@code resolver} (default:
   * environment variables). The copy shares the broker and engine and does not close them.
   */
  public FlowTestRunner withSecrets(Function<String, Optional<String>> resolver) {
    return new FlowTestRunner(
        kafka,
        engine,
        analyzer,
        compiler,
        false,
        resolver,
        timeout,
        deleteTopics,
        readWritten,
        stats);
  }

  /** A runner whose runs may take {@code value} before the test fails (default 5 minutes). */
  public FlowTestRunner withTimeout(Duration value) {
    return new FlowTestRunner(
        kafka, engine, analyzer, compiler, false, secrets, value, deleteTopics, readWritten, stats);
  }

  /**
   * A runner that also reads back what the output node wrote when it is an event destination: each
   * message's key, headers and value ({@link FlowTestResult#written()}), for {@code eddy test
   * --with-metadata}. The copy shares the broker and engine and does not close them.
   */
  public FlowTestRunner withMetadata() {
    return new FlowTestRunner(
        kafka, engine, analyzer, compiler, false, secrets, timeout, deleteTopics, true, stats);
  }

  /**
   * A runner whose results also carry the run's counts per node (messages read, skipped, values
   * nulled, events out, late events dropped by windows); they cost a second reading of each source
   * topic in the same job. The copy shares the broker and engine and does not close them.
   */
  public FlowTestRunner withStats() {
    return new FlowTestRunner(
        kafka,
        engine,
        analyzer,
        compiler,
        false,
        secrets,
        timeout,
        deleteTopics,
        readWritten,
        true);
  }

  /**
   * Runs {@code flow} with the events of {@code fixtures} (source node name → JSON lines file) and
   * returns the output of the last node, or of {@code node} (a node name or id).
   */
  public FlowTestResult run(Flow flow, Map<String, Path> fixtures, Optional<String> node)
      throws FlowTestException {
    Map<String, List<FixtureEvents.Message>> messages = new LinkedHashMap<>();
    for (Map.Entry<String, Path> e : fixtures.entrySet()) {
      messages.put(e.getKey(), FixtureEvents.read(e.getValue()));
    }
    return runMessages(flow, messages, node);
  }

  /** As {@link #run}, with the fixture lines given directly (source node name → lines). */
  public FlowTestResult runLines(
      Flow flow, Map<String, List<String>> fixtures, Optional<String> node)
      throws FlowTestException {
    Map<String, List<FixtureEvents.Message>> messages = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : fixtures.entrySet()) {
      messages.put(e.getKey(), FixtureEvents.parse(e.getValue(), "the events of " + e.getKey()));
    }
    return runMessages(flow, messages, node);
  }

  private FlowTestResult runMessages(
      Flow flow, Map<String, List<FixtureEvents.Message>> fixtures, Optional<String> nodeRef)
      throws FlowTestException {
    long started = System.nanoTime();
    String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String prefix = "eddy-test-" + runId + ".";

    NodeTypes registry = analyzer == null ? NodeTypes.standard() : analyzer.registry();
    List<Node> sources =
        flow.nodes().stream().filter(n -> hasRole(registry, n, Role.READS_KAFKA)).toList();
    Map<String, Node> fed = new LinkedHashMap<>();
    Map<String, List<FixtureEvents.Message>> fedMessages = new LinkedHashMap<>();
    for (String name : fixtures.keySet()) {
      Node source = find(sources, name);
      if (source == null) {
        throw new FlowTestException(
            "No event source is named `"
                + name
                + "`; the event sources are "
                + names(sources)
                + ".");
      }
      if (fed.containsKey(source.id())) {
        throw new FlowTestException(
            "The event source `" + source.name() + "` is given events twice.");
      }
      fed.put(source.id(), source);
      fedMessages.put(source.id(), fixtures.get(name));
    }
    String outputId = null;
    if (nodeRef.isPresent()) {
      Node out = find(flow.nodes(), nodeRef.get());
      if (out == null) {
        throw new FlowTestException(
            "No node is named `" + nodeRef.get() + "`; the nodes are " + names(flow.nodes()) + ".");
      }
      outputId = out.id();
    }

    // Topics unique to this run: the flow's own topic names behind a run prefix.
    Set<String> topics = new HashSet<>();
    Map<String, String> sourceTopics = new LinkedHashMap<>();
    Map<String, String> nodeTopics = new LinkedHashMap<>();
    List<Node> nodes = new ArrayList<>();
    for (Node n : flow.nodes()) {
      Optional<NodeType<?>> type = registry.get(n.type());
      Optional<String> topic = type.flatMap(t -> t.kafkaTopic(n.config()));
      if (topic.isPresent()) {
        // Same servers (the compile options override them), the topic behind the run prefix.
        ObjectNode config = type.get().connectTo(n.config(), null, t -> safeTopic(prefix + t));
        String renamed = type.get().kafkaTopic(config).orElseThrow();
        topics.add(renamed);
        nodeTopics.put(n.id(), renamed);
        if (type.get().roles().contains(Role.READS_KAFKA)) {
          sourceTopics.put(n.id(), renamed);
        }
        nodes.add(n.withConfig(config));
      } else {
        nodes.add(n);
      }
    }
    Flow redirected = flow.withNodes(nodes);
    String tapTopic = prefix + "results";
    topics.add(tapTopic);
    String countsTopic = prefix + "counts";
    if (stats) {
      topics.add(countsTopic);
    }

    CompileOptions options =
        CompileOptions.export()
            .withStartupMode(StartupMode.EARLIEST)
            .withBounded(true)
            .withKafkaOverride(kafka.bootstrapServers())
            .withSecrets(secrets)
            .withConsumerGroup("eddy-test-" + runId);
    CompiledFlow compiled;
    String reportedNode;
    io.eddy.core.analysis.FlowAnalysis analysis =
        analyzer == null ? null : analyzer.analyse(redirected);
    try {
      // Without a node asked for, the tap takes the flow's output: one compile finds and taps it.
      CompileOptions tapped =
          options.withTap(new CompileOptions.Tap(outputId, tapTopic, kafka.bootstrapServers()));
      if (stats) {
        tapped =
            tapped.withCounts(new CompileOptions.Counts(countsTopic, kafka.bootstrapServers()));
      }
      compiled =
          analysis == null
              ? compiler.compile(redirected, tapped)
              : compiler.compile(analysis, tapped);
      reportedNode = compiled.outputNodeId();
    } catch (ExportRulesException e) {
      throw new FlowTestException(cannotRun(e, analysis), e);
    }

    long compiledAt = System.nanoTime();
    try {
      for (String topic : topics) {
        kafka.createTopic(topic, 1);
      }
      produce(fed, fedMessages, sourceTopics);
      long producedAt = System.nanoTime();
      RunHandle run =
          engine.start(
              compiled.statements(),
              RunOptions.of(compiled.settings())
                  .withName("eddy test: " + (flow.name() == null ? "flow" : flow.name())));
      RunStatus end;
      try {
        end = engine.awaitEnd(run.jobId(), timeout);
      } catch (TimeoutException e) {
        engine.stop(run.jobId());
        throw new FlowTestException(
            "The flow did not finish within " + timeout.toSeconds() + " seconds.", e);
      }
      long endedAt = System.nanoTime();
      if (end.state() != RunState.FINISHED) {
        throw new FlowTestException(
            "The flow " + end.state().label() + ": " + (end.error() == null ? "" : end.error()));
      }
      List<ObjectNode> events;
      try (ResultStream results = ResultStream.open(kafka.bootstrapServers(), tapTopic, 10_000)) {
        events = results.readToEnd(Duration.ofSeconds(60));
      }
      io.eddy.engine.counts.RunCounts counts = new io.eddy.engine.counts.RunCounts();
      if (stats) {
        try (ResultStream read = ResultStream.open(kafka.bootstrapServers(), countsTopic, 10_000)) {
          read.readToEnd(Duration.ofSeconds(60)).forEach(counts::accept);
        }
      }
      List<ObjectNode> normalized = new ArrayList<>(events.size());
      for (ObjectNode e : events) {
        normalized.add(normalize(e, compiled.output()));
      }
      LOG.debug(
          "Flow test {}: compile {} ms, topics and fixtures {} ms, job {} ms, results {} ms",
          flow.name(),
          (compiledAt - started) / 1_000_000,
          (producedAt - compiledAt) / 1_000_000,
          (endedAt - producedAt) / 1_000_000,
          (System.nanoTime() - endedAt) / 1_000_000);
      Node out = redirected.node(reportedNode).orElseThrow();
      List<ObjectNode> written = List.of();
      if (readWritten
          && hasRole(registry, out, Role.WRITES_KAFKA)
          && nodeTopics.containsKey(out.id())) {
        written = new ArrayList<>();
        // An Avro destination's messages are read with the schema Flink wrote them with.
        Optional<org.apache.avro.Schema> writtenAvro =
            "avro".equalsIgnoreCase(out.config().path("format").asText())
                ? Optional.of(AvroMessages.writtenSchema(compiled.output()))
                : Optional.empty();
        for (ObjectNode m :
            WrittenMessages.read(kafka.bootstrapServers(), nodeTopics.get(out.id()), writtenAvro)) {
          if (m.get("value") instanceof ObjectNode v) {
            m.set("value", normalize(v, compiled.output()));
          }
          written.add(m);
        }
      }
      return new FlowTestResult(
          out.id(),
          out.name(),
          compiled.output(),
          normalized,
          run.jobId(),
          Duration.ofNanos(System.nanoTime() - started),
          written,
          counts.toMap());
    } catch (EngineException e) {
      throw new FlowTestException("The flow cannot run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FlowTestException("The flow test was interrupted.", e);
    } finally {
      if (deleteTopics) {
        kafka.deleteTopics(topics);
      }
    }
  }

  private void produce(
      Map<String, Node> fed,
      Map<String, List<FixtureEvents.Message>> messages,
      Map<String, String> sourceTopics)
      throws FlowTestException {
    if (fed.isEmpty()) {
      return;
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (Map.Entry<String, Node> e : fed.entrySet()) {
        String topic = sourceTopics.get(e.getKey());
        if (topic == null) {
          throw new FlowTestException(
              "The event source `" + e.getValue().name() + "` has no topic configured.");
        }
        Optional<org.apache.avro.Schema> avro = avroSchema(e.getValue());
        int number = 0;
        for (FixtureEvents.Message m : messages.get(e.getKey())) {
          number++;
          byte[] value;
          try {
            value = m.valueFor(avro);
          } catch (IllegalArgumentException bad) {
            throw new FlowTestException(
                "Event "
                    + number
                    + " of `"
                    + e.getValue().name()
                    + "` cannot be written with its Avro schema: "
                    + bad.getMessage()
                    + ".");
          }
          producer.send(
              new ProducerRecord<>(topic, 0, m.timestamp(), m.key(), value, m.kafkaHeaders()));
        }
      }
      producer.flush();
    } catch (RuntimeException e) {
      throw new FlowTestException(
          "The fixture events could not be produced: " + Errors.sentence(e), e);
    }
  }

  /** The Avro schema of a source reading Avro messages, else empty. */
  private static Optional<org.apache.avro.Schema> avroSchema(Node source) throws FlowTestException {
    try {
      return AvroMessages.schemaOf(source.config());
    } catch (RuntimeException e) {
      throw new FlowTestException(
          "The Avro schema of `" + source.name() + "` cannot be read: " + e.getMessage());
    }
  }

  /** The failed rules, then each node's own messages (what `eddy validate` would print). */
  private static String cannotRun(ExportRulesException e, io.eddy.core.analysis.FlowAnalysis a) {
    StringBuilder m =
        new StringBuilder("The flow cannot run: ").append(String.join(" ", e.problems()));
    if (a == null) {
      return m.toString();
    }
    for (io.eddy.core.analysis.FlowAnalysis.Result r : a.results()) {
      if (r.status() != io.eddy.core.analysis.NodeStatus.VALID && !r.messages().isEmpty()) {
        m.append(" `").append(r.node().name()).append("`: ").append(String.join(" ", r.messages()));
      }
    }
    return m.toString();
  }

  private static boolean hasRole(NodeTypes registry, Node node, Role role) {
    return registry.get(node.type()).map(t -> t.roles().contains(role)).orElse(false);
  }

  private static Node find(List<Node> nodes, String ref) {
    for (Node n : nodes) {
      if (ref.equals(n.name())) {
        return n;
      }
    }
    for (Node n : nodes) {
      if (n.name() != null && ref.equalsIgnoreCase(n.name())) {
        return n;
      }
    }
    for (Node n : nodes) {
      if (ref.equals(n.id())) {
        return n;
      }
    }
    return null;
  }

  private static String names(List<Node> nodes) {
    if (nodes.isEmpty()) {
      return "none";
    }
    return String.join(", ", nodes.stream().map(n -> "`" + n.name() + "`").toList());
  }

  /** Kafka topic names allow letters, digits, '.', '_' and '-', up to 249 characters. */
  static String safeTopic(String topic) {
    String t = topic.replaceAll("[^A-Za-z0-9._-]", "_");
    return t.length() > 249 ? t.substring(0, 249) : t;
  }

  /**
   * Timestamps in the output as {@code yyyy-MM-dd HH:mm:ss.SSS}, at any depth; DOUBLE and FLOAT
   * values as doubles (the results reader keeps every number as written, for DECIMAL's sake);
   * properties in output order.
   */
  static ObjectNode normalize(ObjectNode event, List<Property> properties) {
    ObjectNode out = JSON.createObjectNode();
    Set<String> known = new HashSet<>();
    for (Property p : properties) {
      known.add(p.name());
      JsonNode value = event.get(p.name());
      if (value == null) {
        continue;
      }
      out.set(p.name(), normalizeValue(value, p));
    }
    event
        .fields()
        .forEachRemaining(
            f -> {
              if (!known.contains(f.getKey())) {
                out.set(f.getKey(), f.getValue());
              }
            });
    return out;
  }

  private static JsonNode normalizeValue(JsonNode value, Property p) {
    if (value.isNull()) {
      return value;
    }
    switch (p.type()) {
      case TIMESTAMP, TIMESTAMP_LTZ -> {
        return value.isTextual()
            ? JSON.getNodeFactory().textNode(formatTimestamp(value.asText()))
            : value;
      }
      case DOUBLE, FLOAT -> {
        return value.isBigDecimal() ? JSON.getNodeFactory().numberNode(value.doubleValue()) : value;
      }
      case ROW -> {
        return value instanceof ObjectNode o ? normalize(o, p.properties()) : value;
      }
      case ARRAY -> {
        if (!value.isArray()) {
          return value;
        }
        com.fasterxml.jackson.databind.node.ArrayNode a = JSON.createArrayNode();
        value.forEach(v -> a.add(normalizeValue(v, p.items())));
        return a;
      }
      case MAP -> {
        if (!(value instanceof ObjectNode o)) {
          return value;
        }
        ObjectNode m = JSON.createObjectNode();
        o.fields()
            .forEachRemaining(f -> m.set(f.getKey(), normalizeValue(f.getValue(), p.values())));
        return m;
      }
      default -> {
        return value;
      }
    }
  }

  /** A timestamp text as {@code yyyy-MM-dd HH:mm:ss.SSS} (unchanged when it cannot be read). */
  public static String formatTimestamp(String text) {
    Long millis = FixtureEvents.epochMillis(text);
    if (millis == null) {
      return text;
    }
    return TIMESTAMP.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
  }

  @Override
  public void close() {
    if (owned) {
      engine.close();
      kafka.close();
    }
  }

  static long seconds(long nanos) {
    return TimeUnit.NANOSECONDS.toSeconds(nanos);
  }
}
