package io.eddy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.compile.CompileOptions;
import io.eddy.core.compile.CompiledFlow;
import io.eddy.core.compile.ExportRulesException;
import io.eddy.core.compile.SqlCompiler;
import io.eddy.core.document.Credentials;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import io.eddy.engine.Errors;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * Deploys flows to a Flink session cluster and manages their jobs through Flink's REST API.
 *
 * <p>A flow is deployed as its SQL export (the deployable artifact): its {@code ${NAME}} secret
 * references are resolved at deploy time, then its statements are executed the way Flink's SQL
 * client executes a file, in a {@link TableEnvironment} whose execution target is the cluster's
 * REST address. The {@link JobRegistry} remembers each job's flow, SQL and savepoint, so a job
 * stopped with a savepoint can be resumed from it.
 */
public final class FlinkClusterClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Flink's globally terminal job states: nothing runs, nothing will restart. */
  public static final Set<String> ENDED_STATES = Set.of("FINISHED", "CANCELED", "FAILED");

  /** The job states in which Flink has a failure to report. */
  public static final Set<String> FAILING_STATES = Set.of("FAILED", "FAILING", "RESTARTING");

  private static FlowAnalyzer analyzer;

  private final String restUrl;
  private final FlinkRest rest;
  private final JobRegistry registry;

  /**
   * How to deploy.
   *
   * @param name the Flink job name; null for the flow's name
   * @param parallelism default parallelism; 0 for the cluster's default
   * @param jars connector jars the cluster lacks, shipped with the job (pipeline.jars)
   * @param kafkaOverride bootstrap servers replacing every source's and destination's Kafka
   *     cluster; null to keep the flow's
   * @param flowId the stored flow's id, remembered with the job (the server deploys stored flows
   *     and resumes them with their current credentials); null for a flow from a file
   * @param delivery the delivery guarantee and checkpointing (null fields: the defaults)
   * @param restoreFrom a savepoint or retained checkpoint to start from; null to start without
   *     state
   */
  public record DeployOptions(
      String name,
      int parallelism,
      List<String> jars,
      String kafkaOverride,
      String flowId,
      DeliverySettings delivery,
      String restoreFrom) {
    public DeployOptions {
      jars = jars == null ? List.of() : List.copyOf(jars);
      delivery = delivery == null ? DeliverySettings.defaults() : delivery;
    }

    public static DeployOptions defaults() {
      return new DeployOptions(null, 0, List.of(), null, null, null, null);
    }

    public DeployOptions withName(String value) {
      return new DeployOptions(
          value, parallelism, jars, kafkaOverride, flowId, delivery, restoreFrom);
    }

    public DeployOptions withParallelism(int value) {
      return new DeployOptions(name, value, jars, kafkaOverride, flowId, delivery, restoreFrom);
    }

    public DeployOptions withJars(List<String> value) {
      return new DeployOptions(
          name, parallelism, value, kafkaOverride, flowId, delivery, restoreFrom);
    }

    public DeployOptions withKafkaOverride(String value) {
      return new DeployOptions(name, parallelism, jars, value, flowId, delivery, restoreFrom);
    }

    public DeployOptions withFlowId(String value) {
      return new DeployOptions(
          name, parallelism, jars, kafkaOverride, value, delivery, restoreFrom);
    }

    public DeployOptions withDelivery(DeliverySettings value) {
      return new DeployOptions(name, parallelism, jars, kafkaOverride, flowId, value, restoreFrom);
    }

    public DeployOptions withRestoreFrom(String value) {
      return new DeployOptions(name, parallelism, jars, kafkaOverride, flowId, delivery, value);
    }
  }

  /** A job started on the cluster. */
  public record Deployment(String jobId, String jobName, String restUrl) {}

  /**
   * A job as Flink reports it, with what Eddy remembers of it.
   *
   * @param state Flink's job status (RUNNING, FINISHED, CANCELED, FAILED, ...), or {@link #LOST}
   *     for a job Eddy deployed that the cluster no longer runs nor knows (its JobManager was
   *     restarted without high availability, or it ended long ago), or {@link #STOPPED} for one
   *     Eddy stopped with a savepoint that the cluster has forgotten since
   * @param flowName the flow it runs, when Eddy deployed it
   * @param savepointPath the savepoint it was stopped with, when it was
   * @param checkpointPath for a job that no longer runs: its latest retained checkpoint (or, when
   *     it has none, the savepoint or checkpoint it started from) — what {@code resume} restores
   */
  public record JobInfo(
      String jobId,
      String name,
      String state,
      Instant startTime,
      Duration duration,
      String flowName,
      String savepointPath,
      String checkpointPath) {}

  /** The state of a job Eddy deployed that the cluster does not know (any more). */
  public static final String LOST = "LOST";

  /** The state of a job Eddy stopped with a savepoint that the cluster does not know any more. */
  public static final String STOPPED = "STOPPED";

  public FlinkClusterClient(String restUrl, JobRegistry registry) {
    this.rest = new FlinkRest(restUrl);
    this.restUrl = rest.baseUrl();
    this.registry = registry;
  }

  public String restUrl() {
    return restUrl;
  }

  public JobRegistry registry() {
    return registry;
  }

  static synchronized FlowAnalyzer analyzer() {
    if (analyzer == null) {
      analyzer = new FlowAnalyzer(new FlinkExpressionChecker());
    }
    return analyzer;
  }

  /** The flow's SQL export (credentials as references), as deployed. */
  public static CompiledFlow export(Flow flow, DeployOptions options) {
    CompileOptions compile = CompileOptions.export();
    if (options.kafkaOverride() != null) {
      compile = compile.withKafkaOverride(options.kafkaOverride());
    }
    try {
      return new SqlCompiler(analyzer()).compile(flow, compile);
    } catch (ExportRulesException e) {
      throw new DeployException(
          "The flow cannot be deployed: " + String.join(" ", e.problems()), e);
    }
  }

  /**
   * Deploys a flow: compiles its SQL export, resolves its secret references with {@code secrets},
   * submits it and remembers the job.
   *
   * @throws DeployException when the flow is not deployable, a secret is missing, or Flink refuses
   *     it (messages never contain a secret value)
   */
  public Deployment deploy(
      Flow flow, DeployOptions options, Function<String, Optional<String>> secrets) {
    CompiledFlow compiled = export(flow, options);
    List<String> statements = compiled.statements();
    String last = statements.isEmpty() ? "" : statements.get(statements.size() - 1);
    if (last.strip().toUpperCase(Locale.ROOT).startsWith("SELECT")) {
      throw new DeployException(
          "The flow has no event destination, so a deployed job would write its results"
              + " nowhere: add an event destination after its last node.");
    }
    JsonNode document;
    try {
      document = JSON.readTree(FlowDocuments.write(Credentials.redact(flow)));
    } catch (IOException e) {
      throw new DeployException("The flow document cannot be written: " + e.getMessage(), e);
    }
    return deployScript(compiled.script(), flow.name(), document, options, secrets, null, null);
  }

  /** Deploys an SQL script (an Eddy export or any Flink SQL file with one job). */
  public Deployment deploySql(
      String script,
      String flowName,
      DeployOptions options,
      Function<String, Optional<String>> secrets) {
    return deployScript(script, flowName, null, options, secrets, null, null);
  }

  /**
   * Submits a script and remembers the job.
   *
   * @param resumedFrom the job this one resumes, or null
   * @param transactionalIdPrefix the Kafka transactions' prefix of the job it resumes; null for a
   *     new deployment (it gets its own)
   */
  private Deployment deployScript(
      String script,
      String flowName,
      JsonNode document,
      DeployOptions options,
      Function<String, Optional<String>> secrets,
      String resumedFrom,
      String transactionalIdPrefix) {
    String prefix =
        transactionalIdPrefix != null
            ? transactionalIdPrefix
            : newTransactionalIdPrefix(options.name() != null ? options.name() : flowName);
    Map<String, String> clusterConfig = clusterConfiguration();
    List<String> jobs =
        runScript(
            script, options, secrets, options.restoreFrom(), deploymentDefaults(options), prefix);
    if (jobs.size() != 1) {
      throw new DeployException(
          "The SQL starts "
              + jobs.size()
              + " jobs; a deployment is one job (put several INSERTs in a statement set).");
    }
    String jobId = jobs.get(0);
    String jobName = jobName(jobId).orElse(options.name() != null ? options.name() : flowName);
    registry.put(
        new JobRegistry.JobRecord(
            jobId,
            restUrl,
            options.flowId(),
            flowName,
            jobName,
            document,
            script,
            options.parallelism(),
            options.jars(),
            Instant.now().toString(),
            null,
            null,
            resumedFrom,
            options.restoreFrom(),
            options.delivery().guarantee() == null ? null : options.delivery().guarantee().value(),
            options.delivery().checkpointInterval() == null
                ? null
                : options.delivery().checkpointInterval().toMillis() + " ms",
            options.delivery().retention() == null ? null : options.delivery().retention().value(),
            prefix,
            checkpointDirectory(clusterConfig),
            null));
    return new Deployment(jobId, jobName, restUrl);
  }

  /**
   * A prefix of Kafka transactional ids no other deployment uses: the job's name (letters, digits,
   * dashes) and 8 random hexadecimal digits. Transactional ids must be unique among the jobs
   * writing to a Kafka cluster; a resumed job keeps its predecessor's prefix.
   */
  static String newTransactionalIdPrefix(String name) {
    String slug =
        (name == null ? "job" : name)
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (slug.length() > 40) {
      slug = slug.substring(0, 40).replaceAll("-+$", "");
    }
    return "eddy-"
        + (slug.isEmpty() ? "job" : slug)
        + "-"
        + String.format("%08x", new java.security.SecureRandom().nextInt());
  }

  /**
   * The directory the cluster retains checkpoints in ({@code execution.checkpointing.dir}, or the
   * older key {@code state.checkpoints.dir}); null when it has none.
   */
  private static String checkpointDirectory(Map<String, String> clusterConfig) {
    String dir = clusterConfig.get("execution.checkpointing.dir");
    return dir != null ? dir : clusterConfig.get("state.checkpoints.dir");
  }

  /**
   * Runs an SQL script on the cluster the way {@code sql-client.sh -f} does: {@code SET}s change
   * the settings of the statements after them, every other statement is executed; statements that
   * start jobs submit them without waiting.
   *
   * @param savepoint the savepoint to start from (execution.state-recovery.path), or null
   * @return the ids of the jobs started, in order
   */
  public List<String> runScript(
      String script,
      DeployOptions options,
      Function<String, Optional<String>> secrets,
      String savepoint) {
    return runScript(script, options, secrets, savepoint, Map.of(), null);
  }

  /**
   * Restart settings of a deployed job unless its SQL sets them: after a failure it restarts from
   * its latest checkpoint, 1 s later at first, the delay doubling up to 1 min while failures go on
   * (and back to 1 s after an hour without one). That outlasts a TaskManager being replaced or a
   * broker down for minutes; after 10 attempts in a row (about 5 minutes) the job fails, so that a
   * job that cannot work shows as FAILED instead of restarting for ever, and {@code eddy jobs
   * resume} restarts it from its latest checkpoint once the cause is fixed.
   */
  public static final Map<String, String> RESTART_DEFAULTS =
      Map.of(
          "restart-strategy.type", "exponential-delay",
          "restart-strategy.exponential-delay.initial-backoff", "1 s",
          "restart-strategy.exponential-delay.max-backoff", "1 min",
          "restart-strategy.exponential-delay.attempts-before-reset-backoff", "10");

  /** What a deployment sets unless its SQL does: restarts and the delivery settings. */
  static Map<String, String> deploymentDefaults(DeployOptions options) {
    Map<String, String> defaults = new LinkedHashMap<>(RESTART_DEFAULTS);
    defaults.putAll(options.delivery().jobConfiguration());
    return defaults;
  }

  /**
   * @param transactionalIdPrefix when not null, the Kafka tables the job writes to get the
   *     deployment's delivery options ({@link KafkaSinkDelivery}) with this prefix
   */
  private List<String> runScript(
      String script,
      DeployOptions options,
      Function<String, Optional<String>> secrets,
      String savepoint,
      Map<String, String> defaults,
      String transactionalIdPrefix) {
    Set<String> references = SqlScript.references(script);
    String resolved = SqlScript.resolve(script, secrets);
    Function<String, String> mask = text -> Secrets.mask(text, references, secrets);
    Map<String, String> overrides = new LinkedHashMap<>();
    if (options.name() != null) {
      overrides.put("pipeline.name", options.name());
    }
    if (options.parallelism() > 0) {
      overrides.put("parallelism.default", String.valueOf(options.parallelism()));
    }
    if (savepoint != null) {
      overrides.put("execution.state-recovery.path", savepoint);
    }
    overrides.putAll(options.delivery().givenJobConfiguration());
    Configuration conf = clientConfiguration(options.jars());
    defaults.forEach(conf::setString);
    // Like Flink's SQL client, which reads the cluster's configuration: the job's parallelism is
    // the cluster's default unless the script or the command line sets one. (A client left to
    // itself would use the parallelism of the machine it runs on.)
    conf.setString("parallelism.default", clusterDefaultParallelism());
    overrides.forEach(conf::setString);
    TableEnvironment env =
        TableEnvironment.create(
            EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
    SqlScript.BeforeJob sinks =
        transactionalIdPrefix == null
            ? (e, statement) -> List.of()
            : (e, statement) ->
                KafkaSinkDelivery.alterStatements(
                    e,
                    statement,
                    options.delivery().sinkOptions(transactionalIdPrefix),
                    options.delivery().guarantee() != null);
    List<String> jobs =
        SqlScript.execute(
            env,
            resolved,
            overrides.keySet(),
            (index, statement, e) ->
                new DeployException(
                    mask.apply(
                        "Flink refused statement "
                            + index
                            + " ("
                            + summary(statement)
                            + "): "
                            + Errors.sentence(e)),
                    null),
            sinks);
    if (jobs.isEmpty()) {
      throw new DeployException("None of the SQL statements starts a job.");
    }
    return jobs;
  }

  /** The cluster's parallelism.default (1 when it sets none). */
  String clusterDefaultParallelism() {
    String value = clusterConfiguration().getOrDefault("parallelism.default", "1").strip();
    return value.matches("\\d+") ? value : "1";
  }

  /** The cluster's configuration, as its REST API shows it. */
  private Map<String, String> clusterConfiguration() {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode entry : rest.get("/jobmanager/config")) {
      out.put(entry.path("key").asText(), entry.path("value").asText());
    }
    return out;
  }

  private Configuration clientConfiguration(List<String> jars) {
    URI uri = URI.create(restUrl);
    int port = uri.getPort() > 0 ? uri.getPort() : 8081;
    Configuration conf = new Configuration();
    conf.setString("execution.target", "remote");
    conf.setString("rest.address", uri.getHost());
    conf.setString("rest.port", String.valueOf(port));
    conf.setString("rest.retry.max-attempts", "2");
    conf.setString("rest.connection-timeout", "10 s");
    if (!jars.isEmpty()) {
      conf.setString("pipeline.jars", String.join(";", jars));
    }
    return conf;
  }

  static String summary(String statement) {
    String s = statement.strip().replaceAll("\\s+", " ");
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  /**
   * Every job the cluster knows, and every job Eddy deployed to it that it no longer knows ({@link
   * #LOST}, or {@link #STOPPED} after a stop with savepoint), newest first, with what Eddy
   * remembers of each. Jobs that were resumed or that Eddy cancelled are not listed once the
   * cluster has forgotten them.
   */
  public List<JobInfo> jobs() {
    JsonNode overview = rest.get("/jobs/overview");
    List<JobRegistry.JobRecord> records = registry.all();
    Map<String, JobRegistry.JobRecord> known = new LinkedHashMap<>();
    for (JobRegistry.JobRecord r : records) {
      known.put(r.jobId(), r);
    }
    List<JobInfo> out = new ArrayList<>();
    Set<String> onCluster = new java.util.HashSet<>();
    for (JsonNode job : overview.path("jobs")) {
      String id = job.path("jid").asText();
      onCluster.add(id);
      JobRegistry.JobRecord record = known.get(id);
      String state = job.path("state").asText();
      out.add(
          new JobInfo(
              id,
              job.path("name").asText(),
              state,
              Instant.ofEpochMilli(job.path("start-time").asLong()),
              Duration.ofMillis(Math.max(0, job.path("duration").asLong())),
              record == null ? null : record.flowName(),
              record == null ? null : record.savepointPath(),
              record != null && Set.of("FAILED", "CANCELED").contains(state)
                  ? restorePoint(record).orElse(null)
                  : null));
    }
    Set<String> resumed = new java.util.HashSet<>();
    records.forEach(r -> resumed.add(r.resumedFrom()));
    for (JobRegistry.JobRecord r : records) {
      if (onCluster.contains(r.jobId())
          || !restUrl.equals(r.flinkUrl())
          || r.cancelledAt() != null
          || resumed.contains(r.jobId())) {
        continue;
      }
      Instant deployed = r.deployedAt() == null ? Instant.EPOCH : Instant.parse(r.deployedAt());
      out.add(
          new JobInfo(
              r.jobId(),
              r.jobName(),
              r.savepointPath() != null ? STOPPED : LOST,
              deployed,
              Duration.ZERO,
              r.flowName(),
              r.savepointPath(),
              r.savepointPath() != null ? null : restorePoint(r).orElse(null)));
    }
    out.sort(Comparator.comparing(JobInfo::startTime).reversed());
    return out;
  }

  /**
   * What a job that no longer runs would be resumed from: its newest retained checkpoint, else (no
   * checkpoint completed) the savepoint or checkpoint it started from.
   */
  private Optional<String> restorePoint(JobRegistry.JobRecord record) {
    Optional<String> checkpoint = latestCheckpointOnCluster(record.jobId());
    if (checkpoint.isEmpty()) {
      checkpoint = RetainedCheckpoints.latest(record.checkpointDir(), record.jobId());
    }
    return checkpoint.or(() -> Optional.ofNullable(record.restoredFrom()));
  }

  /** The newest completed checkpoint of a job the cluster still knows, as its REST API says. */
  private Optional<String> latestCheckpointOnCluster(String jobId) {
    try {
      String path =
          rest.get("/jobs/" + jobId + "/checkpoints")
              .at("/latest/completed/external_path")
              .asText("");
      return path.isEmpty() || "<checkpoint-not-externally-addressable>".equals(path)
          ? Optional.empty()
          : Optional.of(path);
    } catch (FlinkRest.FlinkRestException e) {
      return Optional.empty();
    }
  }

  /** Flink's status of a job (RUNNING, FINISHED, CANCELED, FAILED, ...). */
  public String state(String jobId) {
    return job(jobId).path("state").asText();
  }

  /** Whether every task of the job is running (the job is really processing events). */
  public boolean allTasksRunning(String jobId) {
    JsonNode job = job(jobId);
    if (!"RUNNING".equals(job.path("state").asText())) {
      return false;
    }
    JsonNode vertices = job.path("vertices");
    if (!vertices.isArray() || vertices.isEmpty()) {
      return false;
    }
    for (JsonNode v : vertices) {
      if (!"RUNNING".equals(v.path("status").asText())) {
        return false;
      }
    }
    return true;
  }

  /** The highest parallelism of the job's tasks. */
  public int parallelism(String jobId) {
    int max = 0;
    for (JsonNode v : job(jobId).path("vertices")) {
      max = Math.max(max, v.path("parallelism").asInt());
    }
    return max;
  }

  private Optional<String> jobName(String jobId) {
    try {
      return Optional.of(job(jobId).path("name").asText());
    } catch (DeployException e) {
      return Optional.empty();
    }
  }

  private JsonNode job(String jobId) {
    checkId(jobId);
    try {
      return rest.get("/jobs/" + jobId);
    } catch (FlinkRest.FlinkRestException e) {
      if (e.status() == 404) {
        throw unknownJob(jobId);
      }
      throw e;
    }
  }

  /**
   * The error for a job the cluster does not know: for a job Eddy deployed there, that it is lost
   * and can be resumed; else that the cluster knows no such job.
   */
  private DeployException unknownJob(String jobId) {
    Optional<JobRegistry.JobRecord> record =
        registry.find(jobId).filter(r -> restUrl.equals(r.flinkUrl()));
    if (record.isPresent() && record.get().cancelledAt() == null) {
      return new LostJobException(
          "Job "
              + jobId
              + " is lost: the Flink cluster at "
              + restUrl
              + " no longer runs it. Resume it from its latest checkpoint with `eddy jobs resume "
              + jobId
              + "` (or Resume in the Jobs view).");
    }
    return new UnknownJobException(
        "The Flink cluster at " + restUrl + " knows no job " + jobId + ".");
  }

  /**
   * Waits until every task of a new job runs, or the job fails, restarts or ends, or the time is
   * up; returns RUNNING, or the job's status at that moment.
   */
  public String awaitStarted(String jobId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (allTasksRunning(jobId)) {
        return "RUNNING";
      }
      String state = state(jobId);
      if (Set.of("FAILED", "FAILING", "RESTARTING", "CANCELED", "CANCELLING", "FINISHED")
              .contains(state)
          || System.nanoTime() > deadline) {
        return state;
      }
      sleep(200);
    }
  }

  /**
   * Why a job failed, from the newest entry of Flink's exception history, as one sentence; the
   * values of the job's secret references (as {@code secrets} resolves them) are masked, since
   * Flink's messages may quote the options they were put in.
   */
  public String failureReason(String jobId, Function<String, Optional<String>> secrets) {
    String reason = failureReason(jobId);
    String sql = registry.find(jobId).map(JobRegistry.JobRecord::sql).orElse(null);
    return sql == null ? reason : Secrets.mask(reason, SqlScript.references(sql), secrets);
  }

  private String failureReason(String jobId) {
    checkId(jobId);
    JsonNode exceptions = rest.get("/jobs/" + jobId + "/exceptions");
    String trace = exceptions.at("/exceptionHistory/entries/0/stacktrace").asText("");
    if (trace.isEmpty()) {
      trace = exceptions.path("root-exception").asText("");
    }
    String reason = null;
    for (String line : trace.lines().toList()) {
      if (reason == null) {
        reason = line;
      } else if (line.startsWith("Caused by: ")) {
        reason = line.substring("Caused by: ".length());
      }
    }
    if (reason == null || reason.isBlank()) {
      return "Flink gives no reason.";
    }
    String clean = Errors.clean(reason);
    return clean.endsWith(".") ? clean : clean + ".";
  }

  /** Waits until the job has one of {@code states}, and returns it. */
  public String awaitState(String jobId, Set<String> states, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String state = state(jobId);
      if (states.contains(state)) {
        return state;
      }
      if (System.nanoTime() > deadline) {
        throw new DeployException(
            "Job "
                + jobId
                + " is "
                + state
                + ", not "
                + String.join(" or ", states)
                + ", after "
                + timeout.toSeconds()
                + " s.");
      }
      sleep(200);
    }
  }

  /**
   * Stops a job with a savepoint (Flink's stop: sources end, state is saved, the job finishes) and
   * remembers the savepoint for {@link #resume}.
   *
   * @param targetDirectory where to write it; null for the cluster's savepoint directory
   * @return the savepoint's path
   */
  public String stopWithSavepoint(String jobId, String targetDirectory, Duration timeout) {
    String state = state(jobId);
    if (!"RUNNING".equals(state)) {
      throw new JobStateException(
          "Job "
              + jobId
              + " is "
              + state
              + "; only a running job can be stopped with a savepoint.");
    }
    ObjectNode body = JSON.createObjectNode().put("drain", false);
    if (targetDirectory != null) {
      body.put("targetDirectory", targetDirectory);
    }
    String trigger;
    try {
      trigger = rest.post("/jobs/" + jobId + "/stop", body).path("request-id").asText();
    } catch (FlinkRest.FlinkRestException e) {
      if (targetDirectory == null && e.status() == 400 && e.getMessage().contains("savepoint")) {
        // Flink: "Config key [execution.checkpointing.savepoint-dir] is not set. Property
        // [targetDirectory] must be provided."
        throw new JobStateException(
            "The Flink cluster at "
                + restUrl
                + " has no savepoint directory: set `state.savepoints.dir`"
                + " (execution.checkpointing.savepoint-dir) in its configuration.");
      }
      throw e;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode status = rest.get("/jobs/" + jobId + "/savepoints/" + trigger);
      if ("COMPLETED".equals(status.path("status").path("id").asText())) {
        JsonNode operation = status.path("operation");
        String location = operation.path("location").asText(null);
        if (location == null || location.isEmpty()) {
          String reason = firstLine(operation.path("failure-cause"));
          throw new DeployException(
              "Job " + jobId + " could not be stopped with a savepoint: " + reason);
        }
        Optional<JobRegistry.JobRecord> record = registry.find(jobId);
        JobRegistry.JobRecord updated =
            record
                .orElseGet(
                    () ->
                        JobRegistry.JobRecord.unknown(jobId, restUrl, jobName(jobId).orElse(null)))
                .withSavepoint(location, Instant.now().toString());
        registry.put(updated);
        // Flink finishes the job a moment after the savepoint completes: wait for that, so that
        // "stopped" is true when this returns and a resume right after is not refused.
        try {
          awaitState(
              jobId,
              ENDED_STATES,
              Duration.ofNanos(Math.max(deadline - System.nanoTime(), 5_000_000_000L)));
        } catch (DeployException stillEnding) {
          // The savepoint is taken; a resume says what the job is doing if it has not ended yet.
        }
        return location;
      }
      if (System.nanoTime() > deadline) {
        throw new DeployException(
            "The savepoint of job "
                + jobId
                + " was not complete after "
                + timeout.toSeconds()
                + " s.");
      }
      sleep(250);
    }
  }

  /** The first line of a failure Flink reports, as a sentence. */
  private static String firstLine(JsonNode failure) {
    String text = failure.path("stack-trace").asText("");
    String line = text.lines().findFirst().orElse(failure.path("class").asText("unknown error"));
    String clean = Errors.clean(line);
    return clean.endsWith(".") ? clean : clean + ".";
  }

  /**
   * Cancels a job (no savepoint; with retained checkpoints they stay). A lost job is forgotten: it
   * is no longer listed.
   *
   * @return true when the cluster cancelled the job, false when it was lost and is now forgotten
   */
  public boolean cancel(String jobId) {
    String state;
    try {
      state = state(jobId);
    } catch (LostJobException lost) {
      registry.put(registry.find(jobId).orElseThrow().withCancelled(Instant.now().toString()));
      return false;
    }
    if (ENDED_STATES.contains(state)) {
      throw new JobStateException("Job " + jobId + " has already ended (" + state + ").");
    }
    try {
      rest.patch("/jobs/" + jobId + "?mode=cancel");
    } catch (FlinkRest.FlinkRestException e) {
      if (e.status() == 404) {
        throw unknownJob(jobId);
      }
      throw e;
    }
    registry.find(jobId).ifPresent(r -> registry.put(r.withCancelled(Instant.now().toString())));
    // Flink cancels asynchronously: wait until the job has ended, so that "cancelled" is true when
    // this returns (a resume right after says it was cancelled, not that it is running).
    try {
      awaitState(jobId, ENDED_STATES, Duration.ofSeconds(30));
    } catch (DeployException stillEnding) {
      // Cancelling continues in the cluster; the job's state says so when asked.
    }
    return true;
  }

  /**
   * Starts a job's flow again as a new job from its state: the same SQL (its secret references
   * resolved again), the same delivery settings and Kafka transactional-id prefix, restored from
   * {@code from} when given, else from the savepoint it was stopped with, else — for a job that
   * failed or was lost with its JobManager — from its newest retained checkpoint. A cancelled job
   * is resumed only from a path given.
   *
   * @param from a savepoint or checkpoint path to restore instead; null to find one
   */
  public Deployment resume(
      String jobId,
      DeployOptions options,
      Function<String, Optional<String>> secrets,
      String from) {
    checkId(jobId);
    JobRegistry.JobRecord record =
        registry
            .find(jobId)
            .orElseThrow(
                () ->
                    new UnknownJobException(
                        "Eddy has no record of job "
                            + jobId
                            + " in "
                            + registry.file()
                            + "; only jobs Eddy deployed can be resumed (deploy the flow with"
                            + " `eddy deploy FLOW.json --from PATH` to start it from a savepoint"
                            + " or checkpoint)."));
    String state;
    try {
      state = state(jobId);
    } catch (LostJobException | UnknownJobException gone) {
      state = LOST;
    }
    if (!ENDED_STATES.contains(state) && !LOST.equals(state)) {
      throw new JobStateException(
          "Job "
              + jobId
              + " is "
              + state
              + ": only a job that has ended or is lost can be resumed. To move it, stop it with"
              + " a savepoint first (`eddy jobs stop "
              + jobId
              + " --savepoint`, or Stop with savepoint in the Jobs view).");
    }
    for (JobRegistry.JobRecord other : registry.all()) {
      if (jobId.equals(other.resumedFrom()) && restUrl.equals(other.flinkUrl())) {
        String otherState;
        try {
          otherState = state(other.jobId());
        } catch (DeployException gone) {
          continue;
        }
        if (!ENDED_STATES.contains(otherState)) {
          throw new JobStateException(
              "Job "
                  + jobId
                  + " was already resumed as job "
                  + other.jobId()
                  + ", which is "
                  + otherState
                  + ".");
        }
      }
    }
    if (record.sql() == null) {
      throw new JobStateException(
          "Eddy does not know the SQL of job "
              + jobId
              + ", so it cannot be resumed; deploy its flow with `eddy deploy FLOW.json --from"
              + " PATH` instead.");
    }
    String path = from;
    if (path == null && record.savepointPath() != null) {
      path = record.savepointPath();
    }
    if (path == null && !Set.of("FAILED", LOST).contains(state)) {
      // Cancelled or finished on purpose: its state is not picked up again unless named.
      Optional<String> retained = restorePoint(record);
      throw new JobStateException(
          "Job "
              + jobId
              + " was "
              + ("CANCELED".equals(state) ? "cancelled" : "finished")
              + ", not stopped with a savepoint"
              + retained
                  .map(
                      p ->
                          "; to start it from its latest retained checkpoint, name it: `eddy"
                              + " jobs resume "
                              + jobId
                              + " --from "
                              + p
                              + "`.")
                  .orElse(", and it left no retained checkpoint: deploy its flow again."));
    }
    if (path == null) {
      path = restorePoint(record).orElse(null);
    }
    if (path == null) {
      throw new JobStateException(
          "Job "
              + jobId
              + " has no savepoint and no retained checkpoint"
              + (record.checkpointDir() == null
                  ? " (its cluster has no checkpoint directory)"
                  : " in " + record.checkpointDir())
              + ", so its state is gone: deploy its flow again to start without state, or name a"
              + " savepoint or checkpoint with --from PATH.");
    }
    DeployOptions effective =
        new DeployOptions(
            options.name() != null ? options.name() : record.jobName(),
            options.parallelism() > 0 ? options.parallelism() : record.parallelism(),
            options.jars().isEmpty() ? record.jars() : options.jars(),
            null,
            options.flowId() != null ? options.flowId() : record.flowId(),
            merge(options.delivery(), record.deliverySettings()),
            path);
    return deployScript(
        record.sql(),
        record.flowName(),
        record.flow(),
        effective,
        secrets,
        jobId,
        record.transactionalIdPrefix());
  }

  /** {@code given}'s settings where set, else {@code recorded}'s. */
  private static DeliverySettings merge(DeliverySettings given, DeliverySettings recorded) {
    return new DeliverySettings(
        given.guarantee() != null ? given.guarantee() : recorded.guarantee(),
        given.checkpointInterval() != null
            ? given.checkpointInterval()
            : recorded.checkpointInterval(),
        given.retention() != null ? given.retention() : recorded.retention());
  }

  /** Whether {@code text} has the form of a Flink job id (32 hexadecimal digits). */
  public static boolean isJobId(String text) {
    return text != null && text.matches("[0-9a-fA-F]{32}");
  }

  private static void checkId(String jobId) {
    if (!isJobId(jobId)) {
      throw new DeployException("`" + jobId + "` is not a Flink job id (32 hexadecimal digits).");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeployException("Interrupted while waiting for Flink.", e);
    }
  }
}
