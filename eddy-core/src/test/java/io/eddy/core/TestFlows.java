package io.eddy.core;

import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.compile.SqlCompiler;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Shared test fixtures: one planner-backed analyser per JVM, and the example flows. */
public final class TestFlows {
  public static final FlowAnalyzer ANALYZER = new FlowAnalyzer(new FlinkExpressionChecker());
  public static final SqlCompiler COMPILER = new SqlCompiler(ANALYZER);

  private TestFlows() {}

  public static Path examples() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("examples"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("examples/ not found above the working directory");
    }
    return dir.resolve("examples");
  }

  public static List<Path> exampleFiles() {
    try (Stream<Path> files = Files.list(examples())) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Flow read(Path file) {
    try {
      return FlowDocuments.read(Files.readString(file));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public static Flow example(String name) {
    return read(examples().resolve(name + ".json"));
  }
}
