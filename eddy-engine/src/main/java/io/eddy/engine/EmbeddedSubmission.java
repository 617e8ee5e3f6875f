package io.eddy.engine;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * Submits a table environment's job straight to this process's embedded {@link MiniCluster} ({@code
 * execution.target = eddy-embedded}), instead of through the cluster's REST API: the job's graph is
 * handed over in memory, not serialised into a file and uploaded over HTTP, and the submission
 * returns once the dispatcher has accepted the job, not after polling until it has initialised.
 * Status, stop and results still go through the REST API, as for a remote cluster.
 *
 * <p>Flink finds this factory through {@code META-INF/services}; the cluster a configuration means
 * is named by {@value #CLUSTER_KEY}, registered by {@link #register} when the embedded cluster
 * starts. It also notes when the planner handed the job over ({@link #lastHandedOver}), which
 * splits a start's time into planning and submission (docs/performance.md).
 */
public final class EmbeddedSubmission implements PipelineExecutorFactory {
  /** The {@code execution.target} that selects this executor. */
  public static final String TARGET = "eddy-embedded";

  static final String CLUSTER_KEY = "eddy.embedded-cluster";

  private static final ConfigOption<String> CLUSTER =
      ConfigOptions.key(CLUSTER_KEY).stringType().noDefaultValue();

  private static final Map<String, MiniCluster> CLUSTERS = new ConcurrentHashMap<>();

  // Per thread: the table environment plans and hands the job over on the caller's thread.
  private static final ThreadLocal<long[]> HANDED_OVER = ThreadLocal.withInitial(() -> new long[1]);

  /** Makes a started cluster reachable for submissions; returns the key naming it. */
  static String register(MiniCluster cluster) {
    String key = UUID.randomUUID().toString();
    CLUSTERS.put(key, cluster);
    return key;
  }

  static void unregister(String key) {
    CLUSTERS.remove(key);
  }

  /** Sets {@code conf} to submit to the registered cluster {@code key}. */
  static void target(Configuration conf, String key) {
    conf.set(DeploymentOptions.TARGET, TARGET);
    conf.set(CLUSTER, key);
  }

  /**
   * {@link System#nanoTime} at which the planner last handed a job to this executor on the calling
   * thread (0 before any).
   */
  static long lastHandedOver() {
    return HANDED_OVER.get()[0];
  }

  @Override
  public String getName() {
    return TARGET;
  }

  @Override
  public boolean isCompatibleWith(Configuration configuration) {
    return TARGET.equalsIgnoreCase(configuration.get(DeploymentOptions.TARGET));
  }

  @Override
  public PipelineExecutor getExecutor(Configuration configuration) {
    return (pipeline, conf, userCodeClassLoader) -> {
      HANDED_OVER.get()[0] = System.nanoTime();
      String key = conf.get(CLUSTER);
      MiniCluster cluster = key == null ? null : CLUSTERS.get(key);
      if (cluster == null) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("The embedded Flink cluster is not running."));
      }
      StreamGraph graph = PipelineExecutorUtils.getStreamGraph(pipeline, conf);
      // as Flink's own local executor does: the graph's functions travel serialised, so that a
      // task gets its own copy, as it would from a remote client
      graph.serializeUserDefinedInstances();
      return cluster
          .submitJob(graph)
          .thenApply(
              submitted ->
                  (JobClient)
                      new MiniClusterJobClient(
                          submitted.getJobID(),
                          cluster,
                          userCodeClassLoader,
                          MiniClusterJobClient.JobFinalizationBehavior.NOTHING));
    };
  }
}
