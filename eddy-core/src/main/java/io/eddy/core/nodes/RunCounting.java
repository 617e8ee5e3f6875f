package io.eddy.core.nodes;

import io.eddy.core.compile.CompileContext;
import io.eddy.core.model.Property;
import io.eddy.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the run-only counts (see {@code compile.RunCounts}) need to know of a node's config: a
 * source's raw messages and a window node's window. Lives beside the node classes because only they
 * know their configs; nothing here is part of an export.
 */
public final class RunCounting {
  private RunCounting() {}

  /**
   * A source's messages as Kafka holds them, read again beside the flow so that what the format
   * skipped or nulled can be counted.
   *
   * @param createTable {@code CREATE TEMPORARY TABLE name (`message` BYTES)} on the source's topic
   *     with the source's connection, startup and bounded options and the {@code raw} format
   * @param messageRowType the SQL row type the source's JSON format reads each message into (its
   *     table's physical columns), for checking each message the same way
   */
  public record RawMessages(String createTable, String messageRowType) {}

  /**
   * The source's raw messages, or empty for a node that does not read JSON messages from Kafka as
   * events: a changelog's messages replace one another, so messages read less versions held is not
   * what was skipped.
   */
  public static Optional<RawMessages> rawMessages(
      Object config, CompileContext context, String tableName) {
    if (!(config instanceof SourceNode.Config source)
        || source.kafka() == null
        || SourceNode.isChangelog(source)
        || (source.format() != null && !"json".equalsIgnoreCase(source.format()))) {
      return Optional.empty();
    }
    List<String[]> options = SourceNode.readingOptions(source, context, "-counts");
    options.add(new String[] {"format", "raw"});
    String create =
        "CREATE TEMPORARY TABLE "
            + Sql.id(tableName)
            + " (\n  `message` BYTES\n) "
            + Sql.withOptions(options);
    List<String> fields = new ArrayList<>();
    for (Property p : context.analysed(SourceNode.Read.class).message()) {
      // As the source's table declares them.
      fields.add(Sql.id(p.name()) + " " + SourceNode.messageColumnType(p));
    }
    return Optional.of(new RawMessages(create, "ROW<" + String.join(", ", fields) + ">"));
  }

  /** The event-time window of a node that drops late events (aggregate, top-n), else empty. */
  public static Optional<WindowConfig> lateDroppingWindow(Object config) {
    if (config instanceof AggregateNode.Config a) {
      return Optional.ofNullable(a.window());
    }
    if (config instanceof TopNNode.Config t) {
      return Optional.ofNullable(t.window());
    }
    return Optional.empty();
  }
}
