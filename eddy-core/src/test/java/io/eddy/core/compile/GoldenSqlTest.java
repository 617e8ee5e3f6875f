package io.eddy.core.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.TestFlows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SQL of every example flow, compared with a golden file under {@code
 * src/test/resources/golden/}. After an intended change, regenerate with {@code mvn -pl eddy-core
 * test -Dtest=GoldenSqlTest -Dgolden.update=true} and review the diff.
 */
class GoldenSqlTest {
  static final Instant EXPORT_TIME = Instant.parse("2026-01-01T00:00:00Z");

  static Stream<Path> examples() {
    return TestFlows.exampleFiles().stream();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void example_sql_matches_its_golden_file(Path file) throws Exception {
    String sql =
        TestFlows.COMPILER
            .compile(TestFlows.read(file), CompileOptions.export().withExportTime(EXPORT_TIME))
            .script();
    String name = file.getFileName().toString().replace(".json", ".sql");
    Path golden = Path.of("src/test/resources/golden", name);
    if (Boolean.getBoolean("golden.update") || !Files.exists(golden)) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, sql);
    }
    assertThat(sql)
        .as("SQL of " + file.getFileName() + " (see " + golden + ")")
        .isEqualTo(Files.readString(golden));
  }
}
