package io.eddy.engine.flowtest;

import static io.eddy.engine.flowtest.Flows.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `eddy test` uses: a runner with a broker and a MiniCluster of its own. */
class StandaloneRunnerTest {
  @TempDir Path dir;

  @Test
  void runsAFlowOnItsOwnBrokerAndClusterAndStopsThem() throws Exception {
    Path orders = dir.resolve("orders.jsonl");
    Files.writeString(
        orders,
        order("s1", "EMEA", 1.0, 1, "2023-05-21 10:00:00.000")
            + "\n"
            + order("s2", "NA", 1.0, 1, "2023-05-21 10:00:01.000")
            + "\n");
    try (FlowTestRunner runner = FlowTestRunner.standalone(dir.resolve("work"))) {
      FlowTestResult result =
          runner.run(Flows.example("emea-orders.json"), Map.of("Orders", orders), Optional.empty());
      assertThat(result.events()).extracting(e -> e.get("id").asText()).containsExactly("s1");
    }
    assertThat(dir.resolve("work/kafka/kraft-logs/meta.properties")).exists();
  }
}
