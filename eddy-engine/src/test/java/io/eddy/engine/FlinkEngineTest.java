package io.eddy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FlinkEngineTest {
  private static String source(String table, String topic, String bootstrap, boolean bounded) {
    return "CREATE TABLE `"
        + table
        + "` (`n` STRING) WITH ('connector' = 'kafka', 'topic' = '"
        + topic
        + "', 'properties.bootstrap.servers' = '"
        + bootstrap
        + "', 'properties.group.id' = 'g', 'scan.startup.mode' = 'earliest-offset'"
        + (bounded ? ", 'scan.bounded.mode' = 'latest-offset'" : "")
        + ", 'format' = 'json')";
  }

  private static String sink(String table, String topic, String bootstrap, String type) {
    return "CREATE TABLE `"
        + table
        + "` (`n` "
        + type
        + ") WITH ('connector' = 'kafka', 'topic' = '"
        + topic
        + "', 'properties.bootstrap.servers' = '"
        + bootstrap
        + "', 'format' = 'json')";
  }

  @Test
  void runsBoundedJobsToTheEndAndReportsFinished() throws Exception {
    EmbeddedKafka kafka = Shared.kafka();
    FlinkEngine engine = Shared.engine();
    String in = "in-" + UUID.randomUUID();
    String out = "out-" + UUID.randomUUID();
    kafka.createTopic(in, 1);
    EmbeddedKafkaTest.produce(
        kafka.bootstrapServers(), in, List.of("{\"n\":\"1\"}", "{\"n\":\"2\"}", "{\"n\":\"3\"}"));
    RunHandle run =
        engine.start(
            List.of(
                source("src", in, kafka.bootstrapServers(), true),
                sink("dst", out, kafka.bootstrapServers(), "INT"),
                "INSERT INTO `dst` SELECT CAST(`n` AS INT) * 10 FROM `src`"),
            RunOptions.of(Map.of("pipeline.name", "bounded test")));
    assertThat(run.jobId()).matches("[0-9a-f]{32}");
    assertThat(run.name()).isEqualTo("bounded test");
    RunStatus end = engine.awaitEnd(run.jobId(), Duration.ofSeconds(60));
    assertThat(end.state()).isEqualTo(RunState.FINISHED);
    assertThat(end.error()).isNull();
    assertThat(EmbeddedKafkaTest.consume(kafka.bootstrapServers(), out, 3))
        .containsExactly("{\"n\":10}", "{\"n\":20}", "{\"n\":30}");
    assertThat(engine.jobs()).anyMatch(j -> j.jobId().equals(run.jobId()));
  }

  @Test
  void runsSeveralUnboundedJobsAtOnceAndStopsThem() throws Exception {
    EmbeddedKafka kafka = Shared.kafka();
    FlinkEngine engine = Shared.engine();
    String in = "in-" + UUID.randomUUID();
    kafka.createTopic(in, 1);
    RunHandle a =
        engine.start(
            List.of(
                source("src", in, kafka.bootstrapServers(), false),
                sink("dst", "out-a-" + UUID.randomUUID(), kafka.bootstrapServers(), "STRING"),
                "INSERT INTO `dst` SELECT `n` FROM `src`"),
            RunOptions.defaults());
    RunHandle b =
        engine.start(
            List.of(
                source("src", in, kafka.bootstrapServers(), false),
                sink("dst", "out-b-" + UUID.randomUUID(), kafka.bootstrapServers(), "STRING"),
                "INSERT INTO `dst` SELECT `n` FROM `src`"),
            RunOptions.defaults());
    assertThat(a.jobId()).isNotEqualTo(b.jobId());
    assertThat(engine.awaitRunning(a.jobId(), Duration.ofSeconds(60)).state())
        .isEqualTo(RunState.RUNNING);
    assertThat(engine.awaitRunning(b.jobId(), Duration.ofSeconds(60)).state())
        .isEqualTo(RunState.RUNNING);
    engine.stop(a.jobId());
    assertThat(engine.awaitEnd(a.jobId(), Duration.ofSeconds(30)).state())
        .isEqualTo(RunState.STOPPED);
    assertThat(engine.status(b.jobId()).state()).isEqualTo(RunState.RUNNING);
    engine.stop(b.jobId());
    assertThat(engine.awaitEnd(b.jobId(), Duration.ofSeconds(30)).state())
        .isEqualTo(RunState.STOPPED);
    engine.stop(b.jobId()); // stopping again does nothing
  }

  @Test
  void aFailingJobReportsFlinksReasonInOneSentence() throws Exception {
    EmbeddedKafka kafka = Shared.kafka();
    FlinkEngine engine = Shared.engine();
    String in = "in-" + UUID.randomUUID();
    kafka.createTopic(in, 1);
    EmbeddedKafkaTest.produce(kafka.bootstrapServers(), in, List.of("{\"n\":\"not a number\"}"));
    RunHandle run =
        engine.start(
            List.of(
                source("src", in, kafka.bootstrapServers(), true),
                sink("dst", "out-" + UUID.randomUUID(), kafka.bootstrapServers(), "INT"),
                "INSERT INTO `dst` SELECT CAST(`n` AS INT) FROM `src`"),
            RunOptions.defaults());
    RunStatus end = engine.awaitEnd(run.jobId(), Duration.ofSeconds(60));
    assertThat(end.state()).isEqualTo(RunState.FAILED);
    System.out.println("Failure: " + end.error());
    assertThat(end.error()).contains("not a number").doesNotContain("\n").doesNotContain("\tat ");
  }

  @Test
  void aRefusedStatementIsNamedWithFlinksReason() {
    FlinkEngine engine = Shared.engine();
    assertThatThrownBy(
            () -> engine.start(List.of("INSERT INTO `nowhere` SELECT 1"), RunOptions.defaults()))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith("Flink refused statement 1 (INSERT INTO `nowhere` SELECT 1): ")
        .hasMessageContaining("nowhere");
  }

  /**
   * A run whose statements differ from an earlier run's only in its own values (here its output
   * topics, one the prefix of the other, as a run's results and counts topics are) executes the
   * plan kept from the earlier one, with its own topics in it: each run writes its own output.
   */
  @Test
  void reusesTheKeptPlanOfARunThatDiffersOnlyInItsOwnValues() throws Exception {
    EmbeddedKafka kafka = Shared.kafka();
    FlinkEngine engine = Shared.engine();
    String in = "in-" + UUID.randomUUID();
    kafka.createTopic(in, 1);
    EmbeddedKafkaTest.produce(
        kafka.bootstrapServers(), in, List.of("{\"n\":\"1\"}", "{\"n\":\"2\"}", "{\"n\":\"3\"}"));
    int keptBefore = engine.keptPlans();
    for (int run = 1; run <= 2; run++) {
      String out = "out-" + UUID.randomUUID();
      String tens = out + "-tens";
      List<String> statements =
          List.of(
              source("src", in, kafka.bootstrapServers(), true),
              sink("dst", out, kafka.bootstrapServers(), "INT"),
              sink("dst tens", tens, kafka.bootstrapServers(), "INT"),
              "EXECUTE STATEMENT SET\nBEGIN\nINSERT INTO `dst` SELECT CAST(`n` AS INT) FROM `src`;\n"
                  + "INSERT INTO `dst tens` SELECT CAST(`n` AS INT) * 10 FROM `src`;\nEND");
      RunOptions options = RunOptions.defaults().withRunValues(List.of(out, tens));
      if (run == 1) {
        assertThat(engine.planAhead(statements, options)).isTrue();
      }
      // one plan kept for both runs
      assertThat(engine.keptPlans()).isEqualTo(keptBefore + 1);
      RunHandle handle = engine.start(statements, options);
      assertThat(engine.awaitEnd(handle.jobId(), Duration.ofSeconds(60)).state())
          .isEqualTo(RunState.FINISHED);
      assertThat(EmbeddedKafkaTest.consume(kafka.bootstrapServers(), out, 3))
          .containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
      assertThat(EmbeddedKafkaTest.consume(kafka.bootstrapServers(), tens, 3))
          .containsExactly("{\"n\":10}", "{\"n\":20}", "{\"n\":30}");
    }
    assertThat(engine.keptPlans()).isEqualTo(keptBefore + 1);
  }
}
