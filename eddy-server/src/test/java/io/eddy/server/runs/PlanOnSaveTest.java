package io.eddy.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.engine.FlinkEngine;
import io.eddy.engine.testing.TestTopics;
import io.eddy.server.EddyServer;
import io.eddy.server.Http;
import io.eddy.server.SharedInfra;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 12, "plan while the user edits": a saved flow's runs are planned in the background, and the
 * first Run after the edit executes that plan (Flink's planner does not run again) and gives the
 * edited flow's events — a real server, broker and MiniCluster.
 */
class PlanOnSaveTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void the_first_run_after_an_edit_executes_the_plan_made_after_the_save() throws Exception {
    String bootstrap = SharedInfra.kafka().bootstrapServers();
    TestTopics topics = new TestTopics(bootstrap);
    topics.create("plan-on-save.in");
    topics.produce(
        "plan-on-save.in",
        List.of(
            RunCountsApiTest.order("a1", "EMEA", "10.0", "1", "10:05:00.000"),
            RunCountsApiTest.order("a2", "NA", "20.0", "1", "10:10:00.000"),
            RunCountsApiTest.order("a3", "EMEA", "30.0", "2", "11:30:00.000")));
    ListAppender<ILoggingEvent> planned = listen(PlanOnSave.class);
    ListAppender<ILoggingEvent> started = listen(FlinkEngine.class);
    String before = System.getProperty(RunManager.PLAN_ON_SAVE);
    System.setProperty(RunManager.PLAN_ON_SAVE, "true");
    try (EddyServer server = EddyServer.start(SharedInfra.serverConfig(dir.resolve("data")))) {
      Http http = Http.signedIn(server);
      String id =
          ExampleFlows.importExample(
              http,
              "hourly-sales-by-region",
              "Plan on save",
              bootstrap,
              Map.of("source", "plan-on-save.in"));

      // The edit: the aggregate renamed, so that every statement after the source's changes.
      HttpResponse<String> got = http.get("/api/flows/" + id);
      ObjectNode doc = (ObjectNode) JSON.readTree(got.body());
      for (JsonNode node : doc.path("nodes")) {
        if (node.path("id").asText().equals("hourly")) {
          ((ObjectNode) node).put("name", "Hourly sales, edited");
        }
      }
      String etag = got.headers().firstValue("ETag").orElseThrow();
      HttpResponse<String> saved =
          http.json("PUT", "/api/flows/" + id, doc.toString(), "If-Match", etag);
      assertThat(saved.statusCode()).isEqualTo(200);

      awaitLog(planned, m -> m.contains("Plan on save") && m.contains("(revision 2)"));
      assertThat(http.post("/api/flows/" + id + "/run", "{\"mode\": \"historical\"}").statusCode())
          .isEqualTo(202);
      awaitLog(started, m -> m.startsWith("Job ") && m.contains("plan reused"));

      // [10:00, 11:00) is closed by 11:30: EMEA 10.0 and NA 20.0, under the edited name.
      JsonNode status = JSON.readTree(http.get("/api/flows/" + id + "/run").body());
      long deadline = System.nanoTime() + 120_000_000_000L;
      // (the events can be counted a moment before Flink reports every task running)
      while (!(status.path("eventsOut").asLong() >= 2
              && status.path("status").asText().equals("running"))
          && System.nanoTime() < deadline) {
        Thread.sleep(200);
        status = JSON.readTree(http.get("/api/flows/" + id + "/run").body());
      }
      assertThat(status.path("status").asText()).isEqualTo("running");
      assertThat(status.path("eventsOut").asLong()).isEqualTo(2);
      assertThat(status.path("counts").has("hourly")).isTrue();
      http.delete("/api/flows/" + id + "/run");

      // A rename (PATCH) is a save too: the job's name changes, so it is planned again.
      assertThat(
              http.json("PATCH", "/api/flows/" + id, "{\"name\": \"Plan on save, renamed\"}")
                  .statusCode())
          .isEqualTo(200);
      awaitLog(planned, m -> m.contains("Plan on save, renamed") && m.contains("(revision 3)"));
    } finally {
      if (before == null) {
        System.clearProperty(RunManager.PLAN_ON_SAVE);
      } else {
        System.setProperty(RunManager.PLAN_ON_SAVE, before);
      }
      stopListening(PlanOnSave.class, planned);
      stopListening(FlinkEngine.class, started);
    }
  }

  private static ListAppender<ILoggingEvent> listen(Class<?> type) {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Logger logger = (Logger) LoggerFactory.getLogger(type);
    logger.setLevel(ch.qos.logback.classic.Level.INFO);
    logger.addAppender(appender);
    return appender;
  }

  private static void stopListening(Class<?> type, ListAppender<ILoggingEvent> appender) {
    Logger logger = (Logger) LoggerFactory.getLogger(type);
    logger.detachAppender(appender);
    logger.setLevel(null);
  }

  private static void awaitLog(ListAppender<ILoggingEvent> log, Predicate<String> line)
      throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      synchronized (log) {
        if (log.list.stream().map(ILoggingEvent::getFormattedMessage).anyMatch(line)) {
          return;
        }
      }
      Thread.sleep(100);
    }
    synchronized (log) {
      throw new AssertionError(
          "no such log line; logged: "
              + log.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }
  }
}
