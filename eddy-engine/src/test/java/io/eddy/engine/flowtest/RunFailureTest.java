package io.eddy.engine.flowtest;

import static io.eddy.engine.flowtest.Flows.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.compile.CompileOptions;
import io.eddy.core.compile.CompiledFlow;
import io.eddy.core.compile.SqlCompiler;
import io.eddy.core.compile.StartupMode;
import io.eddy.engine.EmbeddedKafka;
import io.eddy.engine.EngineException;
import io.eddy.engine.FlinkEngine;
import io.eddy.engine.RunOptions;
import io.eddy.engine.SharedAccess;
import io.eddy.engine.testing.TestPostgres;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A run that cannot work says why, in one sentence, within seconds. */
class RunFailureTest {
  private static final SqlCompiler COMPILER =
      new SqlCompiler(new FlowAnalyzer(new FlinkExpressionChecker()));
  private static String url;

  @BeforeAll
  static void database() throws Exception {
    url = TestPostgres.createDatabase("emptyshop");
    // Start the shared broker and cluster first: the timings below are those of a run.
    Flows.runner();
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void unreachableKafkaIsReportedWithinSeconds() throws Exception {
    EmbeddedKafka kafka = SharedAccess.kafka();
    FlinkEngine engine = SharedAccess.engine();
    String nowhere = "127.0.0.1:" + closedPort();
    CompiledFlow compiled =
        COMPILER.compile(
            Flows.example("emea-orders.json"),
            CompileOptions.export()
                .withStartupMode(StartupMode.LATEST)
                .withKafkaOverride(nowhere)
                .withSecrets(n -> Optional.empty())
                .withTap(
                    new CompileOptions.Tap(
                        "emea", "tap-" + UUID.randomUUID(), kafka.bootstrapServers())));
    long started = System.nanoTime();
    assertThatThrownBy(
            () -> engine.start(compiled.statements(), RunOptions.of(compiled.settings())))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith(
            "The Kafka cluster at "
                + nowhere
                + " (table `Orders (Kafka topic)`) cannot be reached: ")
        .hasMessageNotContaining("\n");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
  }

  private static ObjectNode enrichment(String jdbcUrl, String table) throws Exception {
    ObjectNode doc = Flows.exampleTree("orders-with-customer-country.json");
    ObjectNode config = Flows.config(doc, "country");
    ((ObjectNode) config.get("jdbc")).put("url", jdbcUrl).put("username", "postgres");
    config.put("table", table);
    return doc;
  }

  /**
   * Runs the enrichment flow on {@code table} of the database at {@code jdbcUrl} with one order.
   */
  private static void runEnrichment(String jdbcUrl, String table) throws Exception {
    Flows.runner()
        .withSecrets(n -> Optional.of("postgres"))
        .runLines(
            Flows.read(enrichment(jdbcUrl, table).toString()),
            Map.of("Orders", List.of(order("m1", "EMEA", 1.0, 1, "2023-05-21 10:00:00.000"))),
            Optional.empty());
  }

  @Test
  void aMissingTableIsReportedWithinSeconds() throws Exception {
    long started = System.nanoTime();
    assertThatThrownBy(() -> runEnrichment(url, "nosuchtable"))
        .isInstanceOf(FlowTestException.class)
        .hasMessage(
            "The flow cannot run: The table `nosuchtable` does not exist in the database at "
                + url
                + ".");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void anUnreachableDatabaseIsReportedWithinSeconds() throws Exception {
    String nowhere = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/shop";
    long started = System.nanoTime();
    assertThatThrownBy(() -> runEnrichment(nowhere, "customers"))
        .isInstanceOf(FlowTestException.class)
        .hasMessageStartingWith(
            "The flow cannot run: The database at " + nowhere + " cannot be reached: ")
        .hasMessageNotContaining("\n");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void anInvalidFlowOrUnknownNodesAreRefusedWithTheReason() throws Exception {
    ObjectNode doc = Flows.exampleTree("emea-orders.json");
    Flows.config(doc, "emea").put("expression", "colour = 'red'");
    assertThatThrownBy(
            () -> Flows.runner().runLines(Flows.read(doc.toString()), Map.of(), Optional.empty()))
        .isInstanceOf(FlowTestException.class)
        .hasMessageStartingWith("The flow cannot run: ")
        .hasMessageContaining("colour");
    assertThatThrownBy(
            () ->
                Flows.runner()
                    .runLines(
                        Flows.example("emea-orders.json"),
                        Map.of("Customers", List.of("{}")),
                        Optional.empty()))
        .isInstanceOf(FlowTestException.class)
        .hasMessage("No event source is named `Customers`; the event sources are `Orders`.");
    assertThatThrownBy(
            () ->
                Flows.runner()
                    .runLines(
                        Flows.example("emea-orders.json"),
                        Map.of("Orders", List.of("{}")),
                        Optional.of("Nowhere")))
        .isInstanceOf(FlowTestException.class)
        .hasMessage(
            "No node is named `Nowhere`; the nodes are `Orders`, `EMEA orders`, `Publish EMEA"
                + " orders`.");
  }
}
