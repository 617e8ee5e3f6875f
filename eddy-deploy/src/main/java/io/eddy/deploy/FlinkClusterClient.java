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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Deploys flows to a Flink session cluster and changes their jobs: deploy, stop with savepoint,
 * cancel, resume.
 *
 * <p>A flow is deployed as its SQL export (the deployable artifact), run by a {@link ScriptRunner}
 * the way Flink's SQL client runs a file, with its {@code ${NAME}} secret references resolved at
 * deploy time. The {@link JobRegistry} remembers each job's flow, SQL and savepoint, so a job
 * stopped with a savepoint, failed or lost can be resumed; {@link #jobs()} reads the cluster's
 * jobs.
 */
public final class FlinkClusterClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static FlowAnalyzer analyzer;

  private final String restUrl;
  private final FlinkRest rest;
  private final JobRegistry registry;
  private final ClusterJobs cluster;
  private final ScriptRunner scripts;

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

  public FlinkClusterClient(String restUrl, JobRegistry registry) {
    this.rest = new FlinkRest(restUrl);
    this.restUrl = rest.baseUrl();
    this.registry = registry;
    this.cluster = new ClusterJobs(rest, registry);
    this.scripts = new ScriptRunner(rest);
  }

  /** The cluster's jobs as Flink reports them, with what Eddy remembers of each. */
  public ClusterJobs jobs() {
    return cluster;
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
    Map<String, String> clusterConfig = scripts.clusterConfiguration();
    List<String> jobs =
        scripts.runScript(
            script,
            // Eddy's own formats go with the job when it uses them (not remembered: a resume
            // adds them again, from the process that resumes it).
            options.withJars(FormatsJar.addIfUsed(script, options.jars())),
            secrets,
            options.restoreFrom(),
            ScriptRunner.deploymentDefaults(options),
            prefix,
            clusterConfig);
    if (jobs.size() != 1) {
      throw new DeployException(
          "The SQL starts "
              + jobs.size()
              + " jobs; a deployment is one job (put several INSERTs in a statement set).");
    }
    String jobId = jobs.get(0);
    String jobName =
        cluster.jobName(jobId).orElse(options.name() != null ? options.name() : flowName);
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
   * Stops a job with a savepoint (Flink's stop: sources end, state is saved, the job finishes) and
   * remembers the savepoint for {@link #resume}.
   *
   * @param targetDirectory where to write it; null for the cluster's savepoint directory
   * @return the savepoint's path
   */
  public String stopWithSavepoint(String jobId, String targetDirectory, Duration timeout) {
    String state = cluster.state(jobId);
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
                        JobRegistry.JobRecord.unknown(
                            jobId, restUrl, cluster.jobName(jobId).orElse(null)))
                .withSavepoint(location, Instant.now().toString());
        registry.put(updated);
        // Flink finishes the job a moment after the savepoint completes: wait for that, so that
        // "stopped" is true when this returns and a resume right after is not refused.
        try {
          cluster.awaitState(
              jobId,
              ClusterJobs.ENDED_STATES,
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
      ClusterJobs.sleep(250);
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
      state = cluster.state(jobId);
    } catch (LostJobException lost) {
      registry.put(registry.find(jobId).orElseThrow().withCancelled(Instant.now().toString()));
      return false;
    }
    if (ClusterJobs.ENDED_STATES.contains(state)) {
      throw new JobStateException("Job " + jobId + " has already ended (" + state + ").");
    }
    try {
      rest.patch("/jobs/" + jobId + "?mode=cancel");
    } catch (FlinkRest.FlinkRestException e) {
      if (e.status() == 404) {
        throw cluster.unknownJob(jobId);
      }
      throw e;
    }
    registry.find(jobId).ifPresent(r -> registry.put(r.withCancelled(Instant.now().toString())));
    // Flink cancels asynchronously: wait until the job has ended, so that "cancelled" is true when
    // this returns (a resume right after says it was cancelled, not that it is running).
    try {
      cluster.awaitState(jobId, ClusterJobs.ENDED_STATES, Duration.ofSeconds(30));
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
    ClusterJobs.checkId(jobId);
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
      state = cluster.state(jobId);
    } catch (LostJobException | UnknownJobException gone) {
      state = ClusterJobs.LOST;
    }
    if (!ClusterJobs.ENDED_STATES.contains(state) && !ClusterJobs.LOST.equals(state)) {
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
          otherState = cluster.state(other.jobId());
        } catch (DeployException gone) {
          continue;
        }
        if (!ClusterJobs.ENDED_STATES.contains(otherState)) {
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
    if (path == null && !Set.of("FAILED", ClusterJobs.LOST).contains(state)) {
      // Cancelled or finished on purpose: its state is not picked up again unless named.
      Optional<String> retained = cluster.restorePoint(record);
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
      path = cluster.restorePoint(record).orElse(null);
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
}
