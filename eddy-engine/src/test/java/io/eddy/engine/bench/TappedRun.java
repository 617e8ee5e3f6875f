package io.eddy.engine.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.compile.CompileOptions;
import io.eddy.core.compile.CompiledFlow;
import io.eddy.core.compile.SqlCompiler;
import io.eddy.core.compile.StartupMode;
import io.eddy.core.model.Flow;
import io.eddy.engine.EmbeddedKafka;
import io.eddy.engine.FlinkEngine;
import io.eddy.engine.ResultStream;
import io.eddy.engine.RunHandle;
import io.eddy.engine.RunOptions;
import io.eddy.engine.RunStatus;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A run the way the server starts one, reduced to what the benchmark measures: the flow compiled
 * from its earliest offsets with a results tap on its output node, submitted, and every tapped
 * event handed to a listener.
 */
final class TappedRun implements AutoCloseable {
  private final FlinkEngine engine;
  private final EmbeddedKafka kafka;
  private final String tapTopic;
  private final RunHandle handle;
  private final ResultStream results;
  private final AtomicLong eventsOut = new AtomicLong();

  private TappedRun(
      FlinkEngine engine,
      EmbeddedKafka kafka,
      String tapTopic,
      CompiledFlow compiled,
      Consumer<ObjectNode> listener) {
    this.engine = engine;
    this.kafka = kafka;
    this.tapTopic = tapTopic;
    this.results =
        ResultStream.open(
            kafka.bootstrapServers(),
            tapTopic,
            ResultStream.DEFAULT_CAPACITY,
            event -> {
              eventsOut.incrementAndGet();
              listener.accept(event);
            });
    this.handle = engine.start(compiled.statements(), RunOptions.of(compiled.settings()));
  }

  static TappedRun start(
      FlinkEngine engine,
      SqlCompiler compiler,
      EmbeddedKafka kafka,
      String runId,
      Flow flow,
      Consumer<ObjectNode> listener)
      throws Exception {
    return start(engine, compiler, kafka, runId, flow, listener, false);
  }

  /** As the server starts a run: with {@code counts}, also the run's counts per node. */
  static TappedRun start(
      FlinkEngine engine,
      SqlCompiler compiler,
      EmbeddedKafka kafka,
      String runId,
      Flow flow,
      Consumer<ObjectNode> listener,
      boolean counts)
      throws Exception {
    CompileOptions options =
        CompileOptions.export()
            .withStartupMode(StartupMode.EARLIEST)
            .withKafkaOverride(kafka.bootstrapServers())
            .withConsumerGroup("eddy-bench-" + runId);
    String output = compiler.compile(flow, options).outputNodeId();
    String tapTopic = "eddy-bench-results." + runId;
    kafka.createTopic(tapTopic, 1);
    CompileOptions tapped =
        options.withTap(new CompileOptions.Tap(output, tapTopic, kafka.bootstrapServers()));
    if (counts) {
      String countsTopic = tapTopic + ".counts";
      kafka.createTopic(countsTopic, 1);
      tapped = tapped.withCounts(new CompileOptions.Counts(countsTopic, kafka.bootstrapServers()));
    }
    CompiledFlow compiled = compiler.compile(flow, tapped);
    return new TappedRun(engine, kafka, tapTopic, compiled, listener);
  }

  long eventsOut() {
    return eventsOut.get();
  }

  RunStatus status() {
    return engine.status(handle.jobId());
  }

  @Override
  public void close() {
    if (!status().state().terminal()) {
      engine.stop(handle.jobId());
    }
    results.close();
    kafka.deleteTopics(Set.of(tapTopic));
  }
}
