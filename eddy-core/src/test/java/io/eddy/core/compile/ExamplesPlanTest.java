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

  /**
   * A flow whose nodes all work on each event alone plans without watermarks (nothing waits for
   * event time); one with a window, join, pattern or versioned enrichment keeps a watermark on its
   * sources, and an unpacked array or a database enrichment before a window does not take it away.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "emea-orders.json, false",
    "orders-with-customer-country.json, false",
    "app-orders-keyed-by-customer.json, false",
    "hourly-sales-by-region.json, true",
    "online-revenue-per-item.json, true",
    "orders-with-customer-tier.json, true",
    "transactions-not-completed.json, true"
  })
  void only_flows_that_wait_for_event_time_plan_watermarks(String example, boolean waits)
      throws Exception {
    Flow flow = TestFlows.read(TestFlows.examples().resolve(example));
    CompiledFlow compiled = TestFlows.COMPILER.compile(flow, CompileOptions.export());
    String sql = String.join("\n", compiled.statements());
    assertThat(sql.contains("WATERMARK FOR")).isEqualTo(waits);
    assertThat(sql.contains("'scan.watermark.emit.strategy' = 'on-event'")).isEqualTo(waits);
    // The optimized plan: the source scan carries the watermark or there is none at all.
    assertThat(Planning.explain(compiled).toLowerCase(java.util.Locale.ROOT).contains("watermark"))
        .isEqualTo(waits);
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
