package io.eddy.engine;

import java.time.Instant;

/**
 * A run's status from Flink.
 *
 * @param jobId Flink's job id (hex)
 * @param state starting, running, finished, failed or stopped
 * @param error Flink's failure reason as one readable sentence when failed, else null
 * @param startedAt when Flink accepted the job, null when unknown
 * @param endedAt when the job ended, null while it runs
 */
public record RunStatus(
    String jobId, RunState state, String error, Instant startedAt, Instant endedAt) {}
