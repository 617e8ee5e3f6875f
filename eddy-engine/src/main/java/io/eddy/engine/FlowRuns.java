package io.eddy.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.compile.CompileOptions;
import io.eddy.core.compile.CompiledFlow;
import io.eddy.core.compile.ExportRulesException;
import io.eddy.core.compile.SqlCompiler;
import io.eddy.core.compile.StartupMode;
import io.eddy.core.model.Flow;
import io.eddy.core.model.Node;
import io.eddy.core.model.Property;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs of flows, one at most per flow: compile with the run options (startup mode, secrets, a
 * results tap on the last node or a chosen one), submit to the engine, and stream the tapped events
 * into a bounded buffer of the latest events plus live listeners. The tap topic lives on {@code
 * tapBootstrap} (the embedded broker by default), which the Flink cluster must reach.
 */
public final class FlowRuns implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlowRuns.class);

  /** How many output events a run keeps for the results view and the CSV download. */
  public static final int KEPT_EVENTS = 1_000;

  private final FlinkEngine engine;
  private final SqlCompiler compiler;
  private final String tapBootstrap;
  private final String kafkaOverride;
  private final Function<String, Optional<String>> secrets;
  private final Map<String, FlowRun> runs = new ConcurrentHashMap<>();

  /**
   * @param tapBootstrap the Kafka cluster for results tap topics (the embedded broker)
   * @param kafkaOverride when not null, every source and destination uses this cluster instead of
   *     its own (the embedded default with demo topics); null to use the flows' own clusters
   * @param secrets resolves {@code ${NAME}} references in flows (environment, secrets file)
   */
  public FlowRuns(
      FlinkEngine engine,
      SqlCompiler compiler,
      String tapBootstrap,
      String kafkaOverride,
      Function<String, Optional<String>> secrets) {
    this.engine = engine;
    this.compiler = compiler;
    this.tapBootstrap = tapBootstrap;
    this.kafkaOverride = kafkaOverride;
    this.secrets = secrets;
  }

  /** How a run starts. */
  public enum Mode {
    /** Events from now: every source from its latest offset. */
    FROM_NOW,
    /** Include historical: every source from its earliest offset. */
    HISTORICAL
  }

  /**
   * Starts a run of {@code flow}, keyed by {@code flowId}.
   *
   * @param nodeId the node whose output to stream; empty for the flow's last node
   * @throws ExportRulesException when the flow cannot run (the SQL export rules fail)
   * @throws IllegalStateException when the flow is already running
   * @throws EngineException when the run cannot start (one readable sentence)
   */
  public FlowRun start(String flowId, Flow flow, Mode mode, Optional<String> nodeId)
      throws ExportRulesException {
    FlowRun previous = runs.get(flowId);
    if (previous != null) {
      if (!previous.status().state().terminal()) {
        throw new IllegalStateException("The flow is already running.");
      }
      previous.close();
      runs.remove(flowId, previous);
    }
    String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String tapTopic = safe("eddy-results." + flowId + "." + runId);
    CompileOptions options =
        CompileOptions.export()
            .withFlowId(flowId)
            .withStartupMode(mode == Mode.HISTORICAL ? StartupMode.EARLIEST : StartupMode.LATEST)
            .withKafkaOverride(kafkaOverride)
            .withSecrets(secrets)
            .withConsumerGroup("eddy-" + safe(flowId) + "-" + runId);
    String output = nodeId.orElseGet(() -> null);
    if (output == null) {
      output = compiler.compile(flow, options).outputNodeId();
    }
    CompiledFlow compiled =
        compiler.compile(
            flow, options.withTap(new CompileOptions.Tap(output, tapTopic, tapBootstrap)));
    createTopic(tapTopic);
    FlowRun run =
        new FlowRun(
            flowId, flow.node(output).map(Node::name).orElse(output), compiled.output(), tapTopic);
    run.results =
        ResultStream.open(tapBootstrap, tapTopic, ResultStream.DEFAULT_CAPACITY, run::accept);
    try {
      RunHandle handle =
          engine.start(
              compiled.statements(),
              RunOptions.of(compiled.settings())
                  .withName(flow.name() == null ? "Eddy flow" : flow.name()));
      run.handle = handle;
    } catch (RuntimeException e) {
      run.close();
      deleteTopic(tapTopic);
      throw e;
    }
    runs.put(flowId, run);
    return run;
  }

  /** The run of a flow (running or ended), if it has one. */
  public Optional<FlowRun> run(String flowId) {
    return Optional.ofNullable(runs.get(flowId));
  }

  /** Stops a flow's run; does nothing when it has none or it has ended. */
  public void stop(String flowId) {
    FlowRun run = runs.get(flowId);
    if (run != null) {
      run.stop();
    }
  }

  /** Stops and forgets a flow's run (for example when the flow is deleted). */
  public void remove(String flowId) {
    FlowRun run = runs.remove(flowId);
    if (run != null) {
      run.stop();
      run.close();
      deleteTopic(run.tapTopic);
    }
  }

  private static String safe(String topic) {
    String t = topic.replaceAll("[^A-Za-z0-9._-]", "_");
    return t.length() > 200 ? t.substring(0, 200) : t;
  }

  private Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            tapBootstrap,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            10_000,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            5_000));
  }

  private void createTopic(String topic) {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new EngineException(
            "The results topic could not be created on " + tapBootstrap + ": " + Errors.sentence(e),
            e);
      }
    } catch (Exception e) {
      throw new EngineException(
          "The results topic could not be created on " + tapBootstrap + ": " + Errors.sentence(e),
          e);
    }
  }

  private void deleteTopic(String topic) {
    try (Admin admin = admin()) {
      admin.deleteTopics(Set.of(topic)).all().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("Deleting results topic {} failed: {}", topic, e.toString());
    }
  }

  @Override
  public void close() {
    for (String flowId : List.copyOf(runs.keySet())) {
      remove(flowId);
    }
  }

  /** One run of a flow: its job, its status from Flink, and its output events. */
  public final class FlowRun {
    private final String flowId;
    private final String nodeName;
    private final List<Property> properties;
    private final String tapTopic;
    private final LatestEvents latest = new LatestEvents(KEPT_EVENTS);
    private final List<Consumer<ObjectNode>> listeners = new CopyOnWriteArrayList<>();
    private volatile ResultStream results;
    private volatile RunHandle handle;

    private FlowRun(String flowId, String nodeName, List<Property> properties, String tapTopic) {
      this.flowId = flowId;
      this.nodeName = nodeName;
      this.properties = properties;
      this.tapTopic = tapTopic;
    }

    private void accept(ObjectNode event) {
      latest.add(event);
      for (Consumer<ObjectNode> l : listeners) {
        try {
          l.accept(event);
        } catch (RuntimeException e) {
          LOG.debug("A results listener failed: {}", e.toString());
        }
      }
    }

    public String flowId() {
      return flowId;
    }

    /** The Flink job id. */
    public String jobId() {
      return handle.jobId();
    }

    public Instant startedAt() {
      return handle.submittedAt();
    }

    /** The name of the node whose output this run streams. */
    public String nodeName() {
      return nodeName;
    }

    /** That node's output properties, in order (the CSV columns). */
    public List<Property> properties() {
      return properties;
    }

    /** The status from Flink (starting, running, finished, failed with reason, stopped). */
    public RunStatus status() {
      return engine.status(handle.jobId());
    }

    /** Output events received in all. */
    public long eventsOut() {
      return latest.total();
    }

    /** The latest {@value FlowRuns#KEPT_EVENTS} output events, newest first. */
    public List<ObjectNode> latestEvents() {
      return latest.newestFirst();
    }

    /**
     * Calls {@code listener} with every output event from now on, on the run's results thread: the
     * listener must not block (queue for slow clients yourself). Close the returned handle to stop.
     */
    public AutoCloseable subscribe(Consumer<ObjectNode> listener) {
      listeners.add(listener);
      return () -> listeners.remove(listener);
    }

    /** Stops the job (the events received so far stay available). */
    public void stop() {
      if (handle != null) {
        engine.stop(handle.jobId());
      }
    }

    void close() {
      ResultStream r = results;
      if (r != null) {
        r.close();
      }
      listeners.clear();
    }
  }
}
