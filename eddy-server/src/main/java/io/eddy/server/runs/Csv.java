package io.eddy.server.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.eddy.engine.EventJson;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Events (JSON objects) as RFC 4180 CSV: a header line, then one line per event. Nested objects and
 * arrays are their JSON text; numbers are written as the event has them (a DECIMAL 19.90 stays
 * 19.90, never a double's nearest value).
 */
final class Csv {
  private Csv() {}

  static String write(List<String> columns, List<String> events) {
    List<JsonNode> parsed = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>(columns);
    for (String e : events) {
      try {
        JsonNode n = EventJson.MAPPER.readTree(e);
        n.fieldNames().forEachRemaining(names::add);
        parsed.add(n);
      } catch (Exception ignored) {
        // every kept event is a JSON object
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(String.join(",", names.stream().map(Csv::cell).toList())).append("\r\n");
    for (JsonNode n : parsed) {
      List<String> cells = new ArrayList<>();
      for (String name : names) {
        JsonNode v = n.get(name);
        cells.add(v == null || v.isNull() ? "" : cell(v.isValueNode() ? v.asText() : v.toString()));
      }
      out.append(String.join(",", cells)).append("\r\n");
    }
    return out.toString();
  }

  static String cell(String value) {
    if (value.contains(",")
        || value.contains("\"")
        || value.contains("\n")
        || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
