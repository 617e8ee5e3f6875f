package io.eddy.core.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.TestFlows;
import org.junit.jupiter.api.Test;

class TapTest {

  @Test
  void tapping_a_destination_copies_its_input_not_its_topic() throws Exception {
    CompiledFlow compiled =
        TestFlows.COMPILER.compile(
            TestFlows.example("emea-orders"),
            CompileOptions.export()
                .withTap(new CompileOptions.Tap("out", "eddy-results-1", "localhost:9999")));
    String last = compiled.statements().get(compiled.statements().size() - 1);
    assertThat(last)
        .startsWith("EXECUTE STATEMENT SET")
        .contains("INSERT INTO `Publish EMEA orders`");
    assertThat(last).contains("INSERT INTO `eddy results`").endsWith("FROM `EMEA orders`;\nEND");
    assertThat(compiled.outputNodeId()).isEqualTo("out");
    // Results show timestamps with exactly three fraction digits.
    assertThat(last)
        .contains(
            "DATE_FORMAT(CAST(`ordertime` AS TIMESTAMP(3)), 'yyyy-MM-dd HH:mm:ss.SSS') AS `ordertime`");
    assertThat(ExamplesPlanTest.Planning.explain(compiled))
        .contains("== Optimized Execution Plan ==");
  }

  @Test
  void tapping_a_middle_node_of_a_flow_without_destination() throws Exception {
    CompiledFlow compiled =
        TestFlows.COMPILER.compile(
            TestFlows.example("high-value-emea-orders"),
            CompileOptions.export()
                .withTap(new CompileOptions.Tap("total", "t", "localhost:9999")));
    String last = compiled.statements().get(compiled.statements().size() - 1);
    assertThat(last).contains("FROM `Order total`");
    assertThat(compiled.output()).extracting(p -> p.name()).contains("total");
  }
}
