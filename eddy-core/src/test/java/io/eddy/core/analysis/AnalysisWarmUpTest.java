package io.eddy.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The start-up warm-up checks valid expressions (not error paths) and stops at its budget. */
class AnalysisWarmUpTest {

  @Test
  void every_node_of_the_warm_up_flows_is_valid() {
    FlowAnalyzer analyzer = new FlowAnalyzer(new FlinkExpressionChecker());
    for (int pass : new int[] {0, 1, 37}) {
      FlowReport report = analyzer.report(AnalysisWarmUp.flow(pass));
      assertThat(report.nodes()).hasSize(61);
      assertThat(report.nodes())
          .allSatisfy(node -> assertThat(node.problems()).as(node.id()).isEmpty());
    }
  }

  @Test
  void each_pass_checks_expressions_of_its_own() {
    assertThat(AnalysisWarmUp.flow(0).nodes().get(1).config())
        .isNotEqualTo(AnalysisWarmUp.flow(1).nodes().get(1).config());
  }

  @Test
  void stops_at_its_passes_or_its_budget() {
    assertThat(AnalysisWarmUp.run(2, Duration.ofMinutes(1), () -> false)).isEqualTo(2);
    assertThat(AnalysisWarmUp.run(1000, Duration.ZERO, () -> false)).isZero();
  }

  @Test
  void waits_while_a_run_is_starting() {
    AtomicInteger asked = new AtomicInteger();
    // a run starting for the first three questions, then none
    int done = AnalysisWarmUp.run(1, Duration.ofMinutes(1), () -> asked.incrementAndGet() <= 3);
    assertThat(done).isEqualTo(1);
    assertThat(asked.get()).isEqualTo(4);
    assertThat(AnalysisWarmUp.run(5, Duration.ofMillis(500), () -> true)).isZero();
  }
}
