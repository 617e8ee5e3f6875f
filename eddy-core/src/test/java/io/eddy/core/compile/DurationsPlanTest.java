package io.eddy.core.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.FlowBuilder;
import io.eddy.core.TestFlows;
import io.eddy.core.model.Duration;
import io.eddy.core.model.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every duration unit, large values and negative offsets give intervals Flink accepts. */
class DurationsPlanTest {

  @Test
  void interval_literals() {
    assertThat(new Duration(5L, TimeUnit.SECOND).toSqlInterval())
        .isEqualTo("INTERVAL '5' SECOND(2)");
    assertThat(new Duration(1500L, TimeUnit.MILLISECOND).toSqlInterval())
        .isEqualTo("INTERVAL '1.500' SECOND(2, 3)");
    assertThat(new Duration(240L, TimeUnit.MINUTE).toSqlInterval())
        .isEqualTo("INTERVAL '240' MINUTE(3)");
    assertThat(new Duration(-30L, TimeUnit.MINUTE).toSqlInterval())
        .isEqualTo("INTERVAL '-30' MINUTE(2)");
  }

  @ParameterizedTest
  @CsvSource({
    "500,MILLISECOND,250,MILLISECOND",
    "90,SECOND,30,SECOND",
    "240,MINUTE,120,MINUTE",
    "36,HOUR,12,HOUR",
    "2,DAY,1,DAY"
  })
  void windows_and_delays_of_every_unit_are_planned(
      long size, String unit, long slide, String slideUnit) throws Exception {
    String source =
        FlowBuilder.ORDERS_CONFIG.replace(
            "'eventTimeDelay': {'value': 5, 'unit': 'SECOND'}",
            "'eventTimeDelay': {'value': " + slide + ", 'unit': '" + slideUnit + "'}");
    var flow =
        FlowBuilder.flow()
            .node("orders", "source", "Orders", source)
            .node(
                "a",
                "aggregate",
                "A",
                "{'window': {'timeProperty': 'ordertime', 'size': {'value': "
                    + size
                    + ", 'unit': '"
                    + unit
                    + "'}, 'slide': {'value': "
                    + slide
                    + ", 'unit': '"
                    + slideUnit
                    + "'}}, 'aggregates': [{'function': 'COUNT'}]}")
            .node("c", "source", "C", source.replace("ORDERS.NEW", "C"))
            .node(
                "j",
                "intervalJoin",
                "J",
                "{'condition': '`A`.`COUNT` = `C`.`quantity`', 'window': {'detect': {'input': 'C', 'property': 'ordertime'},"
                    + " 'anchor': {'input': 'A', 'property': 'aggregateResultTime'}, 'start': {'value': -"
                    + size
                    + ", 'unit': '"
                    + unit
                    + "'},"
                    + " 'end': {'value': "
                    + slide
                    + ", 'unit': '"
                    + slideUnit
                    + "'}}, 'output': {'remove': ['C.id', 'C.customer', 'C.price', 'C.quantity', 'C.region']}}")
            .edge("orders", "a")
            .edge("a", "j", "left")
            .edge("c", "j", "right")
            .build();
    var report = TestFlows.ANALYZER.report(flow);
    assertThat(report.nodes()).allSatisfy(n -> assertThat(n.messages()).as(n.name()).isEmpty());
    CompiledFlow compiled = TestFlows.COMPILER.compile(flow, CompileOptions.export());
    assertThat(ExamplesPlanTest.Planning.explain(compiled))
        .contains("== Optimized Execution Plan ==");
  }
}
