package io.eddy.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What Eddy remembers about the jobs it deployed, in one JSON file ({@code jobs.json} under the
 * data directory): per job id its flow (the document, credentials as references), the SQL it ran
 * (the export, references unresolved) and, once stopped with one, its savepoint. No secret value is
 * ever written here.
 */
public final class JobRegistry {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  /**
   * One deployed job.
   *
   * @param jobId Flink's job id
   * @param flinkUrl the REST address of the cluster it runs on
   * @param flowId the id of the stored flow it was deployed from (by the server); null otherwise,
   *     and in registries written before it existed
   * @param flowName the flow's name
   * @param jobName the Flink job name
   * @param flow the flow document with credentials as references (null when deployed from SQL)
   * @param sql the SQL script that was deployed, credentials as references
   * @param parallelism the default parallelism it was deployed with (0: the cluster's)
   * @param jars connector jars shipped with it
   * @param deployedAt ISO-8601 instant
   * @param savepointPath the savepoint it was stopped with, when it was
   * @param stoppedAt ISO-8601 instant of the stop with savepoint
   * @param resumedFrom the job this one resumes (from that job's savepoint or checkpoint)
   * @param restoredFrom the savepoint or checkpoint this job started from
   * @param delivery the delivery guarantee it was deployed with ({@code exactly-once} or {@code
   *     at-least-once}); null for the default and in registries written before it existed
   * @param checkpointInterval the checkpoint interval it was deployed with, e.g. {@code 10 s}; null
   *     for the default
   * @param checkpointRetention {@code retain} or {@code delete}; null for the default
   * @param transactionalIdPrefix the prefix of its Kafka transactions, kept by its resumptions
   * @param checkpointDir the directory its checkpoints are retained in ({@code DIR/JOB_ID/chk-N})
   * @param cancelledAt ISO-8601 instant Eddy cancelled it (a cancelled job is not shown as lost)
   */
  public record JobRecord(
      String jobId,
      String flinkUrl,
      String flowId,
      String flowName,
      String jobName,
      JsonNode flow,
      String sql,
      int parallelism,
      List<String> jars,
      String deployedAt,
      String savepointPath,
      String stoppedAt,
      String resumedFrom,
      String restoredFrom,
      String delivery,
      String checkpointInterval,
      String checkpointRetention,
      String transactionalIdPrefix,
      String checkpointDir,
      String cancelledAt) {
    /** A record of a job Eddy did not deploy (only its id, cluster and name are known). */
    public static JobRecord unknown(String jobId, String flinkUrl, String jobName) {
      return new JobRecord(
          jobId, flinkUrl, null, null, jobName, null, null, 0, List.of(), null, null, null, null,
          null, null, null, null, null, null, null);
    }

    /** The delivery settings it was deployed with (null fields: the defaults). */
    public DeliverySettings deliverySettings() {
      return DeliverySettings.parse(delivery, checkpointInterval, checkpointRetention);
    }

    public JobRecord withCancelled(String at) {
      return withEnd(savepointPath, stoppedAt, at);
    }

    public JobRecord withSavepoint(String path, String at) {
      return withEnd(path, at, cancelledAt);
    }

    /** This record with how the job was ended: stopped with a savepoint, or cancelled. */
    private JobRecord withEnd(String savepointPath, String stoppedAt, String cancelledAt) {
      return new JobRecord(
          jobId,
          flinkUrl,
          flowId,
          flowName,
          jobName,
          flow,
          sql,
          parallelism,
          jars,
          deployedAt,
          savepointPath,
          stoppedAt,
          resumedFrom,
          restoredFrom,
          delivery,
          checkpointInterval,
          checkpointRetention,
          transactionalIdPrefix,
          checkpointDir,
          cancelledAt);
    }
  }

  private record Content(List<JobRecord> jobs) {}

  private final Path file;

  public JobRegistry(Path file) {
    this.file = file.toAbsolutePath();
  }

  /** The registry under {@code dataDir} ({@code dataDir/jobs.json}). */
  public static JobRegistry in(Path dataDir) {
    return new JobRegistry(dataDir.resolve("jobs.json"));
  }

  /** {@code ~/.eddy}, Eddy's default data directory. */
  public static Path defaultDataDir() {
    return Paths.get(System.getProperty("user.home"), ".eddy");
  }

  public Path file() {
    return file;
  }

  public synchronized List<JobRecord> all() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      Content content = JSON.readValue(file.toFile(), Content.class);
      return content.jobs() == null ? List.of() : List.copyOf(content.jobs());
    } catch (IOException e) {
      throw new DeployException(
          "The job registry " + file + " cannot be read (" + e.getMessage() + ").", e);
    }
  }

  public Optional<JobRecord> find(String jobId) {
    return all().stream().filter(r -> r.jobId().equals(jobId)).findFirst();
  }

  /** Adds or replaces the record of {@code record.jobId()}. */
  public synchronized void put(JobRecord record) {
    List<JobRecord> jobs = new ArrayList<>(all());
    jobs.removeIf(r -> r.jobId().equals(record.jobId()));
    jobs.add(record);
    write(jobs);
  }

  private void write(List<JobRecord> jobs) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), new Content(jobs));
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new DeployException(
          "The job registry " + file + " cannot be written (" + e.getMessage() + ").", e);
    }
  }
}
