package io.eddy.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventBufferTest {
  @Test
  void keeps_the_latest_events_with_growing_sequence_numbers() {
    EventBuffer buffer = new EventBuffer(1_000);
    for (int i = 1; i <= 1_500; i++) {
      buffer.add("{\"n\":" + i + "}");
    }
    assertThat(buffer.size()).isEqualTo(1_000);
    var all = buffer.after(0);
    assertThat(all).hasSize(1_000);
    assertThat(all.get(0).seq()).isEqualTo(501);
    assertThat(all.get(0).json()).isEqualTo("{\"n\":501}");
    assertThat(all.get(999).seq()).isEqualTo(1_500);
    assertThat(buffer.after(1_490))
        .extracting(EventBuffer.Entry::seq)
        .startsWith(1_491L)
        .hasSize(10);
  }

  @Test
  void clearing_forgets_events_but_not_the_sequence() {
    EventBuffer buffer = new EventBuffer(3);
    buffer.add("a");
    buffer.add("b");
    buffer.clear();
    assertThat(buffer.after(0)).isEmpty();
    assertThat(buffer.add("c").seq()).isEqualTo(3);
  }

  @Test
  void csv_quotes_what_needs_quoting_and_keeps_columns_in_output_order() {
    String csv =
        Csv.write(
            java.util.List.of("id", "note"),
            java.util.List.of(
                "{\"note\":\"a, \\\"b\\\"\",\"id\":\"1\"}", "{\"id\":\"2\",\"extra\":3}"));
    assertThat(csv).isEqualTo("id,note,extra\r\n1,\"a, \"\"b\"\"\",\r\n2,,3\r\n");
  }

  @Test
  void csv_writes_nested_values_as_json_text_and_numbers_exactly() {
    String csv =
        Csv.write(
            java.util.List.of("id", "customer", "items", "total"),
            java.util.List.of(
                "{\"id\":\"o-1\",\"customer\":{\"country\":\"DE\"},"
                    + "\"items\":[{\"sku\":\"JE-01\",\"price\":19.90}],"
                    + "\"total\":12345678901234567.89}"));
    assertThat(csv)
        .isEqualTo(
            "id,customer,items,total\r\n"
                + "o-1,\"{\"\"country\"\":\"\"DE\"\"}\","
                + "\"[{\"\"sku\"\":\"\"JE-01\"\",\"\"price\"\":19.90}]\","
                + "12345678901234567.89\r\n");
  }
}
