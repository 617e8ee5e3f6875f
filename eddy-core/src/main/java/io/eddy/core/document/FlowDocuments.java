package io.eddy.core.document;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.eddy.core.model.Edge;
import io.eddy.core.model.Flow;
import io.eddy.core.model.Node;
import io.eddy.core.model.Position;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes flow documents (format {@code eddy-flow}), the public file format of Eddy.
 *
 * <p>Every way a document enters (import, save, the command line) goes through {@link #parse} and
 * {@link #fromJson}, which apply {@link FlowLimits} and refuse what could not be written and read
 * back unchanged: non-finite numbers, content after the document, anything over a limit.
 */
public final class FlowDocuments {
  public static final String FORMAT = "eddy-flow";

  private static final Set<String> FLOW_FIELDS =
      Set.of("format", "version", "name", "description", "tags", "nodes", "edges");
  private static final Set<String> NODE_FIELDS = Set.of("id", "type", "name", "position", "config");

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * Reads documents from outside: the limits, one document per text, and numbers kept exactly as
   * written (decimals as BigDecimal), so that nothing is rounded on the way in.
   */
  private static final ObjectMapper DOCUMENT_READER =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(FlowLimits.MAX_NESTING_DEPTH)
                          .maxStringLength(FlowLimits.MAX_STRING_CHARS)
                          .maxNumberLength(FlowLimits.MAX_NUMBER_DIGITS)
                          .maxDocumentLength(FlowLimits.MAX_DOCUMENT_BYTES)
                          .build())
                  .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** Reads documents Eddy wrote itself (the store): no limits, so nothing stored is lost. */
  private static final ObjectMapper STORED_READER =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(Integer.MAX_VALUE)
                          .maxStringLength(Integer.MAX_VALUE)
                          .maxNumberLength(Integer.MAX_VALUE)
                          .build())
                  .build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /**
   * Reads a node's {@code config} into its config record. Never changes a value on the way: 1.5 for
   * a whole number, a number for an enum or a decimal for a text is refused rather than rounded,
   * looked up by position or reformatted.
   */
  private static final ObjectMapper CONFIG_READER = configReader();

  private FlowDocuments() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The mapper that reads a node's config into its config record (see {@link #CONFIG_READER}). */
  public static ObjectMapper configMapper() {
    return CONFIG_READER;
  }

  private static ObjectMapper configReader() {
    ObjectMapper m =
        new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    // A decimal is never silently turned into a whole number or reformatted as text (1.50 →
    // "1.5"); booleans are never numbers.
    m.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    return m;
  }

  /**
   * Why a config value could not be read into its record, in words (what the value must be and what
   * it is); null when Jackson's own first line is the best there is.
   */
  public static String configProblem(com.fasterxml.jackson.databind.JsonMappingException e) {
    String m = String.valueOf(e.getOriginalMessage());
    java.util.regex.Matcher coerce =
        java.util.regex.Pattern.compile(
                "^Cannot coerce [A-Za-z -]+ value \\(([^)]*)\\) to `?(?:[a-z]+\\.)*(\\w+)")
            .matcher(m);
    if (coerce.find()) {
      String target = coerce.group(2);
      String kind =
          switch (target) {
            case "Integer", "Long", "Short", "Byte", "int", "long" -> "a whole number";
            case "String" -> "text";
            case "Boolean", "boolean" -> "true or false";
            default -> "a " + target;
          };
      return "it must be " + kind + ", not " + coerce.group(1) + " (values are never rounded)";
    }
    if (e instanceof MismatchedInputException mismatch
        && mismatch.getTargetType() != null
        && mismatch.getTargetType().isEnum()
        && m.contains("from number")) {
      return "it must be one of "
          + java.util.Arrays.stream(mismatch.getTargetType().getEnumConstants())
              .map(c -> ((Enum<?>) c).name())
              .collect(java.util.stream.Collectors.joining(", "))
          + ", not a number";
    }
    return null;
  }

  /** Reads a flow document, migrating older versions; refuses anything that is not a flow. */
  public static Flow read(String json) throws FlowDocumentException {
    return read(json, FlowMigrator.standard());
  }

  public static Flow read(String json, FlowMigrator migrator) throws FlowDocumentException {
    return fromJson(parse(json), migrator, true);
  }

  /**
   * Reads a document that Eddy wrote itself (the flow store): the limits are not applied again and
   * a position that cannot be read is dropped, so that a stored flow always loads.
   */
  public static Flow readStored(String json) throws FlowDocumentException {
    JsonNode root;
    try {
      root = STORED_READER.readTree(json);
    } catch (JsonProcessingException e) {
      throw syntaxError(e);
    }
    return fromJson(root, FlowMigrator.standard(), false);
  }

  /**
   * Parses JSON text under {@link FlowLimits}: at most one document, at most the size, depth and
   * text length allowed, no number that is not finite. Every refusal names the limit or where the
   * problem is.
   */
  public static JsonNode parse(String text) throws FlowDocumentException {
    return parse(text, "The file");
  }

  /**
   * As {@link #parse(String)}, naming the text in messages as {@code subject} (e.g. "The request
   * body").
   */
  public static JsonNode parse(String text, String subject) throws FlowDocumentException {
    long bytes = utf8Length(text);
    if (bytes > FlowLimits.MAX_DOCUMENT_BYTES) {
      throw new FlowDocumentException(
          "The document is "
              + FlowLimits.count(bytes)
              + " bytes, over the limit of "
              + FlowLimits.bytes(FlowLimits.MAX_DOCUMENT_BYTES)
              + " for a flow document.");
    }
    JsonNode root;
    try {
      root = DOCUMENT_READER.readTree(text);
    } catch (StreamConstraintsException e) {
      throw overLimit(e);
    } catch (MismatchedInputException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Trailing token")) {
        JsonLocation at = e.getLocation();
        throw new FlowDocumentException(
            "There is more after the end of the document"
                + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                + ": a flow document is one JSON object, and nothing may follow it.",
            at == null ? null : at.getLineNr(),
            at == null ? null : at.getColumnNr());
      }
      throw syntaxError(e, subject);
    } catch (JsonProcessingException e) {
      throw syntaxError(e, subject);
    }
    if (root == null || root.isMissingNode()) {
      throw new FlowDocumentException("The document is empty.");
    }
    DocumentChecks.check(root);
    return root;
  }

  private static FlowDocumentException overLimit(StreamConstraintsException e) {
    String m = String.valueOf(e.getOriginalMessage());
    JsonLocation at = e.getLocation();
    String where =
        at == null || at.getLineNr() < 0
            ? ""
            : " (at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    String message;
    if (m.contains("nesting depth")) {
      message =
          "The document is nested more than "
              + FlowLimits.MAX_NESTING_DEPTH
              + " levels deep"
              + where
              + ", over the limit of "
              + FlowLimits.MAX_NESTING_DEPTH
              + " levels.";
    } else if (m.contains("String value length") || m.contains("Name length")) {
      message =
          "A text in the document is longer than "
              + FlowLimits.count(FlowLimits.MAX_STRING_CHARS)
              + " characters"
              + where
              + ", over the limit for one text.";
    } else if (m.contains("Number value length")) {
      message =
          "A number in the document has more than "
              + FlowLimits.MAX_NUMBER_DIGITS
              + " digits"
              + where
              + ", over the limit for one number.";
    } else if (m.contains("Document length")) {
      message =
          "The document is over the limit of "
              + FlowLimits.bytes(FlowLimits.MAX_DOCUMENT_BYTES)
              + " for a flow document.";
    } else {
      message = "The document is over a limit: " + syntaxMessage(m) + ".";
    }
    return new FlowDocumentException(
        message,
        at == null || at.getLineNr() < 0 ? null : at.getLineNr(),
        at == null || at.getLineNr() < 0 ? null : at.getColumnNr());
  }

  private static FlowDocumentException syntaxError(JsonProcessingException e) {
    return syntaxError(e, "The file");
  }

  private static FlowDocumentException syntaxError(JsonProcessingException e, String subject) {
    JsonLocation at = e.getLocation();
    Integer line = at == null ? null : at.getLineNr();
    Integer column = at == null ? null : at.getColumnNr();
    String original = String.valueOf(e.getOriginalMessage());
    String what =
        original.contains("Non-standard token")
            ? original.replaceAll("^Non-standard token '([^']*)'.*$", "$1")
                + " is not a number in JSON: numbers must be finite"
            : syntaxMessage(original);
    return new FlowDocumentException(
        subject
            + " is not valid JSON"
            + (line == null ? "" : " at line " + line + ", column " + column)
            + ": "
            + what
            + ".",
        line,
        column);
  }

  private static long utf8Length(String text) {
    long n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** Jackson's message without its internal details (source, nested locations). */
  private static String syntaxMessage(String message) {
    String first = message == null ? "unexpected content" : message.split("\n")[0];
    return first
        .replaceAll("\\s*\\(for [A-Za-z]+ starting at.*$", "")
        .replaceAll("\\s*\\[Source:.*$", "")
        .trim();
  }

  /**
   * Refuses a flow over any of {@link FlowLimits}, as {@link #read} would refuse its document: for
   * flows changed in place (a rename) and flows about to leave (export).
   */
  public static void checkLimits(Flow flow) throws FlowDocumentException {
    fromJson(toJson(flow));
  }

  /**
   * Reads an already parsed document under the same limits as {@link #read} (whoever parsed it).
   */
  public static Flow fromJson(JsonNode root) throws FlowDocumentException {
    if (root != null) {
      DocumentChecks.check(root);
    }
    return fromJson(root, FlowMigrator.standard(), true);
  }

  /**
   * @param limited apply {@link FlowLimits} (everything from outside); false for documents Eddy
   *     stored itself, which must load whatever limits applied when they were saved
   */
  private static Flow fromJson(JsonNode parsed, FlowMigrator migrator, boolean limited)
      throws FlowDocumentException {
    if (parsed == null || !parsed.isObject()) {
      throw new FlowDocumentException(
          "This is not an Eddy flow: a flow document is a JSON object with \"format\": \""
              + FORMAT
              + "\", a \"version\", \"nodes\" and \"edges\".");
    }
    ObjectNode root = ((ObjectNode) parsed).deepCopy();
    JsonNode format = root.get("format");
    if (format == null ? !root.has("nodes") : !FORMAT.equals(format.asText())) {
      throw new FlowDocumentException(
          "This is not an Eddy flow: \"format\" must be \""
              + FORMAT
              + "\""
              + (format == null ? " (it is missing)." : ", not " + format + "."));
    }
    JsonNode version = root.get("version");
    int v = 1;
    if (version != null) {
      if (!version.canConvertToInt() || !version.isIntegralNumber()) {
        throw new FlowDocumentException(
            "\"version\" must be a whole number, such as 1, not " + version + ".");
      }
      v = version.intValue();
    }
    migrator.migrate(root, v);

    String name = optionalText(root, "name", "the flow");
    String description = optionalText(root, "description", "the flow");
    List<String> tags = Tags.read(root.get("tags"));
    List<Node> nodes = new ArrayList<>();
    JsonNode nodesJson = root.get("nodes");
    if (nodesJson != null && !nodesJson.isNull()) {
      if (!nodesJson.isArray()) {
        throw new FlowDocumentException("\"nodes\" must be a list of nodes.");
      }
      if (limited && nodesJson.size() > FlowLimits.MAX_NODES) {
        throw new FlowDocumentException(
            "The flow has "
                + FlowLimits.count(nodesJson.size())
                + " nodes, over the limit of "
                + FlowLimits.count(FlowLimits.MAX_NODES)
                + " nodes in one flow.");
      }
      int index = 0;
      for (JsonNode n : nodesJson) {
        nodes.add(readNode(n, ++index, limited));
      }
    }
    List<Edge> edges = new ArrayList<>();
    JsonNode edgesJson = root.get("edges");
    if (edgesJson != null && !edgesJson.isNull()) {
      if (!edgesJson.isArray()) {
        throw new FlowDocumentException("\"edges\" must be a list of edges.");
      }
      if (limited && edgesJson.size() > FlowLimits.MAX_EDGES) {
        throw new FlowDocumentException(
            "The flow has "
                + FlowLimits.count(edgesJson.size())
                + " connections, over the limit of "
                + FlowLimits.count(FlowLimits.MAX_EDGES)
                + " connections in one flow.");
      }
      int index = 0;
      for (JsonNode e : edgesJson) {
        edges.add(readEdge(e, ++index));
      }
    }
    Flow flow = new Flow(name, description, nodes, edges, extraFields(root, FLOW_FIELDS), tags);
    if (limited) {
      checkTexts(flow);
      checkWrittenSize(flow);
    }
    return flow;
  }

  private static void checkTexts(Flow flow) throws FlowDocumentException {
    if (flow.name() != null
        && flow.name().codePointCount(0, flow.name().length()) > FlowLimits.MAX_NAME_CHARS) {
      throw new FlowDocumentException(
          "The flow's name has "
              + FlowLimits.count(flow.name().codePointCount(0, flow.name().length()))
              + " characters, over the limit of "
              + FlowLimits.MAX_NAME_CHARS
              + " characters for a name.");
    }
    if (flow.description() != null
        && flow.description().length() > FlowLimits.MAX_DESCRIPTION_CHARS) {
      throw new FlowDocumentException(
          "The flow's description has "
              + FlowLimits.count(flow.description().length())
              + " characters, over the limit of "
              + FlowLimits.count(FlowLimits.MAX_DESCRIPTION_CHARS)
              + " characters for a description.");
    }
  }

  /**
   * Whatever is accepted must also be exportable and importable again: the document as Eddy writes
   * it (pretty-printed, secrets as they are or as references) stays within the size limit too.
   */
  private static void checkWrittenSize(Flow flow) throws FlowDocumentException {
    long written = Math.max(writtenBytes(flow), writtenBytes(Credentials.redact(flow)));
    if (written > FlowLimits.MAX_DOCUMENT_BYTES) {
      throw new FlowDocumentException(
          "Written out as Eddy exports it, the flow would be "
              + FlowLimits.count(written)
              + " bytes, over the limit of "
              + FlowLimits.bytes(FlowLimits.MAX_DOCUMENT_BYTES)
              + " for a flow document.");
    }
  }

  private static long writtenBytes(Flow flow) {
    long[] count = {1}; // the final line break of write()
    OutputStream counter =
        new OutputStream() {
          @Override
          public void write(int b) {
            count[0]++;
          }

          @Override
          public void write(byte[] b, int off, int len) {
            count[0] += len;
          }
        };
    try {
      MAPPER.writeValue(counter, toJson(flow));
    } catch (IOException e) {
      throw new IllegalStateException("a flow document could not be measured", e);
    }
    return count[0];
  }

  private static Node readNode(JsonNode n, int index, boolean limited)
      throws FlowDocumentException {
    String where = "node " + index;
    if (!n.isObject()) {
      throw new FlowDocumentException("Node " + index + " must be a JSON object.");
    }
    String id = requiredText(n, "id", where);
    where = "node \"" + id + "\"";
    String type = requiredText(n, "type", where);
    String name = optionalText(n, "name", where);
    Position position = null;
    JsonNode p = n.get("position");
    if (p != null && !p.isNull()) {
      boolean readable =
          p.isObject()
              && p.path("x").isNumber()
              && p.path("y").isNumber()
              && Double.isFinite(p.get("x").doubleValue())
              && Double.isFinite(p.get("y").doubleValue());
      if (readable) {
        position = new Position(p.get("x").doubleValue(), p.get("y").doubleValue());
      } else if (limited) {
        throw new FlowDocumentException(
            "The \"position\" of "
                + where
                + " must be {\"x\": number, \"y\": number}, with finite numbers.");
      }
      // else: a stored position that cannot be read (written before non-finite numbers were
      // refused) is dropped, so that the flow still loads; the editor places the node again.
    }
    ObjectNode config = null;
    JsonNode c = n.get("config");
    if (c != null && !c.isNull()) {
      if (!c.isObject()) {
        throw new FlowDocumentException("The \"config\" of " + where + " must be a JSON object.");
      }
      config = (ObjectNode) c;
    }
    return new Node(id, type, name, position, config, extraFields((ObjectNode) n, NODE_FIELDS));
  }

  private static Edge readEdge(JsonNode e, int index) throws FlowDocumentException {
    String where = "edge " + index;
    if (!e.isObject()) {
      throw new FlowDocumentException("Edge " + index + " must be a JSON object.");
    }
    return new Edge(
        requiredText(e, "from", where),
        requiredText(e, "to", where),
        optionalText(e, "port", where));
  }

  private static String requiredText(JsonNode n, String field, String where)
      throws FlowDocumentException {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new FlowDocumentException(
          capitalise(where)
              + (v == null
                  ? " has no \"" + field + "\""
                  : " has a \"" + field + "\" that is not text")
              + ": every "
              + where.split(" ")[0]
              + " needs one.");
    }
    return v.textValue();
  }

  private static String optionalText(JsonNode n, String field, String where)
      throws FlowDocumentException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new FlowDocumentException(
          "The \"" + field + "\" of " + where + " must be text, not " + v + ".");
    }
    return v.textValue();
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static ObjectNode extraFields(ObjectNode source, Set<String> known) {
    ObjectNode extra = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!known.contains(field.getKey())) {
        extra.set(field.getKey(), field.getValue());
      }
    }
    return extra;
  }

  /** The document as JSON, fields in a stable order. */
  public static ObjectNode toJson(Flow flow) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", FlowMigrator.CURRENT_VERSION);
    root.put("name", flow.name());
    if (flow.description() != null) {
      root.put("description", flow.description());
    }
    if (!flow.tags().isEmpty()) {
      flow.tags().forEach(root.putArray("tags")::add);
    }
    if (flow.extra() != null) {
      flow.extra().fields().forEachRemaining(f -> root.set(f.getKey(), f.getValue()));
    }
    var nodes = root.putArray("nodes");
    for (Node node : flow.nodes()) {
      ObjectNode n = nodes.addObject();
      n.put("id", node.id());
      n.put("type", node.type());
      if (node.name() != null) {
        n.put("name", node.name());
      }
      if (node.position() != null) {
        ObjectNode position = n.putObject("position");
        putNumber(position, "x", node.position().x());
        putNumber(position, "y", node.position().y());
      }
      if (node.config() != null) {
        n.set("config", node.config());
      }
      if (node.extra() != null) {
        node.extra().fields().forEachRemaining(f -> n.set(f.getKey(), f.getValue()));
      }
    }
    var edges = root.putArray("edges");
    for (Edge edge : flow.edges()) {
      ObjectNode e = edges.addObject().put("from", edge.from()).put("to", edge.to());
      if (edge.port() != null) {
        e.put("port", edge.port());
      }
    }
    return root;
  }

  private static void putNumber(ObjectNode target, String field, double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      target.put(field, (long) value);
    } else {
      target.put(field, value);
    }
  }

  /** The document as pretty-printed JSON text. */
  public static String write(Flow flow) {
    try {
      return MAPPER.writeValueAsString(toJson(flow)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a flow document could not be written", e);
    }
  }
}
