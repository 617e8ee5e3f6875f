package io.eddy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.engine.bench.ExportBench;
import io.eddy.engine.bench.ExportBench.QueryResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark suite's smoke (issue 12), so that it cannot rot: every query of {@link ExportBench}
 * once on each side over 20,000 orders, on the shared broker and MiniCluster, the two sides of a
 * query at once. Asserts only that the sides agree on the records out, never a speed.
 */
class ExportBenchSmokeTest {
  @Test
  void every_query_gives_the_same_records_as_eddy_flow_and_as_hand_written_sql() throws Exception {
    List<QueryResult> results =
        ExportBench.suite(Shared.kafka(), Shared.engine(), 20_000, 1, true, System.out);

    assertThat(results)
        .extracting(r -> r.query().substring(0, r.query().indexOf(' ')))
        .containsExactly("q0", "q1", "q2", "q2", "q5", "q7", "q19");
    for (QueryResult r : results) {
      assertThat(r.eddyOut()).as(r.query()).isPositive().isEqualTo(r.otherOut());
    }
    // pass-through and transform keep every order; the filter keeps some, not all
    assertThat(results.get(0).eddyOut()).isEqualTo(20_000);
    assertThat(results.get(1).eddyOut()).isEqualTo(20_000);
    assertThat(results.get(2).eddyOut()).isBetween(1L, 19_999L);
  }
}
