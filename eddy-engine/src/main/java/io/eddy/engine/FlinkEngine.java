package io.eddy.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.rest.handler.legacy.messages.ClusterOverviewWithVersion;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.apache.flink.table.api.CompiledPlan;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.PlanReference;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.config.TableConfigOptions;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.operations.ModifyOperation;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.operations.StatementSetOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Flink SQL statements as jobs on a Flink cluster: an embedded, long-lived {@link MiniCluster}
 * (one TaskManager, a few slots) started once per process, or a remote session cluster. Either way
 * each run gets its own {@link TableEnvironment} with {@code execution.target=remote} pointing at
 * the cluster's REST address, so the embedded and the remote cluster are used the same way; status
 * and stop go through Flink's REST API too.
 */
public final class FlinkEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlinkEngine.class);
  private static final Pattern SET =
      Pattern.compile("(?is)^\\s*SET\\s+'((?:[^']|'')*)'\\s*=\\s*'((?:[^']|'')*)'\\s*;?\\s*$");

  /**
   * Default task slots of the embedded TaskManager: that many runs at once (a run at parallelism 1
   * takes one slot, its counting reader included: one slot-sharing group). Ten runs of the demo
   * flow fit the default heap of {@code ./eddy} (docs/performance.md, "Many runs at once").
   */
  public static final int DEFAULT_SLOTS = 10;

  /** What Flink says when a job finds no free slot (adaptive and default scheduler). */
  private static final Pattern NO_SLOT =
      Pattern.compile(
          "NoResourceAvailableException|Could not acquire the minimum required resources"
              + "|Slot request bulk is not fulfillable");

  private final MiniCluster miniCluster;
  private final PlanCache planCache = new PlanCache();
  // the embedded cluster's key for EmbeddedSubmission (null for a remote cluster)
  private final String submissionKey;
  private final int slots;
  private final String restHost;
  private final int restPort;
  private final List<String> jars;
  private final RestClusterClient<StandaloneClusterId> client;
  // Final statuses never change: remember the latest ones instead of asking Flink again.
  private final Map<String, RunStatus> finalStatuses =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RunStatus> eldest) {
              return size() > 1_000;
            }
          });

  private FlinkEngine(
      MiniCluster miniCluster, int slots, String restHost, int restPort, List<String> jars) {
    this.miniCluster = miniCluster;
    this.submissionKey = miniCluster == null ? null : EmbeddedSubmission.register(miniCluster);
    this.slots = slots;
    this.restHost = restHost;
    this.restPort = restPort;
    this.jars = List.copyOf(jars);
    try {
      this.client =
          new RestClusterClient<>(clientConfiguration(), StandaloneClusterId.getInstance());
    } catch (Exception e) {
      throw new EngineException(
          "The Flink REST client could not be created: " + Errors.sentence(e), e);
    }
  }

  /** Starts an embedded MiniCluster with {@value #DEFAULT_SLOTS} slots under {@code workDir}. */
  public static FlinkEngine embedded(Path workDir) {
    return embedded(workDir, DEFAULT_SLOTS);
  }

  /**
   * Starts an embedded MiniCluster: one TaskManager with {@code slots} slots, its REST endpoint on
   * a free loopback port, and its temporary files under {@code workDir/tmp} (emptied first: Flink
   * unpacks jars there on every start).
   */
  public static FlinkEngine embedded(Path workDir, int slots) {
    Path tmp = workDir.resolve("tmp").toAbsolutePath();
    deleteContents(tmp);
    Configuration conf = new Configuration();
    conf.set(RestOptions.BIND_PORT, "0");
    conf.set(RestOptions.ADDRESS, "127.0.0.1");
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    // Everything the MiniCluster listens on stays on loopback (the BlobServer binds to the
    // JobManager's bind host, the shuffle server to the TaskManager's), and its REST API takes no
    // jar uploads: only this process submits jobs (docs/security.md).
    conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
    conf.set(JobManagerOptions.ADDRESS, "127.0.0.1");
    conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
    conf.set(TaskManagerOptions.HOST, "127.0.0.1");
    conf.set(WebOptions.SUBMIT_ENABLE, false);
    conf.set(CoreOptions.TMP_DIRS, tmp.toString());
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
    conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("64m"));
    conf.setString("taskmanager.memory.network.min", "64m");
    conf.setString("taskmanager.memory.network.max", "64m");
    MiniClusterConfiguration config =
        new MiniClusterConfiguration.Builder()
            .setConfiguration(conf)
            .setNumTaskManagers(1)
            .setNumSlotsPerTaskManager(slots)
            .build();
    MiniCluster cluster = new MiniCluster(config);
    try {
      cluster.start();
      URI rest = cluster.getRestAddress().get(60, TimeUnit.SECONDS);
      return new FlinkEngine(cluster, slots, rest.getHost(), rest.getPort(), List.of());
    } catch (Exception e) {
      try {
        cluster.close();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new EngineException(
          "The embedded Flink cluster could not start: " + Errors.sentence(e), e);
    }
  }

  /**
   * Uses a remote Flink session cluster through its REST API.
   *
   * @param jars connector jars the cluster lacks (pipeline.jars), as file URLs or paths
   */
  public static FlinkEngine remote(String host, int port, List<String> jars) {
    return new FlinkEngine(null, 0, host, port, jars);
  }

  /**
   * The embedded cluster's task slots (how many runs at parallelism 1 fit at once); empty for a
   * remote cluster, whose slots can change (TaskManagers come and go).
   */
  public OptionalInt slots() {
    return miniCluster == null ? OptionalInt.empty() : OptionalInt.of(slots);
  }

  /**
   * The cluster's task slots that are taken or about to be: the larger of Flink's count of slots in
   * use and its count of jobs that have not ended (a job just submitted holds no slot yet, but will
   * take at least one; a job at parallelism 4 takes 4).
   *
   * @throws EngineException when the cluster does not answer
   */
  public int slotsInUse() {
    try {
      ClusterOverviewWithVersion overview = client.getClusterOverview().get(10, TimeUnit.SECONDS);
      return Math.max(
          overview.getNumJobsRunningOrPending(),
          overview.getNumSlotsTotal() - overview.getNumSlotsAvailable());
    } catch (Exception e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new EngineException(
          "The Flink cluster at " + restAddress() + " did not answer: " + Errors.sentence(cause),
          e);
    }
  }

  /** The REST address of the cluster, e.g. {@code http://127.0.0.1:40123}. */
  public String restAddress() {
    return "http://" + restHost + ":" + restPort;
  }

  public boolean embedded() {
    return miniCluster != null;
  }

  private Configuration clientConfiguration() {
    Configuration conf = new Configuration();
    conf.set(DeploymentOptions.TARGET, "remote");
    conf.set(RestOptions.ADDRESS, restHost);
    conf.set(RestOptions.PORT, restPort);
    conf.set(RestOptions.RETRY_MAX_ATTEMPTS, 2);
    conf.set(RestOptions.RETRY_DELAY, Duration.ofMillis(500));
    conf.set(RestOptions.CONNECTION_TIMEOUT, Duration.ofSeconds(5));
    if (!jars.isEmpty()) {
      conf.setString("pipeline.jars", String.join(";", jars));
    }
    return conf;
  }

  /** How many run plans are kept for reuse (see {@link PlanCache}). */
  int keptPlans() {
    return planCache.size();
  }

  /**
   * A run's {@code table.generated-code.max-length} (Flink's default: 4,000 characters). Flink
   * passes every generated class longer than this through its code splitter, which parses the class
   * with ANTLR several times and splits its methods into pieces of about this length; for a run of
   * the demo flow that was most of the time spent loading its kept plan (docs/performance.md). At
   * 40,000, a run's shorter classes skip the splitter, and longer ones are still split, into
   * methods of about 40,000 characters: at most about 6,000 bytes of bytecode in the densest
   * generated code measured (6.7 characters a byte, a 300-integer pass-through), so still under the
   * 8,000 bytes above which HotSpot does not JIT-compile a method, however wide the flow. Only
   * runs, previews and {@code eddy test} start here; exported SQL and deployments keep Flink's
   * default.
   */
  static final int GENERATED_METHOD_MAX_LENGTH = 40_000;

  /** The configuration of a run's table environment. */
  private Configuration runConfiguration(RunOptions options) {
    Configuration conf = clientConfiguration();
    if (submissionKey != null) {
      // the embedded cluster takes the job in memory (see EmbeddedSubmission); REST is for a remote
      EmbeddedSubmission.target(conf, submissionKey);
    }
    // A failed run should say so at once rather than restart forever.
    conf.setString("restart-strategy.type", "none");
    // One slot per run unless asked otherwise: several runs share the TaskManager.
    conf.setString("parallelism.default", "1");
    conf.set(TableConfigOptions.MAX_LENGTH_GENERATED_CODE, GENERATED_METHOD_MAX_LENGTH);
    options.settings().forEach(conf::setString);
    if (options.name() != null) {
      conf.setString("pipeline.name", options.name());
    }
    if (options.parallelism() > 0) {
      conf.setString("parallelism.default", String.valueOf(options.parallelism()));
    }
    return conf;
  }

  /**
   * Plans a run ahead, without starting it: the plan {@link #start} with the same statements and
   * options (its {@link RunOptions#runValues} aside) would make is made now and kept, so that start
   * only executes it. Does nothing when the options keep no plan or the plan is kept already.
   *
   * @return whether a plan is kept for these statements now
   * @throws EngineException when Flink refuses a statement
   */
  public boolean planAhead(List<String> statements, RunOptions options) {
    Configuration conf = runConfiguration(options);
    Optional<PlanCache.Lookup> cache =
        planCache.lookup(statements, conf.toMap(), options.runValues());
    if (cache.isEmpty() || cache.get().cannotCompile()) {
      return false;
    }
    if (cache.get().plan().isPresent()) {
      return true;
    }
    TableEnvironment env =
        TableEnvironment.create(
            EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
    try {
      for (String statement : statements) {
        if (applySetting(env, statement)) {
          continue;
        }
        if (JOB_STATEMENT.matcher(statement).lookingAt()) {
          if (!cache.get().startCompiling()) {
            return false; // a start is planning it now
          }
          try {
            return compile(env, statement, cache.get()).isPresent();
          } finally {
            cache.get().compiled();
          }
        } else {
          env.executeSql(statement);
        }
      }
      return false;
    } catch (RuntimeException e) {
      throw new EngineException("The run could not be planned: " + Errors.sentence(e), e);
    }
  }

  /**
   * Executes {@code statements} one by one in a fresh table environment; the statement that starts
   * a job (an INSERT, a statement set or a SELECT) submits it to the cluster without waiting for
   * it. {@code SET 'key' = 'value'} statements change this run's settings.
   *
   * @throws EngineException when Flink refuses a statement (the message names it and gives Flink's
   *     reason) or no statement starts a job
   */
  public RunHandle start(List<String> statements, RunOptions options) {
    // the phases of a start, logged: where a slow Run spends its time (docs/performance.md)
    long started = System.nanoTime();
    if (options.checkConnections()) {
      new ConnectionCheck(5).check(statements);
    }
    long checked = System.nanoTime();
    Configuration conf = runConfiguration(options);
    TableEnvironment env =
        TableEnvironment.create(
            EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
    long created = System.nanoTime();
    Optional<PlanCache.Lookup> cached =
        planCache.lookup(statements, conf.toMap(), options.runValues());
    String planned = "planned";
    long jobStatementNanos = 0;
    long planNanos = -1;
    JobID job = null;
    int index = 0;
    for (String statement : statements) {
      index++;
      if (applySetting(env, statement)) {
        continue;
      }
      TableResult result;
      long before = System.nanoTime();
      try {
        if (cached.isPresent() && JOB_STATEMENT.matcher(statement).lookingAt()) {
          PlannedResult r = executeWithPlan(env, statement, cached.get());
          result = r.result();
          planned = r.how();
        } else {
          result = env.executeSql(statement);
        }
      } catch (RuntimeException e) {
        // Only the statement's summary: its WITH options may hold resolved secrets.
        LOG.warn("Flink refused statement {} ({}): {}", index, summary(statement), e.toString());
        throw new EngineException(
            "Flink refused statement "
                + index
                + " ("
                + summary(statement)
                + "): "
                + Errors.sentence(e),
            e);
      }
      Optional<org.apache.flink.core.execution.JobClient> client = result.getJobClient();
      if (client.isPresent()) {
        if (job != null) {
          throw new EngineException("The statements start more than one job.");
        }
        job = client.get().getJobID();
        jobStatementNanos = System.nanoTime() - before;
        long handedOver = EmbeddedSubmission.lastHandedOver();
        if (submissionKey != null && handedOver > before) {
          planNanos = handedOver - before;
        }
      }
    }
    if (job == null) {
      throw new EngineException("None of the statements starts a job.");
    }
    String id = job.toHexString();
    long total = System.nanoTime() - started;
    LOG.info(
        "Job {} started in {} ms: connections checked in {} ms, table environment {} ms, the"
            + " other statements {} ms, the job's statement {} and submitted in {} ms{}",
        id,
        total / 1_000_000,
        (checked - started) / 1_000_000,
        (created - checked) / 1_000_000,
        (total - (created - started) - jobStatementNanos) / 1_000_000,
        planned,
        jobStatementNanos / 1_000_000,
        planNanos < 0
            ? ""
            : " ("
                + planned
                + " in "
                + planNanos / 1_000_000
                + " ms, submitted in "
                + (jobStatementNanos - planNanos) / 1_000_000
                + " ms)");
    Instant now = Instant.now();
    String name = env.getConfig().get(PIPELINE_NAME);
    return new RunHandle(id, name, now);
  }

  /** A statement that can start a job through a compiled plan: an INSERT or a statement set. */
  private static final Pattern JOB_STATEMENT =
      Pattern.compile("(?is)\\s*(INSERT\\s|EXECUTE\\s+STATEMENT\\s+SET\\s)");

  private record PlannedResult(TableResult result, String how) {}

  /**
   * Executes a job statement through its compiled plan: the one an earlier start with the same
   * statements made (then the optimiser is not run again), else compiled now and kept for the next
   * start. Falls back to {@link TableEnvironment#executeSql} when Flink cannot compile the
   * statement into a plan (Flink's compiled plans do not cover every operator) or cannot load the
   * kept one.
   */
  private static PlannedResult executeWithPlan(
      TableEnvironment env, String statement, PlanCache.Lookup cache) {
    cache.awaitCompiling(Duration.ofSeconds(60));
    Optional<String> plan = cache.plan();
    if (plan.isPresent()) {
      try {
        return new PlannedResult(
            env.loadPlan(PlanReference.fromJsonString(plan.get())).execute(), "plan reused");
      } catch (RuntimeException e) {
        LOG.info("A kept plan did not load or execute, planning anew: {}", planFailure(e));
        cache.forget();
        return new PlannedResult(env.executeSql(statement), "planned");
      }
    }
    if (cache.cannotCompile() || !cache.startCompiling()) {
      return new PlannedResult(env.executeSql(statement), "planned");
    }
    Optional<CompiledPlan> compiled;
    try {
      compiled = compile(env, statement, cache);
    } finally {
      cache.compiled();
    }
    if (compiled.isEmpty()) {
      return new PlannedResult(env.executeSql(statement), "planned");
    }
    return new PlannedResult(compiled.get().execute(), "planned (plan kept)");
  }

  /**
   * Why a plan could not be compiled, loaded or executed, for the log: Flink's own message may
   * quote the whole plan, and the plan holds the tables' options (resolved secrets among them), so
   * only the deepest cause's sentence, or else the exception's class.
   */
  private static String planFailure(RuntimeException e) {
    Throwable deepest = e;
    while (deepest.getCause() != null && deepest.getCause() != deepest) {
      deepest = deepest.getCause();
    }
    return deepest == e ? e.getClass().getName() : Errors.sentence(deepest);
  }

  /**
   * The compiled plan of a job statement (its INSERTs), kept in {@code cache}; empty when Flink
   * cannot compile it into a plan (then {@code cache} remembers that).
   */
  private static Optional<CompiledPlan> compile(
      TableEnvironment env, String statement, PlanCache.Lookup cache) {
    TableEnvironmentInternal internal = (TableEnvironmentInternal) env;
    List<ModifyOperation> inserts = new ArrayList<>();
    for (Operation op : internal.getParser().parse(statement)) {
      if (op instanceof StatementSetOperation set) {
        inserts.addAll(set.getOperations());
      } else if (op instanceof ModifyOperation insert) {
        inserts.add(insert);
      } else {
        return Optional.empty();
      }
    }
    try {
      CompiledPlan compiled = internal.compilePlan(inserts);
      cache.store(compiled.asJsonString());
      return Optional.of(compiled);
    } catch (RuntimeException e) {
      // e.g. an operator without a JSON form: plan it the usual way, now and next time
      LOG.info("Flink cannot keep this job's plan, planning it each time: {}", planFailure(e));
      cache.storeCannotCompile();
      return Optional.empty();
    }
  }

  /** Applies {@code statement} to {@code env} when it is a {@code SET 'key' = 'value'}. */
  private static boolean applySetting(TableEnvironment env, String statement) {
    Matcher set = SET.matcher(statement);
    if (set.matches()) {
      env.getConfig().set(set.group(1).replace("''", "'"), set.group(2).replace("''", "'"));
    }
    return set.matches();
  }

  private static final org.apache.flink.configuration.ConfigOption<String> PIPELINE_NAME =
      org.apache.flink.configuration.ConfigOptions.key("pipeline.name")
          .stringType()
          .defaultValue("");

  /** The first words of a statement, to name it in messages. */
  static String summary(String statement) {
    String s = statement.strip().replaceAll("\\s+", " ");
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  /** The run's status from Flink (with Flink's failure reason as one sentence). */
  public RunStatus status(String jobId) {
    RunStatus done = finalStatuses.get(jobId);
    if (done != null) {
      return done;
    }
    JobID id = parse(jobId);
    JobDetailsInfo details;
    try {
      details = client.getJobDetails(id).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      if (isNotFound(cause)) {
        throw new EngineException("Flink knows no job " + jobId + ".", e);
      }
      throw new EngineException(
          "The Flink cluster at " + restAddress() + " did not answer: " + Errors.sentence(cause),
          e);
    }
    JobStatus flink = details.getJobStatus();
    Instant started =
        details.getStartTime() > 0 ? Instant.ofEpochMilli(details.getStartTime()) : null;
    Instant ended = details.getEndTime() > 0 ? Instant.ofEpochMilli(details.getEndTime()) : null;
    RunState state = map(flink, details);
    String error = null;
    if (state == RunState.FAILED) {
      error = failureReason(id);
    }
    RunStatus status = new RunStatus(jobId, state, error, started, ended);
    if (flink.isGloballyTerminalState()) {
      finalStatuses.put(jobId, status);
    }
    return status;
  }

  private static RunState map(JobStatus status, JobDetailsInfo details) {
    switch (status) {
      case FINISHED:
        return RunState.FINISHED;
      case FAILED:
        return RunState.FAILED;
      case CANCELED:
      case CANCELLING:
      case SUSPENDED:
        return RunState.STOPPED;
      case RUNNING:
        {
          Collection<JobDetailsInfo.JobVertexDetailsInfo> vertices = details.getJobVertexInfos();
          boolean allRunning =
              !vertices.isEmpty()
                  && vertices.stream()
                      .allMatch(
                          v ->
                              v.getExecutionState() == ExecutionState.RUNNING
                                  || v.getExecutionState() == ExecutionState.FINISHED);
          return allRunning ? RunState.RUNNING : RunState.STARTING;
        }
      case FAILING:
      case RESTARTING:
        return RunState.RUNNING;
      default:
        return RunState.STARTING;
    }
  }

  private String failureReason(JobID id) {
    try {
      JobResult result = client.requestJobResult(id).get(10, TimeUnit.SECONDS);
      return result
          .getSerializedThrowable()
          .map(FlinkEngine::readable)
          .orElse("The job failed without a reason.");
    } catch (Exception e) {
      return "The job failed; its reason could not be read: " + Errors.sentence(e);
    }
  }

  /** Flink's failure made one sentence: the deepest cause, which says what actually went wrong. */
  static String readable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (NO_SLOT.matcher(String.valueOf(t)).find()) {
        return noSlotSentence();
      }
    }
    return Errors.sentence(failure);
  }

  /** Flink's "no resources" failure said plainly: what happened and what to do. */
  private static String noSlotSentence() {
    return "The Flink cluster has no free task slot for this run: every slot is taken by other"
        + " runs, previews or deployments; stop one of them and start this run again.";
  }

  /** Stops (cancels) a run; stopping a run that already ended does nothing. */
  public void stop(String jobId) {
    RunStatus status = status(jobId);
    if (status.state().terminal()) {
      return;
    }
    try {
      client.cancel(parse(jobId)).get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      if (status(jobId).state().terminal()) {
        return;
      }
      throw new EngineException(
          "Run " + jobId + " could not be stopped: " + Errors.sentence(cause), e);
    }
  }

  /** Waits until the run ends (finished, failed or stopped) and returns its final status. */
  public RunStatus awaitEnd(String jobId, Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = 20;
    while (true) {
      RunStatus status = status(jobId);
      if (status.state().terminal()) {
        return status;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "Run " + jobId + " did not end within " + timeout.toSeconds() + " s.");
      }
      sleep(pause);
      pause = Math.min(200, pause * 2);
    }
  }

  /** Waits until the run is running (or has already ended) and returns its status. */
  public RunStatus awaitRunning(String jobId, Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      RunStatus status = status(jobId);
      if (status.state() != RunState.STARTING) {
        return status;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "Run " + jobId + " did not start within " + timeout.toSeconds() + " s.");
      }
      sleep(50);
    }
  }

  /** A job on the cluster. */
  public record JobSummary(String jobId, String name, RunState state, Instant startedAt) {}

  /** Every job the cluster knows, newest first. */
  public List<JobSummary> jobs() {
    try {
      Collection<JobStatusMessage> jobs = client.listJobs().get(10, TimeUnit.SECONDS);
      List<JobSummary> out = new ArrayList<>();
      for (JobStatusMessage j : jobs) {
        String id = j.getJobId().toHexString();
        RunState state =
            switch (j.getJobState()) {
              case FINISHED -> RunState.FINISHED;
              case FAILED -> RunState.FAILED;
              case CANCELED, CANCELLING, SUSPENDED -> RunState.STOPPED;
              case RUNNING, FAILING, RESTARTING -> RunState.RUNNING;
              default -> RunState.STARTING;
            };
        out.add(new JobSummary(id, j.getJobName(), state, Instant.ofEpochMilli(j.getStartTime())));
      }
      out.sort(Comparator.comparing(JobSummary::startedAt).reversed());
      return out;
    } catch (Exception e) {
      throw new EngineException(
          "The Flink cluster at " + restAddress() + " did not answer: " + Errors.sentence(e), e);
    }
  }

  private static boolean isNotFound(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("not found") || m.contains("404") || m.contains("could not find")) {
        return true;
      }
    }
    return false;
  }

  private static JobID parse(String jobId) {
    try {
      return JobID.fromHexString(jobId);
    } catch (RuntimeException e) {
      throw new EngineException("`" + jobId + "` is not a Flink job id.", e);
    }
  }

  @Override
  public void close() {
    if (submissionKey != null) {
      EmbeddedSubmission.unregister(submissionKey);
    }
    try {
      client.close();
    } catch (RuntimeException e) {
      LOG.debug("Closing the REST client failed", e);
    }
    if (miniCluster != null) {
      try {
        miniCluster.closeAsync().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("The embedded Flink cluster did not shut down cleanly: {}", e.toString());
      }
    }
  }

  private static void deleteContents(Path dir) {
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> paths = Files.walk(dir)) {
          paths
              .sorted(Comparator.reverseOrder())
              .filter(p -> !p.equals(dir))
              .forEach(
                  p -> {
                    try {
                      Files.deleteIfExists(p);
                    } catch (IOException e) {
                      LOG.debug("Could not delete {}", p);
                    }
                  });
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("Interrupted while waiting for Flink.", e);
    }
  }
}
