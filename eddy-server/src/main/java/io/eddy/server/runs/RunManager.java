package io.eddy.server.runs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.analysis.FlowReport;
import io.eddy.core.analysis.NodeReport;
import io.eddy.core.analysis.NodeStatus;
import io.eddy.core.compile.CompileOptions;
import io.eddy.core.compile.CompiledFlow;
import io.eddy.core.compile.ExportRulesException;
import io.eddy.core.compile.StartupMode;
import io.eddy.core.model.Property;
import io.eddy.engine.EngineException;
import io.eddy.engine.FlinkEngine;
import io.eddy.engine.ResultStream;
import io.eddy.engine.RunHandle;
import io.eddy.engine.RunOptions;
import io.eddy.engine.RunState;
import io.eddy.engine.RunStatus;
import io.eddy.server.FlowService;
import io.eddy.server.api.ApiError;
import io.eddy.server.api.Json;
import io.eddy.server.store.StoredFlow;
import io.javalin.http.sse.SseClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs flows on the engine, one run per flow at a time. Each run's output node is tapped into an
 * internal Kafka topic ({@code eddy-results-...}) that a {@link ResultStream} tails; the latest
 * {@value #KEEP} events are kept per flow for late joiners of the SSE stream and for the CSV
 * download. Run states always come from Flink. Runs live in memory: after a restart nothing claims
 * to be running, and {@link #close} stops every run.
 */
public final class RunManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunManager.class);
  public static final int KEEP = 1_000;

  private final FlowService flows;
  private final FlinkEngine engine;
  private final String resultsBootstrap;
  private final Admin admin;
  private final Map<String, FlowRuns> byFlow = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public RunManager(FlowService flows, FlinkEngine engine, String resultsBootstrap) {
    this.flows = flows;
    this.engine = engine;
    this.resultsBootstrap = resultsBootstrap;
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, resultsBootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
  }

  public FlinkEngine engine() {
    return engine;
  }

  /** One flow's current (or last) run, its kept events and its SSE clients. */
  static final class FlowRuns {
    final EventBuffer events = new EventBuffer(KEEP);
    final List<Client> clients = new CopyOnWriteArrayList<>();
    Run run;
  }

  /** A run of a flow. */
  static final class Run {
    final String flowId;
    final long revision;
    final String mode;
    final RunHandle handle;
    final List<Property> output;
    final String topic;
    volatile ResultStream stream;
    volatile long eventsOut;
    volatile RunStatus lastStatus;
    volatile String localError;

    Run(
        String flowId,
        long revision,
        String mode,
        RunHandle handle,
        List<Property> output,
        String topic) {
      this.flowId = flowId;
      this.revision = revision;
      this.mode = mode;
      this.handle = handle;
      this.output = output;
      this.topic = topic;
    }
  }

  /** An SSE client; sends are serialised and never repeat an event. */
  static final class Client {
    final SseClient sse;
    long lastSent;

    Client(SseClient sse, long lastSent) {
      this.sse = sse;
      this.lastSent = lastSent;
    }

    synchronized void send(EventBuffer.Entry e) {
      if (e.seq() > lastSent && !sse.terminated()) {
        sse.sendEvent("message", e.json(), String.valueOf(e.seq()));
        lastSent = e.seq();
      }
    }
  }

  private FlowRuns runs(String flowId) {
    return byFlow.computeIfAbsent(flowId, id -> new FlowRuns());
  }

  /**
   * Starts a run of the stored flow.
   *
   * @param mode {@code fromNow} (latest offsets) or {@code historical} (earliest)
   * @throws ApiError 409 when the flow is not valid or already running
   */
  public synchronized Map<String, Object> start(String flowId, String mode) {
    if (closed) {
      throw new ApiError(503, "The server is stopping.");
    }
    StartupMode startup =
        switch (mode == null ? "" : mode) {
          case "fromNow" -> StartupMode.LATEST;
          case "historical" -> StartupMode.EARLIEST;
          default ->
              throw new ApiError(
                  422,
                  "mode must be `fromNow` or `historical`"
                      + (mode == null ? "." : ", not `" + mode + "`."));
        };
    StoredFlow stored = flows.store().get(flowId);
    FlowRuns fr = runs(flowId);
    synchronized (fr) {
      if (fr.run != null && !state(fr.run).terminal()) {
        throw new ApiError(409, "The flow is already running: stop it first.");
      }
    }
    FlowReport report = flows.report(stored);
    if (!report.valid()) {
      List<String> problems = new ArrayList<>(report.problems());
      for (NodeReport n : report.nodes()) {
        if (n.status() != NodeStatus.VALID) {
          String name = n.name() == null ? n.id() : n.name();
          if (n.messages().isEmpty()) {
            problems.add("Node `" + name + "` is " + n.status().json() + ".");
          }
          n.messages().forEach(m -> problems.add("Node `" + name + "`: " + m));
        }
      }
      throw new ApiError(
          409,
          "Only a valid flow can run: " + (problems.isEmpty() ? "" : problems.get(0)),
          problems);
    }
    CompileOptions base =
        CompileOptions.export()
            .withFlowId(flowId)
            .withStartupMode(startup)
            .withSecrets(name -> Optional.ofNullable(System.getenv(name)))
            .withConsumerGroup("eddy-run-" + flowId);
    CompiledFlow plain;
    try {
      plain = flows.compiler().compile(stored.flow(), base);
    } catch (ExportRulesException e) {
      throw new ApiError(
          409, "The flow cannot run: " + String.join(" ", e.problems()), e.problems());
    }
    String topic = "eddy-results-" + flowId + "-" + System.currentTimeMillis();
    CompiledFlow compiled;
    try {
      compiled =
          flows
              .compiler()
              .compile(
                  stored.flow(),
                  base.withTap(
                      new CompileOptions.Tap(
                          tapNodeFor(stored.flow(), plain.outputNodeId()),
                          topic,
                          resultsBootstrap)));
    } catch (ExportRulesException e) {
      throw new ApiError(
          409, "The flow cannot run: " + String.join(" ", e.problems()), e.problems());
    }
    createTopic(topic);
    RunHandle handle;
    try {
      handle =
          engine.start(
              compiled.statements(),
              RunOptions.of(compiled.settings()).withName("Eddy: " + stored.name()));
    } catch (EngineException e) {
      deleteTopic(topic);
      throw new ApiError(409, "The flow could not start: " + e.getMessage());
    }
    Run run = new Run(flowId, stored.revision(), mode, handle, compiled.output(), topic);
    synchronized (fr) {
      fr.run = run;
      fr.events.clear();
    }
    run.stream = ResultStream.open(resultsBootstrap, topic, KEEP, event -> publish(fr, run, event));
    LOG.info("Flow {} ({}) runs as Flink job {}", stored.name(), mode, handle.jobId());
    return status(flowId);
  }

  /**
   * The node whose events the results view shows: the output node, or the node feeding it when the
   * output is a destination (a Kafka sink table cannot be read back as the flow's output).
   */
  static String tapNodeFor(io.eddy.core.model.Flow flow, String nodeId) {
    var node = flow.node(nodeId);
    if (node.isPresent() && "destination".equals(node.get().type())) {
      List<String> inputs =
          flow.edges().stream().filter(e -> nodeId.equals(e.to())).map(e -> e.from()).toList();
      if (inputs.size() == 1) {
        return inputs.get(0);
      }
    }
    return nodeId;
  }

  private void publish(FlowRuns fr, Run run, ObjectNode event) {
    synchronized (fr) {
      if (fr.run != run) {
        return;
      }
      run.eventsOut++;
      EventBuffer.Entry e = fr.events.add(Json.write(event));
      for (Client c : fr.clients) {
        try {
          c.send(e);
        } catch (RuntimeException ex) {
          fr.clients.remove(c);
        }
      }
    }
  }

  private RunState state(Run run) {
    return currentStatus(run).state();
  }

  private RunStatus currentStatus(Run run) {
    RunStatus last = run.lastStatus;
    if (last != null && last.state().terminal()) {
      return last;
    }
    try {
      RunStatus s = engine.status(run.handle.jobId());
      run.lastStatus = s;
      if (s.state().terminal()) {
        closeStreamLater(run);
      }
      return s;
    } catch (EngineException e) {
      run.localError = e.getMessage();
      return new RunStatus(
          run.handle.jobId(),
          last == null ? RunState.STARTING : last.state(),
          e.getMessage(),
          null,
          null);
    }
  }

  private void closeStreamLater(Run run) {
    ResultStream s = run.stream;
    if (s == null) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              try {
                // let the tail of the output arrive before the reader stops
                Thread.sleep(3_000);
              } catch (InterruptedException ignored) {
                // closing now
              }
              s.close();
              deleteTopic(run.topic);
            },
            "eddy-run-drain");
    run.stream = null;
    t.setDaemon(true);
    t.start();
  }

  /** {@code {"status", "startedAt", "jobId", "error", "eventsOut", "mode", "revision"}}. */
  public Map<String, Object> status(String flowId) {
    flows.store().get(flowId);
    FlowRuns fr = byFlow.get(flowId);
    Run run = fr == null ? null : fr.run;
    Map<String, Object> out = new LinkedHashMap<>();
    if (run == null) {
      out.put("status", "none");
      out.put("eventsOut", 0);
      return out;
    }
    RunStatus s = currentStatus(run);
    out.put("status", s.state().label());
    out.put(
        "startedAt", (s.startedAt() != null ? s.startedAt() : run.handle.submittedAt()).toString());
    if (s.endedAt() != null) {
      out.put("endedAt", s.endedAt().toString());
    }
    out.put("jobId", run.handle.jobId());
    if (s.error() != null) {
      out.put("error", s.error());
    }
    out.put("eventsOut", run.eventsOut);
    out.put("mode", run.mode);
    out.put("revision", run.revision);
    out.put("outputTopic", run.topic);
    return out;
  }

  /** {@code running} or {@code failed} for the flow list, else null. */
  public String listStatus(String flowId) {
    FlowRuns fr = byFlow.get(flowId);
    if (fr == null || fr.run == null) {
      return null;
    }
    RunState s = state(fr.run);
    if (s == RunState.STARTING || s == RunState.RUNNING) {
      return "running";
    }
    return s == RunState.FAILED ? "failed" : null;
  }

  /** Stops the flow's run; stopping a flow that does not run does nothing. */
  public Map<String, Object> stop(String flowId) {
    flows.store().get(flowId);
    FlowRuns fr = byFlow.get(flowId);
    Run run = fr == null ? null : fr.run;
    if (run != null && !state(run).terminal()) {
      try {
        engine.stop(run.handle.jobId());
      } catch (EngineException e) {
        throw new ApiError(500, e.getMessage());
      }
      try {
        run.lastStatus = engine.awaitEnd(run.handle.jobId(), java.time.Duration.ofSeconds(20));
      } catch (java.util.concurrent.TimeoutException e) {
        LOG.warn("Run of flow {} did not end within 20 s after stop", flowId);
      }
      closeStreamLater(run);
    }
    return status(flowId);
  }

  /** Stops and forgets a flow's runs (the flow is deleted). */
  public void forget(String flowId) {
    try {
      stop(flowId);
    } catch (RuntimeException e) {
      LOG.warn("Stopping the run of deleted flow {} failed: {}", flowId, e.getMessage());
    }
    FlowRuns fr = byFlow.remove(flowId);
    if (fr != null) {
      fr.clients.forEach(c -> c.sse.close());
    }
  }

  /** Attaches an SSE client: it gets the kept events after {@code lastEventId}, then live ones. */
  public void attach(String flowId, SseClient sse, long lastEventId) {
    FlowRuns fr = runs(flowId);
    Client client = new Client(sse, lastEventId);
    sse.onClose(() -> fr.clients.remove(client));
    synchronized (fr) {
      for (EventBuffer.Entry e : fr.events.after(lastEventId)) {
        client.send(e);
      }
      fr.clients.add(client);
    }
    sse.keepAlive();
  }

  /** The kept events as CSV (oldest first), with the output properties as columns. */
  public String csv(String flowId) {
    flows.store().get(flowId);
    FlowRuns fr = byFlow.get(flowId);
    List<String> events;
    List<String> columns = new ArrayList<>();
    synchronized (fr == null ? this : fr) {
      if (fr == null || fr.run == null) {
        throw new ApiError(
            404, "The flow has not run since the server started: there are no events to download.");
      }
      fr.run.output.forEach(p -> columns.add(p.name()));
      events = fr.events.after(0).stream().map(EventBuffer.Entry::json).toList();
    }
    return Csv.write(columns, events);
  }

  private void createTopic(String topic) {
    try {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      if (!(c instanceof TopicExistsException)) {
        throw new ApiError(
            503,
            "The results topic could not be created on Kafka at "
                + resultsBootstrap
                + ": "
                + io.eddy.engine.Errors.sentence(c));
      }
    }
  }

  private void deleteTopic(String topic) {
    try {
      admin.deleteTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("Results topic {} not deleted: {}", topic, e.toString());
    }
  }

  /** Stops every run (the server stops). */
  @Override
  public void close() {
    closed = true;
    for (Map.Entry<String, FlowRuns> e : byFlow.entrySet()) {
      Run run = e.getValue().run;
      if (run == null) {
        continue;
      }
      try {
        if (!state(run).terminal()) {
          engine.stop(run.handle.jobId());
          LOG.info("Stopped the run of flow {}", e.getKey());
        }
      } catch (RuntimeException ex) {
        LOG.warn("The run of flow {} could not be stopped: {}", e.getKey(), ex.getMessage());
      }
      ResultStream s = run.stream;
      if (s != null) {
        s.close();
      }
      e.getValue().clients.forEach(c -> c.sse.close());
    }
    admin.close(java.time.Duration.ofSeconds(2));
  }

  Instant now() {
    return Instant.now();
  }
}
