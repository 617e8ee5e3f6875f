package io.eddy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.compile.SqlCompiler;
import io.eddy.core.model.Flow;
import io.eddy.engine.EmbeddedKafka;
import io.eddy.engine.FlinkEngine;
import io.eddy.engine.flowtest.ExpectedEventsComparator;
import io.eddy.engine.flowtest.FlowTestException;
import io.eddy.engine.flowtest.FlowTestResult;
import io.eddy.engine.flowtest.FlowTestRunner;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eddy test FLOW.json --events NODE=FILE.jsonl ... [--expect FILE.jsonl] [--node NAME]
 * [--out FILE]}: runs the flow on fixture events on an embedded broker and MiniCluster.
 */
@Command(
    name = "test",
    description =
        "Runs a flow against fixture events (JSON lines per source) and prints or checks its output.")
final class TestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FLOW.json", description = "The flow document.")
  Path file;

  @Option(
      names = "--events",
      paramLabel = "NODE=FILE.jsonl",
      required = true,
      description =
          "The events of a source node (by name), one JSON object per line. Repeat per source.")
  Map<String, Path> events = new LinkedHashMap<>();

  @Option(
      names = "--expect",
      paramLabel = "FILE.jsonl",
      description = "Compare the output with these events (order ignored).")
  Path expect;

  @Option(
      names = "--node",
      paramLabel = "NAME",
      description = "Print the output of this node instead of the last one.")
  String node;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the output events to FILE instead of standard output.")
  Path out;

  @Option(
      names = "--with-metadata",
      description =
          "Print what the event destination wrote, one message per line with its key and headers:"
              + " {\"key\": ..., \"headers\": {...}, \"value\": {...}}.")
  boolean withMetadata;

  @Option(
      names = "--stats",
      description =
          "Also print, on standard error, what each node counted: messages read, skipped (not JSON,"
              + " or no readable event time) and values nulled per property for sources, events"
              + " dropped as late for windows, events out for every node.")
  boolean stats;

  @Option(
      names = "--flink",
      paramLabel = "URL",
      description =
          "Run on this Flink session cluster (REST URL; it needs the Kafka, JSON and JDBC connectors,"
              + " as 'eddy cluster start' gives) instead of an embedded MiniCluster.")
  URI flink;

  @Override
  public Integer call() throws Exception {
    Flow flow = FlowFiles.read(file);
    for (Map.Entry<String, Path> e : events.entrySet()) {
      if (!Files.isRegularFile(e.getValue())) {
        throw new CliException(
            "the events of `" + e.getKey() + "`: " + e.getValue() + ": no such file.");
      }
    }
    List<ObjectNode> expected = null;
    try {
      if (expect != null) {
        expected = ExpectedEventsComparator.readExpected(expect);
      }
      Path workDir = Files.createTempDirectory("eddy-test-");
      FlowTestResult result;
      try {
        result = flink == null ? runEmbedded(flow, workDir) : runOnCluster(flow, workDir);
      } finally {
        deleteQuietly(workDir);
      }
      if (withMetadata && result.written().isEmpty() && !result.events().isEmpty()) {
        throw new CliException(
            "--with-metadata shows what an event destination wrote, but `"
                + result.nodeName()
                + "` is not an event destination.");
      }
      String lines = withMetadata ? result.writtenLines() : result.jsonLines();
      if (out == null) {
        spec.commandLine().getOut().print(lines);
        spec.commandLine().getOut().flush();
      } else {
        Files.writeString(out, lines, StandardCharsets.UTF_8);
      }
      if (stats) {
        spec.commandLine().getErr().print(RunStats.text(flow, result.counts()));
        spec.commandLine().getErr().flush();
      }
      if (expected != null) {
        var comparison = ExpectedEventsComparator.compare(result.events(), expected);
        if (!comparison.matches()) {
          spec.commandLine()
              .getErr()
              .println(
                  "eddy: the output of `" + result.nodeName() + "` differs from " + expect + ":");
          spec.commandLine().getErr().println(comparison.difference());
          spec.commandLine().getErr().flush();
          return EddyCli.WRONG_INPUT;
        }
        spec.commandLine()
            .getErr()
            .println(
                "The output of `"
                    + result.nodeName()
                    + "` matches "
                    + expect
                    + " ("
                    + expected.size()
                    + " events).");
        spec.commandLine().getErr().flush();
      }
      return EddyCli.OK;
    } catch (FlowTestException e) {
      throw new CliException(e.getMessage());
    }
  }

  private FlowTestResult runEmbedded(Flow flow, Path workDir) throws FlowTestException {
    try (FlowTestRunner runner = FlowTestRunner.standalone(workDir)) {
      return withOptions(runner).run(flow, events, Optional.ofNullable(node));
    }
  }

  /** The runner with what the options ask for: destination metadata, counts. */
  private FlowTestRunner withOptions(FlowTestRunner runner) {
    FlowTestRunner r = withMetadata ? runner.withMetadata() : runner;
    return stats ? r.withStats() : r;
  }

  /** The same test on a remote session cluster, fed by an embedded broker it can reach. */
  private FlowTestResult runOnCluster(Flow flow, Path workDir) throws FlowTestException {
    if (flink.getHost() == null || flink.getPort() < 0) {
      throw new CliException(
          "--flink must be a REST URL such as http://localhost:8081, not " + flink + ".");
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.start(workDir.resolve("kafka"));
        FlinkEngine engine = FlinkEngine.remote(flink.getHost(), flink.getPort(), List.of())) {
      FlowTestRunner runner =
          new FlowTestRunner(kafka, engine, new SqlCompiler(FlowFiles.analyzer()));
      return withOptions(runner).run(flow, events, Optional.ofNullable(node));
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
