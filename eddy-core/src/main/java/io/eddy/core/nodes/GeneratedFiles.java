package io.eddy.core.nodes;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The files generated from a node-type registry and checked in: the flow document's JSON Schema,
 * the node-type reference of the format docs, and the snapshot of {@code GET /api/node-types} that
 * the web UI's tests serve. A test in eddy-core fails when a checked-in copy is stale.
 */
public final class GeneratedFiles {
  /** Relative to the repository root. */
  public static final String SCHEMA = "docs/flow.schema.json";

  public static final String FORMAT_DOCS = "docs/flow-format.md";
  public static final String UI_SNAPSHOT = "eddy-ui/src/test/node-types.json";

  private static final ObjectWriter WRITER = new ObjectMapper().writer(new Printer());

  /** Two-space indentation, {@code "key": value}, and {@code []} for an empty list. */
  private static final class Printer extends DefaultPrettyPrinter {
    Printer() {
      _objectIndenter = new DefaultIndenter("  ", "\n");
      _arrayIndenter = new DefaultIndenter("  ", "\n");
      _separators =
          Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER);
      _objectFieldValueSeparatorWithSpaces = ": ";
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new Printer();
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
      if (nrOfValues == 0) {
        _nesting--;
        g.writeRaw(']');
      } else {
        super.writeEndArray(g, nrOfValues);
      }
    }
  }

  private GeneratedFiles() {}

  public static String schema(NodeTypes registry) {
    return json(FlowSchema.of(registry));
  }

  /** The answer of {@code GET /api/node-types}, as the snapshot holds it. */
  public static String catalog(NodeTypes registry) {
    return json(NodeTypeCatalog.of(registry));
  }

  /** {@code formatDocs} (docs/flow-format.md) with its node-type section regenerated. */
  public static String formatDocs(String formatDocs, NodeTypes registry) {
    return NodeTypeDocs.replaceIn(formatDocs, registry);
  }

  private static String json(Object value) {
    try {
      return WRITER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
