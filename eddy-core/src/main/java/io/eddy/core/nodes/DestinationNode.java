package io.eddy.core.nodes;

import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.Property;
import io.eddy.core.sql.Sql;
import java.util.List;

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
  public List<SecretField> secretFields() {
    return KafkaConfig.SECRETS;
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
        ",\n",
        properties.stream().map(p -> "  " + Sql.id(p.name()) + " " + p.type().sqlType()).toList());
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
                                + p.type().sqlType()
                                + ") AS "
                                + Sql.id(p.name())
                            : Sql.id(p.name()))
                .toList())
        + "\nFROM "
        + Sql.id(relation);
  }
}
