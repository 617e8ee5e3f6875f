package io.eddy.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.TestFlows;
import io.eddy.core.compile.CompileOptions;
import io.eddy.core.compile.CompiledFlow;
import io.eddy.core.model.Flow;
import io.eddy.core.model.Node;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.Column;

/**
 * Plans compiled flows with Flink in one shared table environment (dropping what each script
 * created), and checks the script's structure against the flow: one view per node that outputs
 * events, one INSERT per destination, each statement exactly one statement.
 */
final class FlinkScripts {
  private static TableEnvironment env;

  private FlinkScripts() {}

  static synchronized TableEnvironment env() {
    if (env == null) {
      env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    }
    return env;
  }

  /** Compiles a valid flow, plans it, and returns the columns of {@code view}. */
  static synchronized List<String> planAndCheck(Flow flow, String view) throws Exception {
    CompiledFlow compiled =
        TestFlows.COMPILER.compile(
            flow, CompileOptions.export().withSecrets(ref -> Optional.of("s")));
    List<String> statements = compiled.statements();
    long destinations = flow.nodes().stream().filter(n -> n.type().equals("destination")).count();
    long views =
        flow.nodes().stream().map(Node::type).filter(t -> !t.equals("destination")).count();
    assertThat(statements.stream().filter(s -> s.startsWith("INSERT INTO")).count())
        .as("INSERT statements")
        .isEqualTo(destinations);
    assertThat(statements.stream().filter(s -> s.startsWith("CREATE TEMPORARY VIEW")).count())
        .as("views")
        .isEqualTo(views);
    TableEnvironment t = env();
    try {
      compiled.settings().forEach(t.getConfig()::set);
      for (String statement : statements) {
        if (statement.startsWith("INSERT")) {
          assertThat(t.explainSql(statement)).contains("Sink");
        } else {
          t.executeSql(statement); // fails on more than one statement
        }
      }
      return view == null
          ? List.of()
          : t.from("`" + view.replace("`", "``") + "`").getResolvedSchema().getColumns().stream()
              .map(Column::getName)
              .toList();
    } finally {
      for (String v : t.listTemporaryViews()) {
        t.dropTemporaryView("`" + v.replace("`", "``") + "`");
      }
      for (String table : t.listTables()) {
        String quoted = "`" + table.replace("`", "``") + "`";
        if (!t.dropTemporaryTable(quoted)) {
          t.executeSql("DROP TABLE IF EXISTS " + quoted);
        }
      }
    }
  }
}
