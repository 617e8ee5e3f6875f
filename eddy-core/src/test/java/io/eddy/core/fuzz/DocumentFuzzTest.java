package io.eddy.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.TestFlows;
import io.eddy.core.analysis.FlowReport;
import io.eddy.core.document.FlowDocumentException;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.document.FlowLimits;
import io.eddy.core.model.Flow;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random mutations of the example flows (values replaced by hostile ones, fields removed, nodes
 * duplicated, text cut or appended) through the document reader, the analyser and the compiler: the
 * reader refuses with a {@link FlowDocumentException} or accepts; what it accepts is written within
 * the limits and read back equal; the analysis never throws; a valid flow compiles to a script
 * Flink plans, with one view per node and one INSERT per destination.
 */
class DocumentFuzzTest {
  static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final List<String> EXAMPLES =
      TestFlows.exampleFiles().stream()
          .map(
              p -> {
                try {
                  return Files.readString(p);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              })
          .toList();

  /** Values a careless user or an attacker might put anywhere. */
  static final List<JsonNode> HOSTILE =
      List.of(
          F.numberNode(new BigDecimal("1e309")),
          F.numberNode(new BigDecimal("-1e400")),
          F.numberNode(Double.NaN),
          F.numberNode(Double.POSITIVE_INFINITY),
          F.numberNode(1.5),
          F.numberNode(new BigDecimal("2.50")),
          F.numberNode(-5),
          F.numberNode(0),
          F.numberNode(new BigDecimal("1e-25")),
          F.numberNode(new BigInteger("9".repeat(40))),
          F.textNode("'"),
          F.textNode("`"),
          F.textNode("price LIMIT 1"),
          F.textNode("region = 'EMEA' // '\n) OR (1=1 // '\n AND true"),
          F.textNode("x; DROP TABLE y; --"),
          F.textNode("${HOME}"),
          F.textNode("\u0000\u202e🚀"),
          F.textNode(""),
          F.textNode("HOUR"),
          F.textNode("x".repeat(20_001)),
          F.booleanNode(true),
          F.nullNode(),
          F.objectNode(),
          F.arrayNode(),
          deep(70));

  static JsonNode deep(int levels) {
    ArrayNode root = F.arrayNode();
    ArrayNode at = root;
    for (int i = 1; i < levels; i++) {
      at = at.addArray();
    }
    return root;
  }

  @Provide
  Arbitrary<String> mutatedDocuments() {
    return Arbitraries.longs().map(DocumentFuzzTest::mutate);
  }

  /** One example, one to four tree mutations, and sometimes a text mutation. */
  static String mutate(long seed) {
    Random random = new Random(seed);
    try {
      ObjectNode doc =
          (ObjectNode)
              FlowDocuments.mapper().readTree(EXAMPLES.get(random.nextInt(EXAMPLES.size())));
      int mutations = 1 + random.nextInt(4);
      for (int i = 0; i < mutations; i++) {
        mutateTree(doc, random);
      }
      String text = FlowDocuments.mapper().writeValueAsString(doc);
      return switch (random.nextInt(8)) {
        case 0 -> text.substring(0, random.nextInt(text.length()));
        case 1 -> text + text;
        case 2 -> text + "\n" + HOSTILE.get(random.nextInt(HOSTILE.size()));
        case 3 -> {
          int at = random.nextInt(text.length());
          yield text.substring(0, at)
              + "\"{[,:1e309'/*".charAt(random.nextInt(12))
              + text.substring(at);
        }
        default -> text;
      };
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void mutateTree(ObjectNode doc, Random random) {
    List<JsonNode> containers = new ArrayList<>();
    collect(doc, containers);
    JsonNode target = containers.get(random.nextInt(containers.size()));
    JsonNode value = HOSTILE.get(random.nextInt(HOSTILE.size())).deepCopy();
    if (target instanceof ObjectNode o && !o.isEmpty()) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      String name = names.get(random.nextInt(names.size()));
      switch (random.nextInt(3)) {
        case 0 -> o.remove(name);
        case 1 -> o.set(name, value);
        default -> o.set(name + "_", value);
      }
    } else if (target instanceof ArrayNode a && !a.isEmpty()) {
      int i = random.nextInt(a.size());
      switch (random.nextInt(3)) {
        case 0 -> a.remove(i);
        case 1 -> a.add(a.get(i).deepCopy());
        default -> a.set(i, value);
      }
    }
  }

  static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainerNode()) {
      containers.add(node);
      node.forEach(child -> collect(child, containers));
    }
  }

  @Property(seed = FuzzSettings.SEED)
  void read_refuses_or_accepts_and_what_it_accepts_loads_again(
      @ForAll("mutatedDocuments") String text) throws Exception {
    Flow flow;
    try {
      flow = FlowDocuments.read(text);
    } catch (FlowDocumentException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain("Exception").doesNotContain("Source:");
      return;
    }
    String written = FlowDocuments.write(flow);
    assertThat(written.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(FlowLimits.MAX_DOCUMENT_BYTES);
    assertThat(FlowDocuments.read(written)).isEqualTo(flow);
    assertThat(FlowDocuments.readStored(written)).isEqualTo(flow);
  }

  @Property(seed = FuzzSettings.SEED, tries = 40)
  void analysis_never_throws_and_valid_flows_compile_as_their_nodes_say(
      @ForAll("mutatedDocuments") String text) throws Exception {
    Flow flow;
    try {
      flow = FlowDocuments.read(text);
    } catch (FlowDocumentException e) {
      return;
    }
    FlowReport report = TestFlows.ANALYZER.report(flow);
    assertThat(report.nodes()).hasSize(flow.nodes().size());
    if (report.valid()) {
      FlinkScripts.planAndCheck(flow, null);
    }
  }
}
