package io.eddy.engine.flowtest;

import static io.eddy.engine.flowtest.Flows.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The expected-events comparison and the fixture line forms, without a cluster. */
class ComparatorAndFixturesTest {

  @Test
  void orderIsIgnoredAndNumbersCompareByValue() throws Exception {
    var actual = events("{\"a\": 1, \"b\": 2.50}", "{\"a\": 2, \"b\": 1e1}");
    var expected = events("{\"a\": 2.0, \"b\": 10}", "{\"b\": 2.5, \"a\": 1}");
    ExpectedEventsComparator.Comparison c = ExpectedEventsComparator.compare(actual, expected);
    assertThat(c.matches()).as(c.difference()).isTrue();
    assertThat(c.difference()).isEmpty();
  }

  @Test
  void timestampFormsAndAbsentOrNullPropertiesAreEqual() throws Exception {
    var actual = events("{\"t\": \"2023-05-21 14:47:20.742\", \"x\": null}");
    var expected = events("{\"t\": \"2023-05-21T14:47:20.742Z\"}");
    assertThat(ExpectedEventsComparator.compare(actual, expected).matches()).isTrue();
  }

  @Test
  void duplicatesCount() throws Exception {
    var c =
        ExpectedEventsComparator.compare(events("{\"a\": 1}"), events("{\"a\": 1}", "{\"a\": 1}"));
    assertThat(c.matches()).isFalse();
    assertThat(c.missing()).hasSize(1);
  }

  @Test
  void theDifferenceListsMissingAndUnexpectedEventsAndWhatDiffers() throws Exception {
    var actual =
        events(
            "{\"region\": \"EMEA\", \"total\": 4}",
            "{\"region\": \"NA\", \"total\": 1}",
            "{\"region\": \"APAC\", \"total\": 9}");
    var expected =
        events(
            "{\"region\": \"EMEA\", \"total\": 3}",
            "{\"region\": \"NA\", \"total\": 1.0}",
            "{\"region\": \"SA\", \"total\": 2}");
    ExpectedEventsComparator.Comparison c = ExpectedEventsComparator.compare(actual, expected);
    assertThat(c.matches()).isFalse();
    assertThat(c.difference())
        .isEqualTo(
            "The output differs from the expected events: expected 3 events, got 3; 2 expected"
                + " events are missing and 2 events are unexpected.\n"
                + "Missing (expected, not in the output):\n"
                + "  - {\"region\":\"EMEA\",\"total\":3}\n"
                + "    closest output event differs in total (expected 3, got 4)\n"
                + "  - {\"region\":\"SA\",\"total\":2}\n"
                + "Unexpected (in the output, not expected):\n"
                + "  + {\"region\":\"EMEA\",\"total\":4}\n"
                + "  + {\"region\":\"APAC\",\"total\":9}\n");
  }

  @Test
  void fixtureLineForms() throws Exception {
    List<FixtureEvents.Message> m =
        FixtureEvents.parse(
            List.of(
                "{\"id\": 1}",
                "",
                "{\"value\": {\"id\": 2}, \"timestamp\": \"2024-01-01 10:00:00.000\", \"key\": \"k\"}",
                "{\"value\": {\"id\": 3}, \"timestamp\": \"2024-01-01T10:00:00.5Z\"}",
                "{\"value\": {\"id\": 4}, \"timestamp\": 1704103200000}",
                "{\"raw\": \"not json at all\"}",
                "{\"value\": 5, \"other\": true}"),
            "f.jsonl");
    assertThat(m).hasSize(6);
    assertThat(text(m.get(0).value())).isEqualTo("{\"id\": 1}");
    assertThat(m.get(0).timestamp()).isNull();
    assertThat(text(m.get(1).value())).isEqualTo("{\"id\":2}");
    assertThat(m.get(1).timestamp()).isEqualTo(1704103200000L);
    assertThat(text(m.get(1).key())).isEqualTo("k");
    assertThat(m.get(2).timestamp()).isEqualTo(1704103200500L);
    assertThat(m.get(3).timestamp()).isEqualTo(1704103200000L);
    assertThat(text(m.get(4).value())).isEqualTo("not json at all");
    // A bare object that merely has a "value" property among others is a value itself.
    assertThat(text(m.get(5).value())).isEqualTo("{\"value\": 5, \"other\": true}");
  }

  @Test
  void badFixtureLinesSayWhere() {
    assertThatThrownBy(() -> FixtureEvents.parse(List.of("{\"a\": 1}", "{oops"), "orders.jsonl"))
        .isInstanceOf(FlowTestException.class)
        .hasMessageStartingWith("Line 2 of orders.jsonl is not JSON")
        .hasMessageContaining("{\"raw\": \"...\"}");
    assertThatThrownBy(() -> FixtureEvents.parse(List.of("[1]"), "o.jsonl"))
        .hasMessage("Line 1 of o.jsonl is not a JSON object.");
    assertThatThrownBy(
            () -> FixtureEvents.parse(List.of("{\"value\": {}, \"timestamp\": \"soon\"}"), "o"))
        .hasMessageContaining("timestamp `soon` is neither");
  }

  @Test
  void timestampsAreFormattedWithMilliseconds() {
    assertThat(FlowTestRunner.formatTimestamp("2023-05-21 14:47:20"))
        .isEqualTo("2023-05-21 14:47:20.000");
    assertThat(FlowTestRunner.formatTimestamp("2023-05-21 14:47:20.5"))
        .isEqualTo("2023-05-21 14:47:20.500");
    assertThat(FlowTestRunner.formatTimestamp("2023-05-21T14:47:20.742Z"))
        .isEqualTo("2023-05-21 14:47:20.742");
    assertThat(FlowTestRunner.formatTimestamp("not a time")).isEqualTo("not a time");
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
