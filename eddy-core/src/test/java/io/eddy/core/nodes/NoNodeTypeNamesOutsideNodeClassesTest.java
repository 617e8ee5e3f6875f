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

  /**
   * The same for the web UI: outside {@code src/nodes/} (each type's panel and the registry), no
   * TypeScript names a node type — the palette, canvas and checks read the types' declarations from
   * {@code GET /api/node-types}. A JSX {@code type="source"} is a React Flow handle's role.
   */
  @Test
  void no_ui_source_outside_the_node_folders_names_a_node_type() throws IOException {
    Path ui = TestFlows.examples().getParent().resolve("eddy-ui/src");
    String names =
        String.join(
            "|",
            NodeTypes.standard().types().stream()
                .map(NodeType::type)
                .filter(t -> !OTHER_MEANINGS.contains(t))
                .toList());
    Pattern literal = Pattern.compile("(?<!\\btype=)['\"](" + names + ")['\"]");
    List<Path> sources;
    try (Stream<Path> files = Files.walk(ui)) {
      sources =
          files
              .filter(p -> p.toString().endsWith(".ts") || p.toString().endsWith(".tsx"))
              .filter(p -> !ui.relativize(p).startsWith("nodes"))
              .filter(p -> !ui.relativize(p).startsWith("test"))
              .filter(p -> !p.toString().contains("__tests__"))
              .filter(p -> !p.getFileName().toString().contains(".test."))
              .toList();
    }
    assertThat(sources).hasSizeGreaterThan(20);
    List<String> found = new ArrayList<>();
    for (Path file : sources) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (literal.matcher(lines.get(i)).find()) {
          found.add(ui.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    }
    assertThat(found)
        .as("UI code outside src/nodes/ that names a node type (read /api/node-types instead)")
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
