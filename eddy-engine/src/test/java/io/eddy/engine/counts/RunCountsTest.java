package io.eddy.engine.counts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counts as the API answers them, from the records of the counts topic. */
class RunCountsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static void accept(RunCounts counts, String node, String kind, String property, long n)
      throws Exception {
    counts.accept(
        JSON.readTree(
            JSON.writeValueAsString(
                Map.of("node", node, "kind", kind, "property", property, "n", n))));
  }

  /**
   * While the flow's job is still starting, the counting reader may have read the whole topic and
   * the source emitted nothing: skipped says what the source skips, not what it has yet to read.
   */
  @Test
  void skippedIsWhatTheSourceSkipsNotWhatItHasNotReadYet() throws Exception {
    RunCounts counts = new RunCounts();
    accept(counts, "orders", "in", "", 13);
    accept(counts, "orders", "skipped", "", 3);
    accept(counts, "orders", "out", "", 0);
    accept(counts, "orders", "nulled", "customer.age", 1);
    assertThat(counts.toMap())
        .containsEntry(
            "orders",
            Map.of("in", 13L, "out", 0L, "skipped", 3L, "nulled", Map.of("customer.age", 1L)));
  }
}
