package io.eddy.server.runs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.analysis.FlowAnalysis;
import io.eddy.core.compile.CompileOptions;
import io.eddy.core.compile.CompiledFlow;
import io.eddy.core.compile.ExportRulesException;
import io.eddy.core.compile.StartupMode;
import io.eddy.core.model.Flow;
import io.eddy.core.model.Node;
import io.eddy.core.nodes.Role;
import io.eddy.engine.EngineException;
import io.eddy.engine.Errors;
import io.eddy.engine.FlinkEngine;
import io.eddy.engine.ResultStream;
import io.eddy.engine.RunHandle;
import io.eddy.engine.RunOptions;
import io.eddy.engine.RunState;
import io.eddy.engine.RunStatus;
import io.eddy.server.FlowService;
import io.eddy.server.ServiceException;
import io.eddy.server.ServiceException.Reason;
import io.eddy.server.store.StoredFlow;
import io.javalin.http.sse.SseClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
  private final ResultTopics results;
  private final Map<String, FlowRuns> byFlow = new ConcurrentHashMap<>();
  private final Set<String> runJobIds = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private final java.util.concurrent.ExecutorService submitter =
      java.util.concurrent.Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "eddy-run-submit");
            t.setDaemon(true);
            return t;
          });

  private final java.util.concurrent.ScheduledExecutorService heartbeat =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "eddy-sse-heartbeat");
            t.setDaemon(true);
            return t;
          });
  private final ResultSubscribers subscribers = new ResultSubscribers(heartbeat);

  /**
   * @param dataDir where the results topics not deleted yet are noted: those left by runs alive at
   *     a kill are deleted now, in the background
   */
  public RunManager(FlowService flows, FlinkEngine engine, String resultsBootstrap, Path dataDir) {
    this.flows = flows;
    this.engine = engine;
    this.resultsBootstrap = resultsBootstrap;
    this.results = new ResultTopics(resultsBootstrap, dataDir);
    this.planOnSave =
        Boolean.parseBoolean(System.getProperty(PLAN_ON_SAVE, "true"))
            ? new PlanOnSave(this::planAhead)
            : null;
    submitter.execute(results::deleteLeftovers);
    // A run's status says when Kafka does not answer (Flink's job itself keeps RUNNING and waits).
    heartbeat.scheduleWithFixedDelay(results::check, 2, 2, TimeUnit.SECONDS);
  }

  /**
   * Plans a flow's runs ahead after each save (see {@link #planAfterSave}) unless this system
   * property is {@code false}, as the project's tests set it: their servers save many flows.
   */
  public static final String PLAN_ON_SAVE = "eddy.runs.planOnSave";

  private final PlanOnSave planOnSave;

  /**
   * The flow was saved (edited, imported): its runs are planned ahead in the background once it has
   * stayed unchanged for a moment, so that the first Run after an edit only executes its plan.
   */
  public void planAfterSave(StoredFlow saved) {
    if (planOnSave != null && !closed) {
      planOnSave.saved(saved);
    }
  }

  /** One flow's current (or last) run and its kept events. */
  static final class FlowRuns {
    final EventBuffer events = new EventBuffer(KEEP);
    Run run;
  }

  private FlowRuns runs(String flowId) {
    return byFlow.computeIfAbsent(flowId, id -> new FlowRuns());
  }

  /**
   * Starts a run of the stored flow, or a preview of one of its nodes: the node and everything
   * upstream of it run, and the node's output is streamed; nodes that do not feed it (a half-drawn
   * branch, the rest of the flow) need not be valid yet.
   *
   * @param mode {@code fromNow} (latest offsets) or {@code historical} (earliest)
   * @param nodeId the node to preview; null to run the whole flow
   * @throws ServiceException CONFLICT when what would run is not valid or the flow already runs;
   *     NOT_FOUND when the flow has no such node
   */
  public synchronized Map<String, Object> start(String flowId, String mode, String nodeId) {
    if (closed) {
      throw new ServiceException(Reason.UNAVAILABLE, "The server is stopping.");
    }
    StartupMode startup =
        switch (mode == null ? "" : mode) {
          case "fromNow" -> StartupMode.LATEST;
          case "historical" -> StartupMode.EARLIEST;
          default ->
              throw new ServiceException(
                  Reason.INVALID,
                  "mode must be `fromNow` or `historical`"
                      + (mode == null ? "." : ", not `" + mode + "`."));
        };
    long t0 = System.nanoTime();
    StoredFlow stored = flows.store().get(flowId);
    FlowRuns fr = runs(flowId);
    synchronized (fr) {
      if (fr.run != null && !state(fr.run).terminal()) {
        throw new ServiceException(Reason.CONFLICT, "The flow is already running: stop it first.");
      }
    }
    requireFreeSlot();
    Flow flow = stored.flow();
    Node previewed = null;
    if (nodeId != null) {
      previewed =
          flow.node(nodeId)
              .orElseThrow(
                  () ->
                      new ServiceException(
                          Reason.NOT_FOUND, "The flow has no node with id `" + nodeId + "`."));
      flow = flow.upTo(nodeId);
    }
    // One analysis serves the validity check and the compiler (the analysis is the slow part).
    FlowAnalysis analysis = flows.analyzer().analyse(flow);
    flows.requireValid(
        analysis.report(),
        previewed == null
            ? "Only a valid flow can run"
            : "`" + previewed.name() + "` and the nodes before it must be valid to preview it");
    String topic = "eddy-results-" + flowId + "-" + System.currentTimeMillis();
    // The run's counts per node go to a topic of their own (see docs/engine.md, "Counts").
    String countsTopic = topic + "-counts";
    CompiledFlow compiled;
    try {
      compiled = compileRun(flowId, analysis, startup, topic, countsTopic);
    } catch (ExportRulesException e) {
      throw new ServiceException(
          Reason.CONFLICT,
          "The flow cannot run: " + String.join(" ", e.problems()),
          e.problems(),
          e.details());
    }
    long t1 = System.nanoTime();
    results.create(topic, countsTopic);
    Run run =
        new Run(flowId, stored.revision(), mode, compiled.output(), topic, countsTopic, previewed);
    synchronized (fr) {
      fr.run = run;
      fr.events.clear();
    }
    run.stream = ResultStream.open(resultsBootstrap, topic, KEEP, event -> publish(fr, run, event));
    run.countsStream = ResultStream.open(resultsBootstrap, countsTopic, KEEP, run.counts::accept);
    // the log line of the submission splits the time before it too (docs/performance.md)
    String prepared =
        (t1 - t0) / 1_000_000 + " ms, topics and readers " + (System.nanoTime() - t1) / 1_000_000;
    submitter.execute(() -> submit(run, compiled, stored.name(), prepared));
    return status(flowId);
  }

  /** A run's SQL: the flow with its results tap and counts. */
  private CompiledFlow compileRun(
      String flowId, FlowAnalysis analysis, StartupMode startup, String topic, String countsTopic)
      throws ExportRulesException {
    return flows
        .compiler()
        .compile(
            analysis,
            CompileOptions.export()
                .withFlowId(flowId)
                .withStartupMode(startup)
                .withSecrets(name -> Optional.ofNullable(System.getenv(name)))
                .withConsumerGroup("eddy-run-" + flowId)
                .withTap(new CompileOptions.Tap(null, topic, resultsBootstrap))
                .withCounts(new CompileOptions.Counts(countsTopic, resultsBootstrap)));
  }

  /** A run's options: its results topics are its own, so an earlier run's plan serves it. */
  private static RunOptions runOptions(
      CompiledFlow compiled, String name, String topic, String countsTopic) {
    return RunOptions.of(compiled.settings())
        .withName("Eddy: " + name)
        .withRunValues(List.of(topic, countsTopic));
  }

  /**
   * Plans the stored flow's run (from now and historical) ahead, so that its first Run only
   * executes the plan (FlinkEngine#planAhead): planning is most of a run's start. Nothing is
   * submitted and no topic created.
   *
   * @return false when the flow cannot run (not valid, or not exportable)
   */
  public boolean planAhead(StoredFlow stored) {
    FlowAnalysis analysis = flows.analyzer().analyse(stored.flow());
    if (!analysis.report().valid()) {
      return false;
    }
    for (StartupMode startup : List.of(StartupMode.EARLIEST, StartupMode.LATEST)) {
      // topics named as a run's are (the names are the run's own: the plan serves any)
      String topic = "eddy-results-" + stored.id() + "-" + System.currentTimeMillis();
      String countsTopic = topic + "-counts";
      try {
        CompiledFlow compiled = compileRun(stored.id(), analysis, startup, topic, countsTopic);
        engine.planAhead(
            compiled.statements(), runOptions(compiled, stored.name(), topic, countsTopic));
      } catch (ExportRulesException | EngineException e) {
        LOG.debug("Flow {} not planned ahead: {}", stored.name(), e.getMessage());
        return false;
      }
    }
    return true;
  }

  /**
   * Takes one small job through the whole path of a run, so that the first run after start is not
   * much slower than the next: a preview of the flow's first event source as a run compiles it (tap
   * and counts to internal topics, read back here), starting at the latest offset and bounded
   * there, so it reads next to nothing and ends. It writes nothing to the flow's destinations and
   * commits no offsets. Returns once the job has ended (at most a minute).
   *
   * @throws ExportRulesException when the source cannot run (then there is nothing to warm with)
   */
  public void warmUp(StoredFlow stored) throws ExportRulesException {
    // the first node that reads Kafka and has no inputs: an event source
    Optional<Node> source =
        stored.flow().nodes().stream()
            .filter(
                n ->
                    flows
                        .analyzer()
                        .registry()
                        .get(n.type())
                        .map(t -> t.inputPorts().isEmpty() && t.roles().contains(Role.READS_KAFKA))
                        .orElse(false))
            .findFirst();
    if (source.isEmpty()) {
      return;
    }
    FlowAnalysis analysis = flows.analyzer().analyse(stored.flow().upTo(source.get().id()));
    if (!analysis.report().valid()) {
      return;
    }
    String topic = "eddy-results-warm-up-" + System.currentTimeMillis();
    String countsTopic = topic + "-counts";
    CompiledFlow compiled =
        flows
            .compiler()
            .compile(
                analysis,
                CompileOptions.export()
                    .withFlowId(stored.id())
                    .withStartupMode(StartupMode.LATEST)
                    .withBounded(true)
                    .withSecrets(name -> Optional.ofNullable(System.getenv(name)))
                    .withConsumerGroup("eddy-warm-up")
                    .withTap(new CompileOptions.Tap(null, topic, resultsBootstrap))
                    .withCounts(new CompileOptions.Counts(countsTopic, resultsBootstrap)));
    results.create(topic, countsTopic);
    try (ResultStream events = ResultStream.open(resultsBootstrap, topic, KEEP, e -> {});
        ResultStream counts = ResultStream.open(resultsBootstrap, countsTopic, KEEP, e -> {})) {
      // planned ahead, then started from the kept plan: the path of a Run planned ahead
      RunOptions options =
          RunOptions.of(compiled.settings())
              .withName("Eddy: warm-up")
              .withRunValues(List.of(topic, countsTopic));
      engine.planAhead(compiled.statements(), options);
      RunHandle handle = engine.start(compiled.statements(), options);
      // a run's job, not a deployment: the jobs list leaves it out
      runJobIds.add(handle.jobId());
      try {
        engine.awaitEnd(handle.jobId(), java.time.Duration.ofMinutes(1));
      } catch (java.util.concurrent.TimeoutException e) {
        engine.stop(handle.jobId());
      }
    } finally {
      results.delete(topic);
      results.delete(countsTopic);
    }
  }

  /** Whether a run or preview is being submitted now (a user is waiting for it to start). */
  public boolean starting() {
    return byFlow.values().stream().anyMatch(fr -> beingSubmitted(fr.run));
  }

  private static boolean beingSubmitted(Run run) {
    return run != null && !run.submitted() && !run.stopRequested && run.submitError == null;
  }

  /**
   * Refuses a run up front when the embedded cluster's slots are all taken, instead of letting
   * Flink wait for a slot and fail minutes later with its own message. Every job that has not ended
   * holds a slot (runs and previews at parallelism 1; deployments too), and so does each run being
   * submitted (see {@link FlinkEngine#slotsInUse}). A remote cluster's slots can change, so there
   * Flink decides (and its failure is said plainly, see {@link FlinkEngine#status}).
   */
  private void requireFreeSlot() {
    if (engine.slots().isEmpty()) {
      return;
    }
    int slots = engine.slots().getAsInt();
    // Runs still being submitted are counted before the jobs are listed: one submitted meanwhile
    // is then counted twice (a refusal a moment early), never not at all.
    int taken = (int) byFlow.values().stream().filter(fr -> beingSubmitted(fr.run)).count();
    try {
      taken += engine.slotsInUse();
    } catch (EngineException e) {
      return; // Flink does not answer: the submission will say so
    }
    if (taken >= slots) {
      throw new ServiceException(
          Reason.CONFLICT,
          "All "
              + slots
              + " run slots of the embedded Flink cluster are taken (runs, previews and"
              + " deployments): stop a run to start this one.");
    }
  }

  /** Submits the run's job to Flink (slow on a cold cluster: the planner optimises the job). */
  private void submit(Run run, CompiledFlow compiled, String name, String preparedMillis) {
    long t = System.nanoTime();
    try {
      if (run.stopRequested) {
        throw new EngineException("The run was stopped before it started.");
      }
      RunHandle handle =
          engine.start(
              compiled.statements(), runOptions(compiled, name, run.topic, run.countsTopic));
      run.handle = handle;
      runJobIds.add(handle.jobId());
      LOG.info(
          "Flow {} ({}) runs as Flink job {} (prepared in {} ms, submitted in {} ms)",
          name,
          run.mode,
          handle.jobId(),
          preparedMillis,
          (System.nanoTime() - t) / 1_000_000);
      if (run.stopRequested) {
        stopJob(run);
      }
    } catch (RuntimeException e) {
      run.submitError =
          run.stopRequested
              ? null
              : "The flow could not start: "
                  + (e instanceof EngineException ? e.getMessage() : Errors.sentence(e));
      if (run.submitError != null) {
        LOG.warn("Flow {}: {}", name, run.submitError);
      }
      closeStreamLater(run);
    }
  }

  private void publish(FlowRuns fr, Run run, ObjectNode event) {
    synchronized (fr) {
      if (fr.run != run) {
        return;
      }
      run.eventsOut++;
      subscribers.send(run.flowId, fr.events.add(event.toString()));
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
    if (run.submitError != null) {
      RunStatus failed =
          new RunStatus(null, RunState.FAILED, run.submitError, run.requestedAt, Instant.now());
      run.lastStatus = failed;
      return failed;
    }
    if (!run.submitted()) {
      return run.stopRequested
          ? new RunStatus(null, RunState.STOPPED, null, run.requestedAt, null)
          : new RunStatus(null, RunState.STARTING, null, run.requestedAt, null);
    }
    try {
      RunStatus s = engine.status(run.handle.jobId());
      run.lastStatus = s;
      if (s.state().terminal()) {
        closeStreamLater(run);
      }
      return s;
    } catch (EngineException e) {
      return new RunStatus(
          run.handle.jobId(),
          last == null ? RunState.STARTING : last.state(),
          e.getMessage(),
          last == null ? null : last.startedAt(),
          null);
    }
  }

  private void closeStreamLater(Run run) {
    ResultStream s = run.stream;
    ResultStream counts = run.countsStream;
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
              results.delete(run.topic);
              if (counts != null) {
                counts.close();
                results.delete(run.countsTopic);
              }
            },
            "eddy-run-drain");
    run.stream = null;
    run.countsStream = null;
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
    out.put("startedAt", (s.startedAt() != null ? s.startedAt() : run.requestedAt).toString());
    if (s.endedAt() != null) {
      out.put("endedAt", s.endedAt().toString());
    }
    if (run.handle != null) {
      out.put("jobId", run.handle.jobId());
    }
    if (s.error() != null) {
      out.put("error", s.error());
    }
    if (!s.state().terminal() && !results.reachable()) {
      out.put(
          "warning",
          "Kafka at "
              + results.bootstrap()
              + " does not answer: the run waits for it and goes on when it is back.");
    }
    out.put("eventsOut", run.eventsOut);
    out.put("counts", run.counts.toMap());
    out.put("mode", run.mode);
    out.put("revision", run.revision);
    out.put("outputTopic", run.topic);
    if (run.previewed != null) {
      out.put("node", Map.of("id", run.previewed.id(), "name", run.previewed.name()));
    }
    return out;
  }

  /** Whether a Flink job is (or was) one of this server's runs or previews, not a deployment. */
  public boolean isRunJob(String jobId) {
    return runJobIds.contains(jobId);
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

  /** Every flow whose {@link #listStatus} is {@code running} or {@code failed}, with it. */
  public Map<String, String> listStatuses() {
    Map<String, String> out = new HashMap<>();
    for (String flowId : byFlow.keySet()) {
      String status = listStatus(flowId);
      if (status != null) {
        out.put(flowId, status);
      }
    }
    return out;
  }

  /** Stops the flow's run; stopping a flow that does not run does nothing. */
  public Map<String, Object> stop(String flowId) {
    flows.store().get(flowId);
    FlowRuns fr = byFlow.get(flowId);
    Run run = fr == null ? null : fr.run;
    if (run != null && !state(run).terminal()) {
      run.stopRequested = true;
      if (run.submitted()) {
        stopJob(run);
      }
    }
    return status(flowId);
  }

  private void stopJob(Run run) {
    try {
      engine.stop(run.handle.jobId());
    } catch (EngineException e) {
      throw new ServiceException(Reason.FAILED, e.getMessage());
    }
    try {
      run.lastStatus = engine.awaitEnd(run.handle.jobId(), java.time.Duration.ofSeconds(20));
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn("The run of flow {} did not end within 20 s after stop", run.flowId);
    }
    closeStreamLater(run);
  }

  /** Stops and forgets a flow's runs (the flow is deleted). */
  public void forget(String flowId) {
    try {
      stop(flowId);
    } catch (RuntimeException e) {
      LOG.warn("Stopping the run of deleted flow {} failed: {}", flowId, e.getMessage());
    }
    byFlow.remove(flowId);
    subscribers.closeAll(flowId);
    if (planOnSave != null) {
      planOnSave.forget(flowId);
    }
  }

  /** Attaches an SSE client: it gets the kept events after {@code lastEventId}, then live ones. */
  public void attach(String flowId, SseClient sse, long lastEventId) {
    FlowRuns fr = runs(flowId);
    // under the flow's lock: no event is published between the kept ones and the live ones
    synchronized (fr) {
      subscribers.attach(flowId, sse, lastEventId, fr.events.after(lastEventId));
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
        throw new ServiceException(
            Reason.NOT_FOUND,
            "The flow has not run since the server started: there are no events to download.");
      }
      fr.run.output.forEach(p -> columns.add(p.name()));
      events = fr.events.after(0).stream().map(EventBuffer.Entry::json).toList();
    }
    return Csv.write(columns, events);
  }

  /** Stops every run (the server stops), waiting for submissions under way. */
  @Override
  public void close() {
    closed = true;
    if (planOnSave != null) {
      planOnSave.close();
    }
    byFlow
        .values()
        .forEach(
            fr -> {
              if (fr.run != null) {
                fr.run.stopRequested = true;
              }
            });
    submitter.shutdown();
    try {
      if (!submitter.awaitTermination(60, TimeUnit.SECONDS)) {
        LOG.warn("A run was still being submitted when the server stopped");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Map.Entry<String, FlowRuns> e : byFlow.entrySet()) {
      Run run = e.getValue().run;
      if (run == null) {
        continue;
      }
      try {
        if (run.submitted() && !state(run).terminal()) {
          engine.stop(run.handle.jobId());
          LOG.info("Stopped the run of flow {}", e.getKey());
        }
      } catch (RuntimeException ex) {
        LOG.warn("The run of flow {} could not be stopped: {}", e.getKey(), ex.getMessage());
      }
      ResultStream stream = run.stream;
      if (stream != null) {
        stream.close();
      }
      ResultStream counts = run.countsStream;
      if (counts != null) {
        counts.close();
      }
    }
    subscribers.closeAll();
    heartbeat.shutdownNow();
    // The stopped runs' results are gone with them (runs live in memory).
    results.deleteAll();
    results.close();
  }
}
