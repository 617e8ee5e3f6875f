package io.eddy.server.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eddy.deploy.ClusterJobs;
import io.eddy.deploy.ClusterJobs.JobInfo;
import io.eddy.deploy.DeliverySettings;
import io.eddy.deploy.JobRegistry.JobRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A job as the API shows it: Flink's view joined with what Eddy remembers, and the actions it
 * allows, decided here so that clients need no rules of their own. Nulls are written out: every
 * field is always present.
 *
 * @param state Flink's status string (RUNNING, FINISHED, CANCELED, FAILED, RESTARTING, ...), or
 *     LOST for a job deployed from Eddy that the cluster no longer runs nor knows (its JobManager
 *     restarted without high availability), or STOPPED for one stopped with a savepoint that the
 *     cluster has forgotten since
 * @param flowId the stored flow it was deployed from, null when not deployed from this server
 * @param checkpointPath for a job that no longer runs (failed, cancelled, lost): the retained
 *     checkpoint a resume restores
 * @param delivery the delivery guarantee it was deployed with: exactly-once or at-least-once (null
 *     when not deployed from Eddy)
 * @param resumedFrom the job whose savepoint this one started from
 * @param resumedAs the newest job started from this one's savepoint
 * @param error Flink's failure reason while FAILED, FAILING or RESTARTING
 * @param actions a subset of {@code stop}, {@code cancel}, {@code resume}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobView(
    String jobId,
    String name,
    String state,
    String startTime,
    long durationMs,
    String flowId,
    String flowName,
    String savepointPath,
    String checkpointPath,
    String delivery,
    String resumedFrom,
    String resumedAs,
    String error,
    List<String> actions) {

  /**
   * @param record what Eddy remembers of the job, or null
   * @param registry every record (to find the jobs resumed from this one)
   * @param states Flink's state of every job the cluster knows, by id
   * @param error the failure reason (for FAILING states), or null
   */
  static JobView of(
      JobInfo info,
      JobRecord record,
      List<JobRecord> registry,
      Map<String, String> states,
      String error) {
    List<JobRecord> resumptions =
        registry.stream()
            .filter(r -> info.jobId().equals(r.resumedFrom()))
            .sorted(Comparator.comparing(r -> r.deployedAt() == null ? "" : r.deployedAt()))
            .toList();
    String resumedAs =
        resumptions.isEmpty() ? null : resumptions.get(resumptions.size() - 1).jobId();
    // A resumed job the cluster no longer knows has ended as far as a new resumption goes.
    boolean resumedJobActive =
        resumptions.stream()
            .map(r -> states.get(r.jobId()))
            .anyMatch(s -> s != null && !ClusterJobs.ENDED_STATES.contains(s));
    String savepoint = record == null ? info.savepointPath() : record.savepointPath();

    List<String> actions = new ArrayList<>();
    if ("RUNNING".equals(info.state())) {
      actions.add("stop");
    }
    boolean lost = ClusterJobs.LOST.equals(info.state());
    boolean gone =
        lost
            || ClusterJobs.STOPPED.equals(info.state())
            || ClusterJobs.ENDED_STATES.contains(info.state());
    if (!gone || lost) {
      // Cancelling a lost job forgets it (its checkpoints stay).
      actions.add("cancel");
    }
    boolean restartable =
        savepoint != null
            || (info.checkpointPath() != null
                && (lost || ClusterJobs.FAILING_STATES.contains(info.state())));
    if (restartable && record != null && record.sql() != null && gone && !resumedJobActive) {
      actions.add("resume");
    }
    return new JobView(
        info.jobId(),
        info.name(),
        info.state(),
        info.startTime().toString(),
        info.duration().toMillis(),
        record == null ? null : record.flowId(),
        record == null ? info.flowName() : record.flowName(),
        savepoint,
        info.checkpointPath(),
        record == null
            ? null
            : record.delivery() != null
                ? record.delivery()
                : record.sql() != null ? DeliverySettings.DEFAULT_GUARANTEE.value() : null,
        record == null ? null : record.resumedFrom(),
        resumedAs,
        error,
        List.copyOf(actions));
  }

  /** The same view with no actions left (a lost job just forgotten). */
  JobView withoutActions() {
    return new JobView(
        jobId,
        name,
        state,
        startTime,
        durationMs,
        flowId,
        flowName,
        savepointPath,
        checkpointPath,
        delivery,
        resumedFrom,
        resumedAs,
        error,
        List.of());
  }
}
