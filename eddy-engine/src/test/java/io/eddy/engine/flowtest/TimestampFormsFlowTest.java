package io.eddy.engine.flowtest;

import static io.eddy.engine.flowtest.Flows.assertOutput;
import static io.eddy.engine.flowtest.Flows.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Timestamps in every form of SPEC §2b, read by a source and written out by a destination, and each
 * form used as the event time. All times below name 2024-03-04 09:03:25 UTC (plus a fraction where
 * written), so the expected outputs are the same instant in every column.
 */
class TimestampFormsFlowTest {

  static String flow(String eventTime) {
    return """
        {"format": "eddy-flow", "version": 2, "name": "Times", "nodes": [
          {"id": "s", "type": "source", "name": "Times", "config": {
            "kafka": {"bootstrapServers": ["localhost:9092"], "topic": "TIMES"},
            "properties": [
              {"name": "id", "type": "STRING"},
              {"name": "iso", "type": "TIMESTAMP"},
              {"name": "ms", "type": "TIMESTAMP_LTZ", "format": "epochMillis"},
              {"name": "secs", "type": "TIMESTAMP", "format": "epochSeconds"},
              {"name": "local", "type": "TIMESTAMP", "format": "pattern", "pattern": "dd/MM/yyyy HH:mm:ss"}],
            "eventTime": {"property": "EVENT_TIME"}}},
          {"id": "out", "type": "destination", "name": "Out", "config": {
            "kafka": {"bootstrapServers": ["localhost:9092"], "topic": "TIMES.OUT"}}}],
         "edges": [{"from": "s", "to": "out"}]}
        """
        .replace("EVENT_TIME", eventTime);
  }

  /**
   *
   *
   * <pre>
   * e1 iso …09:03:25Z            ms number 1709543005000       secs number  local 04/03/2024 09:03:25
   * e2 iso …10:03:25+01:00       ms text "1709543005000"       secs text    → all 09:03:25
   * e3 iso …04:03:25.250-05:00   ms 1709543005250 (.250)       → iso and ms 09:03:25.250
   * e4 iso …14:33:25+05:30       local "04-03-2024 09:03:25" does not fit the pattern → null
   * e5 iso SQL form …09:03:25.742  ms "soon" is not a number → null
   * </pre>
   */
  static final List<String> FIXTURE =
      List.of(
          "{\"id\": \"e1\", \"iso\": \"2024-03-04T09:03:25Z\", \"ms\": 1709543005000,"
              + " \"secs\": 1709543005, \"local\": \"04/03/2024 09:03:25\"}",
          "{\"id\": \"e2\", \"iso\": \"2024-03-04T10:03:25+01:00\", \"ms\": \"1709543005000\","
              + " \"secs\": \"1709543005\", \"local\": \"04/03/2024 09:03:25\"}",
          "{\"id\": \"e3\", \"iso\": \"2024-03-04T04:03:25.250-05:00\", \"ms\": 1709543005250,"
              + " \"secs\": 1709543005, \"local\": \"04/03/2024 09:03:25\"}",
          "{\"id\": \"e4\", \"iso\": \"2024-03-04T14:33:25+05:30\", \"ms\": 1709543005000,"
              + " \"secs\": 1709543005, \"local\": \"04-03-2024 09:03:25\"}",
          "{\"id\": \"e5\", \"iso\": \"2024-03-04 09:03:25.742\", \"ms\": \"soon\","
              + " \"secs\": 1709543005, \"local\": \"04/03/2024 09:03:25\"}");

  static final String T = "2024-03-04 09:03:25.000";

  static String out(String id, String iso, String ms, String local) {
    return "{\"id\": \""
        + id
        + "\", \"iso\": \""
        + iso
        + "\", \"ms\": "
        + (ms == null ? "null" : "\"" + ms + "\"")
        + ", \"secs\": \""
        + T
        + "\", \"local\": "
        + (local == null ? "null" : "\"" + local + "\"")
        + "}";
  }

  static final String E1 = out("e1", T, T, T);
  static final String E2 = out("e2", T, T, T);
  static final String E3 = out("e3", "2024-03-04 09:03:25.250", "2024-03-04 09:03:25.250", T);
  static final String E4 = out("e4", T, T, null);
  static final String E5 = out("e5", "2024-03-04 09:03:25.742", null, T);

  static FlowTestResult run(String eventTime) throws Exception {
    return Flows.runner()
        .runLines(Flows.read(flow(eventTime)), Map.of("Times", FIXTURE), Optional.empty());
  }

  /** Every ISO offset (Z, +01:00, -05:00, +05:30) and the SQL form name the same instant. */
  @Test
  void isoOffsetsAsEventTime() throws Exception {
    assertOutput(run("iso"), events(E1, E2, E3, E4, E5));
  }

  /** Epoch milliseconds as number and as numeric text; e5's "soon" has no event time: skipped. */
  @Test
  void epochMillisAsEventTime() throws Exception {
    assertOutput(run("ms"), events(E1, E2, E3, E4));
  }

  /** A pattern; e4's time does not fit it: no event time, skipped. */
  @Test
  void patternAsEventTime() throws Exception {
    assertOutput(run("local"), events(E1, E2, E3, E5));
  }

  /**
   * The forms {@code auto} reads by its fixed pattern and those only the general path reads: both
   * paths must give the same instant to the millisecond (never the digits beyond it), null for what
   * is not a time, and the event is skipped when it has no event time.
   */
  @Test
  void autoReadsEveryFormToTheMillisecond() throws Exception {
    String flow =
        """
        {"format": "eddy-flow", "version": 2, "name": "Auto", "nodes": [
          {"id": "s", "type": "source", "name": "Auto", "config": {
            "kafka": {"bootstrapServers": ["localhost:9092"], "topic": "AUTO"},
            "properties": [{"name": "id", "type": "STRING"}, {"name": "t", "type": "TIMESTAMP"},
                           {"name": "at", "type": "TIMESTAMP_LTZ"}],
            "eventTime": {"property": "t"}}},
          {"id": "out", "type": "destination", "name": "Out", "config": {
            "kafka": {"bootstrapServers": ["localhost:9092"], "topic": "AUTO.OUT"}}}],
         "edges": [{"from": "s", "to": "out"}]}
        """;
    List<String[]> cases =
        List.of(
            new String[] {"sql-ms", "2024-03-04 09:03:25.250", "2024-03-04 09:03:25.250"},
            new String[] {"sql-s", "2024-03-04 09:03:25", T},
            new String[] {"sql-us", "2024-03-04 09:03:25.250999", "2024-03-04 09:03:25.250"},
            new String[] {"sql-tenth", "2024-03-04 09:03:25.2", "2024-03-04 09:03:25.200"},
            new String[] {"iso-local", "2024-03-04T09:03:25", T},
            new String[] {"iso-ms-z", "2024-03-04T09:03:25.250Z", "2024-03-04 09:03:25.250"},
            new String[] {"iso-us-z", "2024-03-04T09:03:25.250999Z", "2024-03-04 09:03:25.250"},
            new String[] {"iso-offset", "2024-03-04T10:03:25.250+01:00", "2024-03-04 09:03:25.250"},
            new String[] {"sql-z", "2024-03-04 09:03:25Z", T},
            // beside the common shape (TimestampReading.COMMON_SHAPE): the general path reads them
            new String[] {"iso-cs-z", "2024-03-04T09:03:25.25Z", "2024-03-04 09:03:25.250"},
            new String[] {"iso-tenth-z", "2024-03-04T09:03:25.2Z", "2024-03-04 09:03:25.200"},
            new String[] {"iso-us-local", "2024-03-04T09:03:25.250999", "2024-03-04 09:03:25.250"},
            // the common shape with a field out of range: null, not a neighbouring day
            new String[] {"month-13", "2024-13-04 09:03:25", null},
            new String[] {"hour-25", "2024-03-04T25:03:25.250Z", null},
            new String[] {"date", "2024-03-04", "2024-03-04 00:00:00.000"},
            new String[] {"date-short", "2024-3-4", "2024-03-04 00:00:00.000"},
            new String[] {"bad", "2024-03-04 09:03:25 and more", null},
            new String[] {"word", "soon", null});
    List<String> in = new java.util.ArrayList<>();
    List<String> out = new java.util.ArrayList<>();
    for (String[] c : cases) {
      in.add("{\"id\": \"" + c[0] + "\", \"t\": \"" + c[1] + "\", \"at\": \"" + c[1] + "\"}");
      if (c[2] != null) {
        out.add("{\"id\": \"" + c[0] + "\", \"t\": \"" + c[2] + "\", \"at\": \"" + c[2] + "\"}");
      }
    }
    assertOutput(
        Flows.runner().runLines(Flows.read(flow), Map.of("Auto", in), Optional.empty()),
        events(out.toArray(String[]::new)));
  }
}
