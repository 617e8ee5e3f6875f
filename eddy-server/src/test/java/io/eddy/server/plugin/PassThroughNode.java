package io.eddy.server.plugin;

import io.eddy.core.compile.CompileContext;
import io.eddy.core.nodes.Field;
import io.eddy.core.nodes.NodeAnalysis;
import io.eddy.core.nodes.NodeContext;
import io.eddy.core.nodes.NodeSql;
import io.eddy.core.nodes.NodeType;
import io.eddy.core.sql.Sql;
import java.util.List;

/**
 * A node type that exists only in the tests, to show that adding one takes this class and one line
 * of registration (test resources, {@code plugins/pass-through/META-INF/services/...}): it passes
 * its input's events on unchanged, optionally noting why.
 */
public final class PassThroughNode extends NodeType<PassThroughNode.Config> {

  /** Its config: a note, and whether to keep the events (always, for now). */
  public record Config(String note, Boolean keep) {}

  private static final List<Field> FIELDS =
      Field.config(
          Field.string("note", "Note", "Why the events pass here.").asRequired(),
          Field.bool("keep", "Keep the events", "Always true.").withDefault(true));

  @Override
  public String type() {
    return "passThrough";
  }

  @Override
  public String label() {
    return "Pass-through";
  }

  @Override
  public String group() {
    return "Processors";
  }

  @Override
  public String description() {
    return "Passes every event on unchanged.";
  }

  @Override
  public String color() {
    return "#6f6f6f";
  }

  @Override
  public Class<Config> configClass() {
    return Config.class;
  }

  @Override
  public List<Field> fields() {
    return FIELDS;
  }

  @Override
  public void analyse(Config config, NodeContext context, NodeAnalysis result) {
    if (config.note() == null || config.note().isBlank()) {
      result.missing("Write a note.");
    }
    result.output(context.input().properties());
  }

  @Override
  public NodeSql compile(Config config, CompileContext context) {
    return NodeSql.of(
        "CREATE TEMPORARY VIEW "
            + Sql.id(context.relation())
            + " AS\nSELECT *\nFROM "
            + Sql.id(context.input().relation()));
  }
}
