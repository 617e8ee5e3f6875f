package io.eddy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.eddy.core.document.FlowDiff;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eddy diff OLD.json NEW.json [--json]}. Exit status as diff(1): 0 no differences, 1
 * differences, 2 a usage error or a file that cannot be read as a flow.
 */
@Command(
    name = "diff",
    description =
        "Shows what changed between two versions of a flow (secret values are never shown); exit 0"
            + " when they do not differ, 1 when they do, 2 when a file cannot be read.")
final class DiffCommand implements Callable<Integer> {
  static final int DIFFERENT = 1;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OLD.json", description = "The earlier flow document.")
  Path oldFile;

  @Parameters(index = "1", paramLabel = "NEW.json", description = "The later flow document.")
  Path newFile;

  @Option(names = "--json", description = "Print the changes as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Flow before;
    Flow after;
    try {
      before = FlowFiles.read(oldFile);
      after = FlowFiles.read(newFile);
    } catch (CliException e) {
      // Exit 1 means "the flows differ" here, so a file that cannot be read is trouble (2).
      spec.commandLine().getErr().println("eddy: " + e.getMessage());
      return EddyCli.USAGE;
    }
    List<FlowDiff.Change> changes = FlowDiff.between(before, after);
    var out = spec.commandLine().getOut();
    if (json) {
      ObjectNode report = FlowDocuments.mapper().createObjectNode();
      report.put("identical", changes.isEmpty());
      report.set("changes", FlowDocuments.mapper().valueToTree(changes));
      out.println(FlowDocuments.mapper().writeValueAsString(report));
    } else if (changes.isEmpty()) {
      out.println("No differences.");
    } else {
      String name =
          before.name() == null ? "(unnamed)" : TextNode.valueOf(before.name()).toString();
      out.println("Flow " + name + ":");
      changes.forEach(c -> out.println("  " + c.symbol() + " " + c.text()));
      out.println(changes.size() + (changes.size() == 1 ? " change." : " changes."));
    }
    out.flush();
    return changes.isEmpty() ? EddyCli.OK : DIFFERENT;
  }
}
