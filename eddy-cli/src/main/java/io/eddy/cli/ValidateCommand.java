package io.eddy.cli;

import io.eddy.core.analysis.FlowReport;
import io.eddy.core.analysis.NodeReport;
import io.eddy.core.document.FlowDocuments;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eddy validate FLOW.json [--json]}. */
@Command(
    name = "validate",
    description =
        "Prints each node's status and messages; exit 0 only when the flow is valid and exportable as SQL.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FLOW.json", description = "The flow document.")
  Path file;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    FlowReport report = FlowFiles.analyzer().report(FlowFiles.read(file));
    var out = spec.commandLine().getOut();
    if (json) {
      out.println(FlowDocuments.mapper().writeValueAsString(report));
    } else {
      for (NodeReport node : report.nodes()) {
        out.printf(
            "%-12s %s (%s)%n",
            node.status().json(), node.name() == null ? node.id() : node.name(), node.type());
        for (String message : node.messages()) {
          out.println("             - " + message);
        }
      }
      for (String problem : report.problems()) {
        out.println("Not exportable as SQL: " + problem);
      }
      out.println(report.valid() ? "The flow is valid." : "The flow is not valid.");
    }
    out.flush();
    return report.valid() ? EddyCli.OK : EddyCli.WRONG_INPUT;
  }
}
