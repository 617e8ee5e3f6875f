package io.eddy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.eddy.engine.Errors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The jobs of one Flink cluster as its REST API reports them, joined with what Eddy's {@link
 * JobRegistry} remembers of the jobs it deployed there: listing, states, waiting for a state, why a
 * job failed, and what a job that no longer runs would be resumed from. Changing jobs is {@link
 * FlinkClusterClient}'s.
 */
public final class ClusterJobs {
  /** Flink's globally terminal job states: nothing runs, nothing will restart. */
  public static final Set<String> ENDED_STATES = Set.of("FINISHED", "CANCELED", "FAILED");

  /** The job states in which Flink has a failure to report. */
  public static final Set<String> FAILING_STATES = Set.of("FAILED", "FAILING", "RESTARTING");

  /** The state of a job Eddy deployed that the cluster does not know (any more). */
  public static final String LOST = "LOST";

  /** The state of a job Eddy stopped with a savepoint that the cluster does not know any more. */
  public static final String STOPPED = "STOPPED";

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

  private final FlinkRest rest;
  private final String restUrl;
  private final JobRegistry registry;

  ClusterJobs(FlinkRest rest, JobRegistry registry) {
    this.rest = rest;
    this.restUrl = rest.baseUrl();
    this.registry = registry;
  }

  /**
   * Every job the cluster knows, and every job Eddy deployed to it that it no longer knows ({@link
   * #LOST}, or {@link #STOPPED} after a stop with savepoint), newest first, with what Eddy
   * remembers of each. Jobs that were resumed or that Eddy cancelled are not listed once the
   * cluster has forgotten them.
   */
  public List<JobInfo> list() {
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
  Optional<String> restorePoint(JobRegistry.JobRecord record) {
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

  Optional<String> jobName(String jobId) {
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
  DeployException unknownJob(String jobId) {
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

  /** Whether {@code text} has the form of a Flink job id (32 hexadecimal digits). */
  public static boolean isJobId(String text) {
    return text != null && text.matches("[0-9a-fA-F]{32}");
  }

  static void checkId(String jobId) {
    if (!isJobId(jobId)) {
      throw new DeployException("`" + jobId + "` is not a Flink job id (32 hexadecimal digits).");
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeployException("Interrupted while waiting for Flink.", e);
    }
  }
}
