package io.eddy.core.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.core.TestFlows;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The checked-in files generated from the node types are up to date. After changing a node type,
 * regenerate them with {@code mvn -pl eddy-core -am test -Dtest=GeneratedFilesTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Deddy.regenerate=true} and review the diff.
 */
class GeneratedFilesTest {
  static final Path ROOT = TestFlows.examples().getParent();
  static final String HOW =
      " is stale: regenerate it with mvn -pl eddy-core -am test -Dtest=GeneratedFilesTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Deddy.regenerate=true";

  @Test
  void the_json_schema_is_generated_from_the_node_types() throws Exception {
    check(GeneratedFiles.SCHEMA, GeneratedFiles.schema(NodeTypes.standard()));
  }

  @Test
  void the_ui_snapshot_of_the_node_types_is_current() throws Exception {
    check(GeneratedFiles.UI_SNAPSHOT, GeneratedFiles.catalog(NodeTypes.standard()));
  }

  @Test
  void the_node_type_reference_in_the_format_docs_is_current() throws Exception {
    String docs = Files.readString(ROOT.resolve(GeneratedFiles.FORMAT_DOCS));
    check(GeneratedFiles.FORMAT_DOCS, GeneratedFiles.formatDocs(docs, NodeTypes.standard()));
  }

  private static void check(String file, String generated) throws Exception {
    Path path = ROOT.resolve(file);
    if (Boolean.getBoolean("eddy.regenerate")) {
      Files.writeString(path, generated);
    }
    assertThat(Files.exists(path) ? Files.readString(path) : "")
        .as(file + HOW)
        .isEqualTo(generated);
  }
}
