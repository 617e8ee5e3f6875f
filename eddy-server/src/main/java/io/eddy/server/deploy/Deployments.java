package io.eddy.server.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eddy.core.model.Flow;
import io.eddy.deploy.ClusterJobs;
import io.eddy.deploy.ClusterJobs.JobInfo;
import io.eddy.deploy.DeliverySettings;
import io.eddy.deploy.DeployException;
import io.eddy.deploy.FlinkClusterClient;
import io.eddy.deploy.FlinkClusterClient.DeployOptions;
import io.eddy.deploy.JobRegistry;
import io.eddy.deploy.JobRegistry.JobRecord;
import io.eddy.deploy.Secrets;
import io.eddy.server.FlowService;
import io.eddy.server.ServiceException;
import io.eddy.server.store.StoredFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploying stored flows to the Flink cluster the server uses (its embedded MiniCluster or the
 * {@code --flink} cluster) and managing their jobs, through eddy-deploy's {@link
 * FlinkClusterClient}. Jobs are remembered in {@code <dataDir>/jobs.json} with the id of their
 * flow, so a stopped job is resumed with its flow's current credentials. Secret values are only put
 * into the submitted statements: never logged, stored or answered.
 */
public final class Deployments {
  private static final Logger LOG = LoggerFactory.getLogger(Deployments.class);
  static final Duration START_WAIT = Duration.ofSeconds(20);
  static final Duration SAVEPOINT_WAIT = Duration.ofSeconds(60);
  static final Duration END_WAIT = Duration.ofSeconds(20);

  private final FlowService flows;
  private final FlinkClusterClient client;
  private final String savepointDirectory;
  private final Map<String, String> environment;
  private final Predicate<String> isRunJob;

  /** A job just started (deployed or resumed), and whether it runs. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Started(
      String jobId, String jobName, String flinkUrl, String state, String error) {}

  /**
   * @param flinkRestUrl the cluster's REST address
   * @param embeddedFlink whether it is the server's own MiniCluster: its savepoints go to {@code
   *     <dataDir>/savepoints}; a remote cluster writes them to its own savepoint directory
   * @param environment where secret references not filled by the flow come from
   * @param isRunJob whether a job is one of the server's own runs from the canvas: those are
   *     stopped from their flow and are not listed as jobs
   */
  public Deployments(
      FlowService flows,
      String flinkRestUrl,
      boolean embeddedFlink,
      Path dataDir,
      Map<String, String> environment,
      Predicate<String> isRunJob) {
    this.flows = flows;
    this.client = new FlinkClusterClient(flinkRestUrl, JobRegistry.in(dataDir));
    this.savepointDirectory =
        embeddedFlink ? dataDir.resolve("savepoints").toAbsolutePath().toUri().toString() : null;
    this.environment = Map.copyOf(environment);
    this.isRunJob = isRunJob;
  }

  public String flinkUrl() {
    return client.restUrl();
  }

  /**
   * Deploys a stored flow and waits until its tasks run (or it fails, or {@link #START_WAIT}).
   *
   * @param name the job name, null for the flow's
   * @param parallelism at least 1, or 0 for the cluster's default
   * @param delivery the delivery guarantee and checkpointing (null fields: the defaults)
   */
  public Started deploy(String flowId, String name, int parallelism, DeliverySettings delivery) {
    StoredFlow stored = flows.store().get(flowId);
    flows.requireValid(stored, "be deployed");
    DeployOptions options =
        DeployOptions.defaults()
            .withName(name)
            .withParallelism(parallelism)
            .withFlowId(flowId)
            .withDelivery(delivery);
    FlinkClusterClient.Deployment deployment =
        client.deploy(stored.flow(), options, secrets(stored.flow()));
    LOG.info("Flow {} deployed as job {} on {}", stored.name(), deployment.jobId(), flinkUrl());
    return started(deployment);
  }

  /** Every job the cluster knows but the server's own runs, newest first. */
  public List<JobView> jobs() {
    return views(jobId -> true);
  }

  /**
   * The views of the {@code wanted} jobs. Every job's state is read (a job's actions depend on the
   * jobs resumed from it), but Flink's failure reason only for the wanted ones.
   */
  private List<JobView> views(Predicate<String> wanted) {
    List<JobInfo> infos =
        client.jobs().list().stream().filter(info -> !isRunJob.test(info.jobId())).toList();
    List<JobRecord> registry = client.registry().all();
    Map<String, JobRecord> records = new HashMap<>();
    registry.forEach(r -> records.put(r.jobId(), r));
    Map<String, String> states = new HashMap<>();
    infos.forEach(i -> states.put(i.jobId(), i.state()));
    return infos.stream()
        .filter(info -> wanted.test(info.jobId()))
        .map(
            info -> {
              JobRecord record = records.get(info.jobId());
              String error =
                  ClusterJobs.FAILING_STATES.contains(info.state())
                      ? failure(info.jobId(), record)
                      : null;
              return JobView.of(info, record, registry, states, error);
            })
        .toList();
  }

  /** One job; 404 when the cluster does not know it. */
  public JobView job(String jobId) {
    checkId(jobId);
    return views(jobId::equalsIgnoreCase).stream()
        .findFirst()
        .orElseThrow(
            () ->
                new ServiceException(
                    ServiceException.Reason.NOT_FOUND,
                    "The Flink cluster at " + flinkUrl() + " knows no job " + jobId + "."));
  }

  /** Stops a running job with a savepoint; answers it once it has ended. */
  public JobView stop(String jobId) {
    checkId(jobId);
    String savepoint = client.stopWithSavepoint(jobId, savepointDirectory, SAVEPOINT_WAIT);
    LOG.info("Job {} stopped with savepoint {}", jobId, savepoint);
    awaitEnd(jobId);
    return job(jobId);
  }

  /** Starts a stopped job's flow again from its savepoint, as a new job. */
  public Started resume(String jobId) {
    checkId(jobId);
    Flow flow = client.registry().find(jobId).map(this::flowOf).orElse(null);
    FlinkClusterClient.Deployment deployment =
        client.resume(jobId, DeployOptions.defaults(), secrets(flow), null);
    LOG.info("Job {} resumed as job {}", jobId, deployment.jobId());
    return started(deployment);
  }

  /**
   * Cancels a job that has not ended (its retained checkpoint stays unless it was deployed with
   * retention "delete"); a lost job is forgotten instead, and answered as it was last listed with
   * no actions left.
   */
  public JobView cancel(String jobId) {
    checkId(jobId);
    JobView before = job(jobId);
    if (!client.cancel(jobId)) {
      LOG.info("Lost job {} forgotten", jobId);
      return before.withoutActions();
    }
    LOG.info("Job {} cancelled", jobId);
    awaitEnd(jobId);
    return job(jobId);
  }

  private Started started(FlinkClusterClient.Deployment deployment) {
    String state = client.jobs().awaitStarted(deployment.jobId(), START_WAIT);
    String error =
        ClusterJobs.FAILING_STATES.contains(state)
            ? failure(deployment.jobId(), client.registry().find(deployment.jobId()).orElse(null))
            : null;
    return new Started(
        deployment.jobId(), deployment.jobName(), deployment.restUrl(), state, error);
  }

  /** Flink's failure reason, with the values of the job's secret references masked. */
  private String failure(String jobId, JobRecord record) {
    return client.jobs().failureReason(jobId, secrets(record == null ? null : flowOf(record)));
  }

  /** The stored flow a job was deployed from, when it was and the flow still exists. */
  private Flow flowOf(JobRecord record) {
    return record.flowId() == null
        ? null
        : flows.store().find(record.flowId()).map(StoredFlow::flow).orElse(null);
  }

  private Secrets secrets(Flow flow) {
    return FlowSecrets.of(flow, environment);
  }

  private void awaitEnd(String jobId) {
    try {
      client.jobs().awaitState(jobId, ClusterJobs.ENDED_STATES, END_WAIT);
    } catch (DeployException e) {
      // Answer the job as it is; its state shows that it has not ended yet.
      LOG.warn("Job {} has not ended yet: {}", jobId, e.getMessage());
    }
  }

  private static void checkId(String jobId) {
    if (!ClusterJobs.isJobId(jobId)) {
      throw new ServiceException(
          ServiceException.Reason.MALFORMED,
          "`" + jobId + "` is not a Flink job id (32 hexadecimal digits).");
    }
  }
}
