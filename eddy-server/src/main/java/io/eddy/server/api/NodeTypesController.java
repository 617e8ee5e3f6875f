package io.eddy.server.api;

import io.eddy.core.nodes.GeneratedFiles;
import io.eddy.core.nodes.NodeTypes;
import io.javalin.Javalin;

/**
 * {@code GET /api/node-types}: every node type the server's analyser knows, with its ports, roles,
 * declared fields and config schema, in palette order (the editor builds its palette and forms from
 * it). The answer is the same text as the UI's test snapshot.
 */
public final class NodeTypesController {
  private final String answer;

  public NodeTypesController(NodeTypes registry) {
    this.answer = GeneratedFiles.catalog(registry);
  }

  public void register(Javalin app) {
    app.get(
        "/api/node-types",
        ctx -> ctx.contentType("application/json; charset=utf-8").result(answer));
  }
}
