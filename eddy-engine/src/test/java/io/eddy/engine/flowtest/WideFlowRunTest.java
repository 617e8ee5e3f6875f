package io.eddy.engine.flowtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A wide flow runs with a run's setting for Flink's code splitter (FlinkEngine's {@code
 * GENERATED_METHOD_MAX_LENGTH}, docs/engine.md): a source of 300 properties (10 of them timestamps)
 * and a transform computing 100 expressions. Unsplit, the generated Calc of this flow has a method
 * of over 64 KB of bytecode, which Janino refuses to compile (measured by running this test with
 * the setting at 10,000,000), so the run gives its events only because classes longer than the
 * setting are still split.
 */
class WideFlowRunTest {
  static final int PROPERTIES = 290;
  static final int TIMESTAMPS = 10;
  static final int EXPRESSIONS = 100;
  static final String[] TYPES = {"STRING", "DOUBLE", "INTEGER", "BOOLEAN", "BIGINT"};

  /**
   * Property {@code p<i>}: of type TYPES[i % 5]; expression {@code e<i>}: see {@link #expected}.
   */
  static String flow() {
    List<String> properties = new ArrayList<>();
    for (int i = 0; i < PROPERTIES; i++) {
      properties.add("{\"name\": \"p" + i + "\", \"type\": \"" + TYPES[i % TYPES.length] + "\"}");
    }
    for (int i = 0; i < TIMESTAMPS; i++) {
      properties.add("{\"name\": \"t" + i + "\", \"type\": \"TIMESTAMP\"}");
    }
    List<String> expressions = new ArrayList<>();
    for (int i = 0; i < EXPRESSIONS; i++) {
      int k = 5 * (i % (PROPERTIES / 5)); // a group of five properties, one of each type
      String expression =
          switch (i % 4) {
            case 0 -> "p" + (k + 1) + " * " + i + " + p" + (k + 2);
            case 1 -> "UPPER(p" + k + ") || '-" + i + "'";
            case 2 -> "CASE WHEN p" + (k + 2) + " > " + i + " THEN 'high' ELSE 'low' END";
            default -> "p" + (k + 4) + " + " + i;
          };
      expressions.add("{\"name\": \"e" + i + "\", \"expression\": \"" + expression + "\"}");
    }
    return """
        {"format": "eddy-flow", "version": 2, "name": "Wide", "nodes": [
          {"id": "s", "type": "source", "name": "Wide", "config": {
            "kafka": {"bootstrapServers": ["localhost:9092"], "topic": "WIDE"},
            "properties": [%s], "eventTime": {"property": "t0"}}},
          {"id": "t", "type": "transform", "name": "Compute", "config": {"properties": [%s]}},
          {"id": "out", "type": "destination", "name": "Out", "config": {
            "kafka": {"bootstrapServers": ["localhost:9092"], "topic": "WIDE.OUT"}}}],
         "edges": [{"from": "s", "to": "t"}, {"from": "t", "to": "out"}]}
        """
        .formatted(String.join(", ", properties), String.join(", ", expressions));
  }

  /** Event {@code n}: p<i> is "s<n>-<i>", n + 0.5, n * 10, n is odd, or n * 1000 by type. */
  static String event(int n) {
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < PROPERTIES; i++) {
      String value =
          switch (i % TYPES.length) {
            case 0 -> "\"s" + n + "-" + i + "\"";
            case 1 -> String.valueOf(n + 0.5);
            case 2 -> String.valueOf(n * 10);
            case 3 -> String.valueOf(n % 2 == 1);
            default -> String.valueOf(n * 1000L);
          };
      fields.add("\"p" + i + "\": " + value);
    }
    for (int i = 0; i < TIMESTAMPS; i++) {
      fields.add("\"t" + i + "\": \"2024-03-04T09:0" + (i % 10) + ":25Z\"");
    }
    return "{" + String.join(", ", fields) + "}";
  }

  /** What expression {@code e<i>} gives for event {@code n}, as JSON text. */
  static String expected(int i, int n) {
    return switch (i % 4) {
      case 0 -> String.valueOf((n + 0.5) * i + n * 10);
      case 1 -> "\"S" + n + "-" + 5 * (i % (PROPERTIES / 5)) + "-" + i + "\"";
      case 2 -> n * 10 > i ? "\"high\"" : "\"low\"";
      default -> String.valueOf(n * 1000L + i);
    };
  }

  @Test
  void aWideFlowRunsAndGivesItsEvents() throws Exception {
    FlowTestResult result =
        Flows.runner()
            .runLines(
                Flows.read(flow()),
                Map.of("Wide", List.of(event(1), event(2), event(3))),
                Optional.empty());
    assertThat(result.events()).hasSize(3);
    for (ObjectNode e : result.events()) {
      int n = Integer.parseInt(e.get("p2").asText()) / 10;
      assertThat(e.size()).isEqualTo(PROPERTIES + TIMESTAMPS + EXPRESSIONS);
      assertThat(e.get("p285").asText()).isEqualTo("s" + n + "-285");
      assertThat(e.get("p289").asLong()).isEqualTo(n * 1000L);
      assertThat(e.get("t9").asText()).isEqualTo("2024-03-04 09:09:25.000");
      for (int i = 0; i < EXPRESSIONS; i++) {
        assertThat(e.get("e" + i).toString()).as("e%d of event %d", i, n).isEqualTo(expected(i, n));
      }
    }
    assertThat(result.events().stream().map(e -> e.get("p2").asInt()))
        .containsExactlyInAnyOrder(10, 20, 30);
  }
}
