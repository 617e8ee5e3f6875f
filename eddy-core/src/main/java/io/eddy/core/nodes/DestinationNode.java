package io.eddy.core.nodes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.Property;
import io.eddy.core.model.PropertyType;
import io.eddy.core.sql.Sql;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Event destination: writes every event it receives to a Kafka topic as a JSON object. */
public final class DestinationNode extends NodeType<DestinationNode.Config> {

  /** The destination's config. */
  public record Config(KafkaConfig kafka) {}

  @Override
  public String type() {
    return "destination";
  }

  @Override
  public String label() {
    return "Event destination";
  }

  @Override
  public String group() {
    return "Events";
  }

  @Override
  public String description() {
    return "Writes every event it receives to a Kafka topic as a JSON object.";
  }

  @Override
  public Class<Config> configClass() {
    return Config.class;
  }

  @Override
  public String color() {
    return "#8a3ffc";
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.WRITES_KAFKA, Role.SINK);
  }

  private static final List<Field> FIELDS = Field.config(KafkaConfig.FIELD);

  @Override
  public String documentation() {
    return """
        Writes every event as a JSON object with all its properties; timestamps as
        `yyyy-MM-dd HH:mm:ss.SSS`; ROW, ARRAY and MAP properties as nested JSON objects and arrays; DECIMAL
        values as exact JSON numbers (`39.98`); BYTES as base64 text.
        """;
  }

  @Override
  public List<Field> fields() {
    return FIELDS;
  }

  @Override
  public ObjectNode connectTo(
      ObjectNode config, List<String> bootstrapServers, UnaryOperator<String> topic) {
    return KafkaConfig.connectTo(config, bootstrapServers, topic);
  }

  @Override
  public Optional<String> kafkaTopic(ObjectNode config) {
    return KafkaConfig.topicIn(config);
  }

  @Override
  public void analyse(Config config, NodeContext context, NodeAnalysis result) {
    KafkaConfig.check(config.kafka(), result);
    result.output(context.input().properties().stream().map(Property::asPlain).toList());
  }

  @Override
  public NodeSql compile(Config config, CompileContext context) {
    List<String[]> options = config.kafka().connectionOptions(context);
    options.add(new String[] {"format", "json"});
    options.add(new String[] {"json.timestamp-format.standard", "SQL"});
    if (context.output().stream().anyMatch(p -> p.contains(PropertyType.DECIMAL))) {
      // 1E+2 is a valid JSON number, but not how people write 100: write decimals digit by digit.
      options.add(new String[] {"json.encode.decimal-as-plain-number", "true"});
    }
    String create =
        "CREATE TABLE "
            + Sql.id(context.relation())
            + " (\n"
            + columnList(context.output())
            + "\n) "
            + Sql.withOptions(options);
    String insert =
        "INSERT INTO "
            + Sql.id(context.relation())
            + "\n"
            + plainSelect(context.input().properties(), context.input().relation());
    return new NodeSql(List.of(create), insert);
  }

  /** Column definitions for a table holding {@code properties}. */
  public static String columnList(List<Property> properties) {
    return String.join(
        ",\n", properties.stream().map(p -> "  " + Sql.id(p.name()) + " " + p.sqlType()).toList());
  }

  /**
   * Selects every property of {@code relation}, with time attributes turned into plain timestamps:
   * a sink accepts at most one time attribute, and an interval join keeps two.
   */
  public static String plainSelect(List<Property> properties, String relation) {
    return "SELECT\n  "
        + String.join(
            ",\n  ",
            properties.stream()
                .map(
                    p ->
                        p.type().isTimestamp()
                            ? "CAST("
                                + Sql.id(p.name())
                                + " AS "
                                + p.sqlType()
                                + ") AS "
                                + Sql.id(p.name())
                            : Sql.id(p.name()))
                .toList())
        + "\nFROM "
        + Sql.id(relation);
  }
}
