package io.eddy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.runtime.jobmanager.scheduler.NoResourceAvailableException;
import org.apache.flink.util.SerializedThrowable;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: a run that finds no free slot fails in Flink with its own words, deep in a chain of
 * serialized exceptions; the run's status says plainly what happened and what to do.
 */
class NoSlotMessageTest {
  private static final String SENTENCE =
      "The Flink cluster has no free task slot for this run: every slot is taken by other runs,"
          + " previews or deployments; stop one of them and start this run again.";

  @Test
  void the_adaptive_and_the_default_schedulers_no_slot_failures_become_one_sentence() {
    // as the adaptive scheduler fails a job (the failure arrives serialized from the JobManager)
    Throwable adaptive =
        new SerializedThrowable(
            new RuntimeException(
                "Job failed",
                new SerializedThrowable(
                    new NoResourceAvailableException(
                        "Could not acquire the minimum required resources."))));
    assertThat(FlinkEngine.readable(adaptive)).isEqualTo(SENTENCE);
    // the default scheduler's words
    Throwable bulk =
        new RuntimeException(
            new java.util.concurrent.TimeoutException(
                "Slot request bulk is not fulfillable! Could not allocate the required slot within"
                    + " slot request timeout"));
    assertThat(FlinkEngine.readable(bulk)).isEqualTo(SENTENCE);
  }

  @Test
  void other_failures_keep_their_own_reason() {
    assertThat(FlinkEngine.readable(new RuntimeException(new IllegalStateException("disk full"))))
        .isEqualTo("Disk full.");
  }
}
