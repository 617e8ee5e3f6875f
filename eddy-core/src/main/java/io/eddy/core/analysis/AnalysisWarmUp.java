package io.eddy.core.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.document.FlowDocumentException;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import java.time.Duration;

/**
 * Warms the analysis at start, so that the first flows a user opens or imports are checked at the
 * speed of a server that has been running a while. Checking an expression is mostly Flink's parser
 * and validator, code the JIT compiles only after it has run thousands of times: a fresh JVM checks
 * a 200-node flow in about twice the time it takes once warm (docs/performance.md).
 *
 * <p>Each pass analyses a synthetic flow of filters and transforms, with an analyser and planner of
 * its own (the server's is never locked) and literals of its own, so that no cache answers.
 */
public final class AnalysisWarmUp {
  /** Expression shapes of everyday filters and transforms; {@code %d} becomes a per-pass number. */
  private static final String[] FILTERS = {
    "price > %d AND region <> 'X%d'",
    "UPPER(region) IN ('EMEA', 'APAC%d') OR quantity >= %d",
    "customer LIKE 'A%d%%' AND price BETWEEN 1 AND %d",
    "ordertime > TIMESTAMPADD(MINUTE, %d, TIMESTAMP '2024-01-01 00:00:00')",
  };

  private static final String[] TRANSFORMS = {
    "price * quantity + %d",
    "CASE WHEN price > %d THEN 'high' ELSE 'low' END",
    "CONCAT(region, '-', CAST(quantity + %d AS STRING))",
    "ROUND(price / %d.5, 2)",
    "COALESCE(customer, 'nobody %d')",
  };

  private static final int NODES = 60;

  /**
   * The server's warm-up at start: this many passes (about 6,000 expression checks, after which a
   * 200-node flow is checked at the speed of a long-running server), set by the system property
   * {@code eddy.analysis.warmup.passes} (0 turns it off, as the project's tests do), and at most
   * {@link #BUDGET}.
   */
  public static final int PASSES = Integer.getInteger("eddy.analysis.warmup.passes", 100);

  public static final Duration BUDGET = Duration.ofSeconds(15);

  private AnalysisWarmUp() {}

  /**
   * Analyses synthetic flows until {@code passes} are done or {@code budget} has passed; returns
   * the number of passes done.
   */
  public static int run(int passes, Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    FlowAnalyzer analyzer = new FlowAnalyzer(new FlinkExpressionChecker());
    int done = 0;
    while (done < passes && System.nanoTime() < deadline) {
      analyzer.analyse(flow(done));
      done++;
    }
    return done;
  }

  /** A source and {@link #NODES} filters and transforms in a chain, numbered {@code pass}. */
  static Flow flow(int pass) {
    ObjectNode root = FlowDocuments.mapper().createObjectNode();
    root.put("format", FlowDocuments.FORMAT).put("version", 1).put("name", "Warm-up " + pass);
    ArrayNode nodes = root.putArray("nodes");
    ArrayNode edges = root.putArray("edges");
    ObjectNode source = nodes.addObject().put("id", "s").put("type", "source").put("name", "S");
    ObjectNode config = source.putObject("config");
    config.putObject("kafka").put("topic", "WARM.UP").putArray("bootstrapServers").add("k:9092");
    ArrayNode properties = config.putArray("properties");
    String[][] columns = {
      {"customer", "STRING"},
      {"price", "DOUBLE"},
      {"quantity", "INTEGER"},
      {"region", "STRING"},
      {"ordertime", "TIMESTAMP"}
    };
    for (String[] column : columns) {
      properties.addObject().put("name", column[0]).put("type", column[1]);
    }
    config.putObject("eventTime").put("property", "ordertime");
    String previous = "s";
    for (int i = 0; i < NODES; i++) {
      String id = "n" + i;
      int n = pass * NODES + i + 1;
      ObjectNode node = nodes.addObject().put("id", id).put("name", "N" + i);
      if (i % 2 == 0) {
        String expression = FILTERS[(i / 2) % FILTERS.length].replace("%d", String.valueOf(n));
        node.put("type", "filter").putObject("config").put("expression", expression);
      } else {
        String expression =
            TRANSFORMS[(i / 2) % TRANSFORMS.length].replace("%d", String.valueOf(n));
        node.put("type", "transform")
            .putObject("config")
            .putArray("properties")
            .addObject()
            .put("name", "p" + i)
            .put("expression", expression);
      }
      edges.addObject().put("from", previous).put("to", id);
      previous = id;
    }
    try {
      return FlowDocuments.read(root.toString());
    } catch (FlowDocumentException e) {
      throw new IllegalStateException("the warm-up flow does not read: " + e.getMessage(), e);
    }
  }
}
