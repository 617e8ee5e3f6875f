package io.eddy.core.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.TestFlows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No production code outside the node classes names a node type: whatever must treat some nodes
 * specially asks their type (its ports, its roles, its sensitive fields), so that a new node type
 * needs no change elsewhere.
 */
class NoNodeTypeNamesOutsideNodeClassesTest {
  private static final Path NODE_CLASSES = Path.of("io", "eddy", "core", "nodes");

  /**
   * Type names that are also words with another meaning in the code: {@code sql} (the custom SQL
   * node) is the SQL export's format, the CLI command and the file extension too.
   */
  private static final java.util.Set<String> OTHER_MEANINGS = java.util.Set.of("sql");

  @Test
  void no_main_source_outside_the_node_classes_names_a_node_type() throws IOException {
    Path root = TestFlows.examples().getParent();
    String names =
        String.join(
            "|",
            NodeTypes.standard().types().stream()
                .map(NodeType::type)
                .filter(t -> !OTHER_MEANINGS.contains(t))
                .toList());
    Pattern literal = Pattern.compile("\"(" + names + ")\"");
    List<String> found = new ArrayList<>();
    List<Path> sources;
    try (Stream<Path> modules = Files.list(root)) {
      sources =
          modules
              .map(m -> m.resolve("src/main/java"))
              .filter(Files::isDirectory)
              .flatMap(NoNodeTypeNamesOutsideNodeClassesTest::javaFiles)
              .toList();
    }
    assertThat(sources).hasSizeGreaterThan(50);
    for (Path file : sources) {
      if (file.getParent().endsWith(NODE_CLASSES)) {
        continue;
      }
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = literal.matcher(lines.get(i));
        if (m.find()) {
          found.add(root.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    }
    assertThat(found)
        .as("code outside the node classes that names a node type (ask the type's roles instead)")
        .isEmpty();
  }

  private static Stream<Path> javaFiles(Path dir) {
    try {
      return Files.walk(dir).filter(p -> p.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
