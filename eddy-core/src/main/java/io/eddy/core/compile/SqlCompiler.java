package io.eddy.core.compile;

import io.eddy.core.analysis.FlowAnalysis;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.model.Flow;
import io.eddy.core.model.Node;
import io.eddy.core.nodes.NodeSql;
import io.eddy.core.nodes.NodeType;
import io.eddy.core.nodes.Role;
import io.eddy.core.sql.Sql;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one compiler: turns a valid flow into a Flink SQL script. Export, run, test and deploy all
 * use it, so what runs in Eddy is what the user exports (plus the run-only options).
 */
public final class SqlCompiler {
  public static final String PRODUCT = "Eddy 0.1.0";

  private final FlowAnalyzer analyzer;

  public SqlCompiler(FlowAnalyzer analyzer) {
    this.analyzer = analyzer;
  }

  public CompiledFlow compile(Flow flow, CompileOptions options) throws ExportRulesException {
    return compile(analyzer.analyse(flow), options);
  }

  public CompiledFlow compile(FlowAnalysis analysis, CompileOptions options)
      throws ExportRulesException {
    if (!analysis.exportable()) {
      throw ExportRulesException.of(analysis.flowProblems());
    }
    Flow flow = analysis.flow();
    Set<String> included = new HashSet<>(analysis.exportedNodeIds());
    String lastId = lastNode(analysis, included);
    String outputId =
        options.tap() != null && options.tap().nodeId() != null ? options.tap().nodeId() : lastId;
    FlowAnalysis.Result output =
        analysis
            .result(outputId)
            .filter(r -> included.contains(outputId))
            .orElseThrow(
                () ->
                    new ExportRulesException(
                        List.of(
                            "There is no connected node with id `"
                                + outputId
                                + "` to show results of.")));
    if (output.changelog()) {
      // Its rows are updates of a versioned table: they show only through the node that reads it.
      throw new ExportRulesException(
          List.of(
              "`"
                  + output.node().name()
                  + "` is a changelog source: its messages are versions of a table, not events;"
                  + " show the results of the node that reads it."));
    }

    RelationNames names = new RelationNames();
    flow.nodes()
        .forEach(
            n -> {
              if (n.name() != null) {
                names.reserve(Sql.relation(n.name()));
              }
            });
    Secrets secrets = new Secrets(options.secrets());
    List<String> statements = new ArrayList<>();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("pipeline.name", flow.name() == null ? "Eddy flow" : flow.name());
    // Timestamps without a zone (and the SQL form of TIMESTAMP_LTZ values) are read as UTC.
    settings.put("table.local-time-zone", "UTC");
    List<String> inserts = new ArrayList<>();
    RunCounts counts = options.counts() == null ? null : new RunCounts(options.counts(), names);
    boolean watermarks =
        analysis.results().stream()
            .anyMatch(
                r ->
                    included.contains(r.node().id()) && !r.type().roles().contains(Role.PER_EVENT));
    for (FlowAnalysis.Result r : analysis.results()) {
      if (!included.contains(r.node().id())) {
        continue;
      }
      List<CompileContext.InputRelation> inputs =
          r.inputs().stream()
              .map(
                  i ->
                      new CompileContext.InputRelation(
                          i.port(),
                          Sql.relation(i.nodeName()),
                          i.nodeName(),
                          i.properties(),
                          i.changelogKey()))
              .toList();
      CompileContext context =
          new CompileContext(
              r.node(),
              Sql.relation(r.node().name()),
              inputs,
              r.output(),
              r.facts(),
              options,
              names,
              secrets,
              watermarks);
      NodeSql sql = compileTyped(r.type(), r.config(), context);
      statements.addAll(sql.definitions());
      if (sql.insert() != null) {
        inserts.add(sql.insert());
      }
      if (counts != null) {
        counts.source(r.config(), context);
        counts.out(r.node().id(), tapped(r));
        if (!inputs.isEmpty()) {
          counts.late(r.config(), r.node().id(), inputs);
        }
      }
    }
    if (!secrets.unresolved().isEmpty()) {
      throw new ExportRulesException(
          secrets.unresolved().stream()
              .map(
                  ref ->
                      "The secret `"
                          + ref
                          + "` is not set: set the environment variable "
                          + ref
                          + " or add it to the secrets file.")
              .toList());
    }
    if (options.tap() != null) {
      String tap = names.allocate("eddy results");
      statements.add(ResultsTap.table(tap, options.tap(), output.output()));
      inserts.add(ResultsTap.insert(tap, output.output(), tapped(output)));
    }
    if (counts != null && counts.insert() != null) {
      statements.addAll(counts.definitions());
      inserts.add(counts.insert());
    }
    if (inserts.isEmpty()) {
      statements.add("SELECT *\nFROM " + Sql.id(Sql.relation(output.node().name())));
    } else if (inserts.size() == 1) {
      statements.add(inserts.get(0));
    } else {
      statements.add("EXECUTE STATEMENT SET\nBEGIN\n" + String.join(";\n", inserts) + ";\nEND");
    }
    return new CompiledFlow(
        header(flow, options, secrets, statements),
        settings,
        statements,
        output.node().id(),
        output.output());
  }

  /**
   * The relation holding a node's events: a sink is a table (reading it would re-read its topic),
   * so its events are those of its input.
   */
  private static String tapped(FlowAnalysis.Result node) {
    boolean sink = node.type().roles().contains(Role.SINK);
    return Sql.relation(sink ? node.inputs().get(0).nodeName() : node.node().name());
  }

  private static String lastNode(FlowAnalysis analysis, Set<String> included) {
    Set<String> hasOutgoing = new HashSet<>();
    analysis.results().forEach(r -> r.inputs().forEach(i -> hasOutgoing.add(i.nodeId())));
    return analysis.results().stream()
        .map(r -> r.node().id())
        .filter(id -> included.contains(id) && !hasOutgoing.contains(id))
        .findFirst()
        .orElseThrow();
  }

  private static String header(
      Flow flow, CompileOptions options, Secrets secrets, List<String> statements) {
    StringBuilder h = new StringBuilder();
    h.append("-- Flink SQL exported by ").append(PRODUCT).append('\n');
    Instant time = options.exportTime() == null ? Instant.now() : options.exportTime();
    h.append("-- Exported at: ").append(time.truncatedTo(ChronoUnit.SECONDS)).append('\n');
    h.append("-- Flow: ").append(Sql.commentText(flow.name()));
    if (options.flowId() != null) {
      h.append(" (id ").append(Sql.commentText(options.flowId())).append(')');
    }
    h.append('\n');
    if (flow.description() != null && !flow.description().isBlank()) {
      h.append("-- Description: ").append(Sql.commentText(flow.description())).append('\n');
    }
    if (secrets.redactions().isEmpty()) {
      h.append("-- Redacted: nothing (the flow holds no credentials)\n");
    } else {
      h.append("-- Redacted: credentials are references; set them before running this script:\n");
      for (Secrets.Redaction r : secrets.redactions()) {
        h.append("--   ${")
            .append(r.reference())
            .append("}: ")
            .append(Sql.commentText(r.path()))
            .append(" of node ")
            .append(Sql.commentText(r.nodeName()))
            .append('\n');
      }
    }
    boolean avro = flow.nodes().stream().anyMatch(n -> hasFormat(n, "avro"));
    // Avro sources read with Eddy's own format (it skips what it cannot decode).
    boolean avroSource = statements.stream().anyMatch(st -> st.contains("'format' = 'eddy-avro'"));
    h.append(
        avro
            ? "-- Runs on Apache Flink 2.2 with the Apache Kafka, JSON and JDBC connectors and the"
                + " Avro format (flink-sql-avro).\n"
            : "-- Runs on Apache Flink 2.2 with the Apache Kafka, JSON and JDBC connectors.\n");
    if (avroSource) {
      h.append(
          "-- Avro sources read with Eddy's format 'eddy-avro', which skips a message it cannot"
              + " decode: the cluster needs Eddy's eddy-formats jar in lib/ (or ADD JAR it).\n");
    }
    return h.toString();
  }

  private static boolean hasFormat(Node node, String format) {
    return node.config() != null && format.equalsIgnoreCase(node.config().path("format").asText());
  }

  @SuppressWarnings("unchecked")
  private static <C> NodeSql compileTyped(NodeType<C> type, Object config, CompileContext context) {
    return type.compile((C) config, context);
  }
}
