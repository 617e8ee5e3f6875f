package io.eddy.cli;

import io.eddy.core.compile.CompileOptions;
import io.eddy.core.compile.ExportRulesException;
import io.eddy.core.compile.SqlCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eddy sql FLOW.json [-o FILE]}. */
@Command(
    name = "sql",
    description = "Writes the flow's Flink SQL export (credentials as $${...} references).")
final class SqlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FLOW.json", description = "The flow document.")
  Path file;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of standard output.")
  Path output;

  @Override
  public Integer call() {
    String script;
    try {
      script =
          new SqlCompiler(FlowFiles.analyzer())
              .compile(FlowFiles.read(file), CompileOptions.export())
              .script();
    } catch (ExportRulesException e) {
      var err = spec.commandLine().getErr();
      err.println("eddy: " + file + " cannot be exported as SQL:");
      e.problems().forEach(p -> err.println("  - " + p));
      err.println("Run 'eddy validate " + file + "' to see each node's status.");
      return EddyCli.WRONG_INPUT;
    }
    if (output == null) {
      spec.commandLine().getOut().print(script);
      spec.commandLine().getOut().flush();
    } else {
      try {
        Files.writeString(output, script, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CliException(output + ": cannot be written (" + e.getMessage() + ").");
      }
    }
    return EddyCli.OK;
  }
}
