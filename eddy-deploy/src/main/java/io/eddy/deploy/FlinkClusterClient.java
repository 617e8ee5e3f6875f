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
   */
  public record DeployOptions(
      String name, int parallelism, List<String> jars, String kafkaOverride, String flowId) {
    public DeployOptions {
      jars = jars == null ? List.of() : List.copyOf(jars);
    }

    public static DeployOptions defaults() {
      return new DeployOptions(null, 0, List.of(), null, null);
    }

    public DeployOptions withName(String value) {
      return new DeployOptions(value, parallelism, jars, kafkaOverride, flowId);
    }

    public DeployOptions withParallelism(int value) {
      return new DeployOptions(name, value, jars, kafkaOverride, flowId);
    }

    public DeployOptions withJars(List<String> value) {
      return new DeployOptions(name, parallelism, value, kafkaOverride, flowId);
    }

    public DeployOptions withKafkaOverride(String value) {
      return new DeployOptions(name, parallelism, jars, value, flowId);
    }

    public DeployOptions withFlowId(String value) {
      return new DeployOptions(name, parallelism, jars, kafkaOverride, value);
    }
  }

  /** A job started on the cluster. */
  public record Deployment(String jobId, String jobName, String restUrl) {}

  /**
   * A job as Flink reports it, with what Eddy remembers of it.
   *
   * @param state Flink's job status (RUNNING, FINISHED, CANCELED, FAILED, ...)
   * @param flowName the flow it runs, when Eddy deployed it
   * @param savepointPath the savepoint it was stopped with, when it was
   */
  public record JobInfo(
      String jobId,
      String name,
      String state,
      Instant startTime,
      Duration duration,
      String flowName,
      String savepointPath) {}

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

  private Deployment deployScript(
      String script,
      String flowName,
      JsonNode document,
      DeployOptions options,
      Function<String, Optional<String>> secrets,
      String savepoint,
      String resumedFrom) {
    List<String> jobs = runScript(script, options, secrets, savepoint, DEPLOYMENT_DEFAULTS);
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
            savepoint));
    return new Deployment(jobId, jobName, restUrl);
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
    return runScript(script, options, secrets, savepoint, Map.of());
  }

  /**
   * Settings of a deployed job unless its SQL sets them: it restarts after a failure a few times,
   * and checkpoints.
   */
  static final Map<String, String> DEPLOYMENT_DEFAULTS =
      Map.of(
          "restart-strategy.type", "fixed-delay",
          "restart-strategy.fixed-delay.attempts", "3",
          "restart-strategy.fixed-delay.delay", "10 s",
          "execution.checkpointing.interval", "60 s");

  private List<String> runScript(
      String script,
      DeployOptions options,
      Function<String, Optional<String>> secrets,
      String savepoint,
      Map<String, String> defaults) {
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
                    null));
    if (jobs.isEmpty()) {
      throw new DeployException("None of the SQL statements starts a job.");
    }
    return jobs;
  }

  /** The cluster's parallelism.default (1 when it sets none). */
  String clusterDefaultParallelism() {
    for (JsonNode entry : rest.get("/jobmanager/config")) {
      if ("parallelism.default".equals(entry.path("key").asText())) {
        String value = entry.path("value").asText("1").strip();
        return value.matches("\\d+") ? value : "1";
      }
    }
    return "1";
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

  /** Every job the cluster knows, newest first, with what Eddy remembers of each. */
  public List<JobInfo> jobs() {
    JsonNode overview = rest.get("/jobs/overview");
    Map<String, JobRegistry.JobRecord> known = new LinkedHashMap<>();
    for (JobRegistry.JobRecord r : registry.all()) {
      known.put(r.jobId(), r);
    }
    List<JobInfo> out = new ArrayList<>();
    for (JsonNode job : overview.path("jobs")) {
      String id = job.path("jid").asText();
      JobRegistry.JobRecord record = known.get(id);
      out.add(
          new JobInfo(
              id,
              job.path("name").asText(),
              job.path("state").asText(),
              Instant.ofEpochMilli(job.path("start-time").asLong()),
              Duration.ofMillis(Math.max(0, job.path("duration").asLong())),
              record == null ? null : record.flowName(),
              record == null ? null : record.savepointPath()));
    }
    out.sort(Comparator.comparing(JobInfo::startTime).reversed());
    return out;
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
        throw new UnknownJobException(
            "The Flink cluster at " + restUrl + " knows no job " + jobId + ".");
      }
      throw e;
    }
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
                        new JobRegistry.JobRecord(
                            jobId,
                            restUrl,
                            null,
                            null,
                            jobName(jobId).orElse(null),
                            null,
                            null,
                            0,
                            List.of(),
                            null,
                            null,
                            null,
                            null,
                            null))
                .withSavepoint(location, Instant.now().toString());
        registry.put(updated);
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

  /** Cancels a job (no savepoint). */
  public void cancel(String jobId) {
    String state = state(jobId);
    if (ENDED_STATES.contains(state)) {
      throw new JobStateException("Job " + jobId + " has already ended (" + state + ").");
    }
    try {
      rest.patch("/jobs/" + jobId + "?mode=cancel");
    } catch (FlinkRest.FlinkRestException e) {
      if (e.status() == 404) {
        throw new UnknownJobException(
            "The Flink cluster at " + restUrl + " knows no job " + jobId + ".");
      }
      throw e;
    }
  }

  /**
   * Starts a stopped job's flow again from the savepoint it was stopped with: the same SQL (its
   * secret references resolved again), restored from that state, as a new job.
   */
  public Deployment resume(
      String jobId, DeployOptions options, Function<String, Optional<String>> secrets) {
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
                            + "; only jobs Eddy deployed can be resumed."));
    if (record.savepointPath() == null) {
      throw new JobStateException(
          "Job "
              + jobId
              + " was not stopped with a savepoint: stop it with a savepoint first (Stop with"
              + " savepoint in the jobs view, or `eddy jobs stop "
              + jobId
              + " --savepoint`).");
    }
    for (JobRegistry.JobRecord other : registry.all()) {
      if (jobId.equals(other.resumedFrom()) && restUrl.equals(other.flinkUrl())) {
        String state;
        try {
          state = state(other.jobId());
        } catch (DeployException gone) {
          continue;
        }
        if (!ENDED_STATES.contains(state)) {
          throw new JobStateException(
              "Job "
                  + jobId
                  + " was already resumed as job "
                  + other.jobId()
                  + ", which is "
                  + state
                  + ".");
        }
      }
    }
    if (record.sql() == null) {
      throw new JobStateException(
          "Eddy does not know the SQL of job " + jobId + ", so it cannot be resumed.");
    }
    DeployOptions effective =
        new DeployOptions(
            options.name() != null ? options.name() : record.jobName(),
            options.parallelism() > 0 ? options.parallelism() : record.parallelism(),
            options.jars().isEmpty() ? record.jars() : options.jars(),
            null,
            options.flowId() != null ? options.flowId() : record.flowId());
    return deployScript(
        record.sql(),
        record.flowName(),
        record.flow(),
        effective,
        secrets,
        record.savepointPath(),
        jobId);
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
