package io.eddy.core.nodes;

import java.util.List;

/**
 * The SQL of one node: its definitions ({@code CREATE TABLE}, {@code CREATE TEMPORARY VIEW}) and,
 * for a destination, the {@code INSERT} that feeds it.
 */
public record NodeSql(List<String> definitions, String insert) {
  public static NodeSql of(String... definitions) {
    return new NodeSql(List.of(definitions), null);
  }
}
