package io.eddy.core.analysis;

import io.eddy.core.document.FlowDocumentException;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Warms the analysis at start, so that the first flows a user opens or imports are checked at the
 * speed of a server that has been running a while. Checking an expression is mostly Flink's parser
 * and validator, code the JIT compiles only after it has run thousands of times: a fresh JVM checks
 * a 200-node flow in about twice the time it takes once warm (docs/performance.md).
 *
 * <p>Each pass analyses {@code warm-up-flow.json} (a source, then 60 everyday filters and
 * transforms) with an analyser and planner of its own, so that the server's is never locked, and
 * with numbers of its own in place of the document's {@code {n}} placeholders, so that no cache
 * answers.
 */
public final class AnalysisWarmUp {
  /** The system property that sets the passes of the server's warm-up (0 turns it off). */
  public static final String PASSES_PROPERTY = "eddy.analysis.warmup.passes";

  /**
   * The passes of the server's warm-up at start: 200 (about 12,000 expression checks, after which a
   * 200-node flow is checked at the speed of a long-running server) unless {@link #PASSES_PROPERTY}
   * says otherwise (the project's tests set 0); at most {@link #BUDGET} in all.
   */
  public static int passes() {
    return Integer.getInteger(PASSES_PROPERTY, 200);
  }

  public static final Duration BUDGET = Duration.ofSeconds(15);

  private static final String PLACEHOLDER = "{n}";

  private AnalysisWarmUp() {}

  /**
   * Analyses the warm-up flow until {@code passes} are done or {@code budget} has passed, waiting
   * between passes while {@code yieldTo} is true (a run starting: the user is waiting for it);
   * returns the number of passes done.
   */
  public static int run(int passes, Duration budget, BooleanSupplier yieldTo) {
    long deadline = System.nanoTime() + budget.toNanos();
    String document = document();
    FlowAnalyzer analyzer = new FlowAnalyzer(new FlinkExpressionChecker());
    int done = 0;
    while (done < passes && System.nanoTime() < deadline) {
      if (yieldTo.getAsBoolean()) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        continue;
      }
      analyzer.analyse(flow(document, done));
      done++;
    }
    return done;
  }

  /** The warm-up flow of pass {@code pass}: each placeholder replaced by a number of its own. */
  static Flow flow(int pass) {
    return flow(document(), pass);
  }

  private static Flow flow(String document, int pass) {
    StringBuilder text = new StringBuilder(document.length());
    int from = 0;
    int next = pass * 1000;
    for (int at = document.indexOf(PLACEHOLDER);
        at >= 0;
        at = document.indexOf(PLACEHOLDER, from)) {
      text.append(document, from, at).append(++next);
      from = at + PLACEHOLDER.length();
    }
    text.append(document, from, document.length());
    try {
      return FlowDocuments.read(text.toString());
    } catch (FlowDocumentException e) {
      throw new IllegalStateException("The warm-up flow does not read: " + e.getMessage(), e);
    }
  }

  private static String document() {
    try (InputStream in = AnalysisWarmUp.class.getResourceAsStream("warm-up-flow.json")) {
      if (in == null) {
        throw new IllegalStateException("warm-up-flow.json is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
