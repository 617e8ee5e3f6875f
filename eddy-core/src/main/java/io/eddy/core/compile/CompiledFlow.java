package io.eddy.core.compile;

import io.eddy.core.model.Property;
import io.eddy.core.sql.Sql;
import java.util.List;
import java.util.Map;

/**
 * A compiled flow: the settings ({@code SET} statements in the script, configuration when run
 * programmatically), the statements to execute one by one, and the whole script as exported.
 *
 * @param outputNodeId the node whose events the flow (or its tap) outputs
 * @param output that node's properties
 */
public record CompiledFlow(
    String header,
    Map<String, String> settings,
    List<String> statements,
    String outputNodeId,
    List<Property> output) {

  /** The script: a header comment, the {@code SET}s, then each statement ended by a semicolon. */
  public String script() {
    StringBuilder script = new StringBuilder(header);
    settings.forEach(
        (key, value) ->
            script
                .append("\nSET ")
                .append(Sql.str(key))
                .append(" = ")
                .append(Sql.str(value))
                .append(";"));
    script.append('\n');
    for (String statement : statements) {
      script.append('\n').append(statement).append(";\n");
    }
    return script.toString();
  }
}
