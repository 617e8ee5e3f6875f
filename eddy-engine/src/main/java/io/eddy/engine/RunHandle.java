package io.eddy.engine;

import java.time.Instant;

/**
 * A submitted run.
 *
 * @param jobId Flink's job id (hex), the key for {@link FlinkEngine#status} and {@link
 *     FlinkEngine#stop}
 * @param name the job name
 * @param submittedAt when the engine submitted the job
 */
public record RunHandle(String jobId, String name, Instant submittedAt) {}
