package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 (9): the console configuration Eddy ships (logback.xml) keeps library stack traces out
 * of the console but logs the stack trace of a request that failed with a reference id.
 */
class LoggingConfigTest {
  @Test
  void a_500s_reference_is_logged_with_its_stack_trace_and_library_errors_stay_one_line()
      throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      configurator.doConfigure(LoggingConfigTest.class.getResource("/logback.xml"));
      context
          .getLogger("io.eddy.server.App")
          .error(
              "Request {} {} failed (reference {})",
              "GET",
              "/api/flows",
              "ab12cd34",
              new IllegalStateException("the cause of the 500"));
      context
          .getLogger("org.apache.flink.runtime.Something")
          .error("a library error", new IllegalArgumentException("library detail"));
    } finally {
      context.stop();
      System.setErr(stderr);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .contains("Request GET /api/flows failed (reference ab12cd34)")
        .contains("java.lang.IllegalStateException: the cause of the 500")
        .contains("at io.eddy.cli.LoggingConfigTest.")
        .contains("a library error")
        .doesNotContain("library detail");
  }
}
