package io.eddy.core.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.TestFlows;
import io.eddy.core.analysis.FlowReport;
import io.eddy.core.model.Flow;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example flow is valid, and Flink plans its exported SQL with the real connectors. */
class ExamplesPlanTest {

  static Stream<Path> examples() {
    return TestFlows.exampleFiles().stream();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void example_is_valid_and_its_sql_is_planned_by_flink(Path file) throws Exception {
    Flow flow = TestFlows.read(file);
    FlowReport report = TestFlows.ANALYZER.report(flow);
    assertThat(report.problems()).isEmpty();
    assertThat(report.nodes()).allSatisfy(n -> assertThat(n.messages()).as(n.name()).isEmpty());
    assertThat(report.valid()).isTrue();

    CompiledFlow compiled = TestFlows.COMPILER.compile(flow, CompileOptions.export());
    assertThat(Planning.explain(compiled)).contains("== Optimized Execution Plan ==");
  }

  /** Runs DDL and EXPLAINs the final statement, as the SQL client would before submitting. */
  static final class Planning {
    static String explain(CompiledFlow compiled) {
      TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
      compiled.settings().forEach(env.getConfig()::set);
      List<String> statements = compiled.statements();
      for (int i = 0; i < statements.size() - 1; i++) {
        env.executeSql(statements.get(i).replace("${", "{"));
      }
      String last = statements.get(statements.size() - 1).replace("${", "{");
      if (last.startsWith("EXECUTE ")) {
        // A statement set (destination plus results tap) is explained as the SQL client would.
        var rows = env.executeSql("EXPLAIN " + last.substring("EXECUTE ".length())).collect();
        return rows.next().getField(0).toString();
      }
      return env.explainSql(last);
    }
  }
}
