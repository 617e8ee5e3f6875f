package io.eddy.engine.flowtest;

import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.compile.SqlCompiler;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import io.eddy.engine.SharedAccess;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers: the example flows of the repository and one shared runner. */
final class Flows {
  static final Path EXAMPLES = Path.of("..", "examples");
  private static FlowTestRunner runner;

  private Flows() {}

  static Flow example(String file) throws Exception {
    return FlowDocuments.read(Files.readString(EXAMPLES.resolve(file)));
  }

  static Flow read(String json) throws Exception {
    return FlowDocuments.read(json);
  }

  static synchronized FlowTestRunner runner() {
    if (runner == null) {
      runner =
          new FlowTestRunner(
              SharedAccess.kafka(),
              SharedAccess.engine(),
              new SqlCompiler(new FlowAnalyzer(new FlinkExpressionChecker())));
    }
    return runner;
  }
}
