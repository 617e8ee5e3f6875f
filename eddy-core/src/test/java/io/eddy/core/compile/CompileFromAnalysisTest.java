package io.eddy.core.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.TestFlows;
import io.eddy.core.analysis.ExpressionChecker;
import io.eddy.core.analysis.FlowAnalysis;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.model.Property;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compiling works from the analysis: every node's SQL is written from what its analysis found
 * (columns, event time, changelog keys), so compiling asks Flink's planner nothing, and compiling a
 * flow (rather than its analysis) analyses it exactly once.
 */
class CompileFromAnalysisTest {

  /** Flink's planner (the tests' shared one), counting what it is asked. */
  static final class CountingChecker implements ExpressionChecker {
    private final ExpressionChecker planner = TestFlows.ANALYZER.expressions();
    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public List<Result> check(
        LinkedHashMap<String, List<Property>> relations, List<String> expressions) {
      calls.incrementAndGet();
      return planner.check(relations, expressions);
    }

    @Override
    public QueryResult checkQuery(LinkedHashMap<String, List<Property>> relations, String query) {
      calls.incrementAndGet();
      return planner.checkQuery(relations, query);
    }

    int calls() {
      return calls.get();
    }
  }

  static Stream<Path> examples() {
    return TestFlows.exampleFiles().stream();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void compiling_an_analysis_asks_the_planner_nothing(Path file) throws Exception {
    CountingChecker planner = new CountingChecker();
    FlowAnalyzer analyzer = new FlowAnalyzer(planner);
    FlowAnalysis analysis = analyzer.analyse(TestFlows.read(file));
    int analysing = planner.calls();

    // Every part of a run's script: the flow, the results tap and the counts.
    CompiledFlow compiled =
        new SqlCompiler(analyzer)
            .compile(
                analysis,
                CompileOptions.export()
                    .withTap(new CompileOptions.Tap(null, "eddy-results", "localhost:9092"))
                    .withCounts(new CompileOptions.Counts("eddy-counts", "localhost:9092")));

    assertThat(compiled.statements()).isNotEmpty();
    assertThat(planner.calls()).as("planner calls while compiling").isEqualTo(analysing);
  }

  @ParameterizedTest
  @MethodSource("examples")
  void compiling_a_flow_analyses_it_once(Path file) throws Exception {
    CountingChecker planner = new CountingChecker();
    FlowAnalyzer analyzer = new FlowAnalyzer(planner);
    analyzer.analyse(TestFlows.read(file));
    int oneAnalysis = planner.calls();

    new SqlCompiler(analyzer).compile(TestFlows.read(file), CompileOptions.export());

    assertThat(planner.calls()).isEqualTo(2 * oneAnalysis);
  }
}
