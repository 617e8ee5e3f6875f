package io.eddy.cli;

import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.document.FlowDocumentException;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.document.FlowLimits;
import io.eddy.core.model.Flow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading flow files for the commands, with messages that say what is wrong and where. */
final class FlowFiles {
  private static FlowAnalyzer analyzer;

  private FlowFiles() {}

  static Flow read(Path file) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    if (size > FlowLimits.MAX_DOCUMENT_BYTES) {
      throw new CliException(
          file
              + ": "
              + FlowLimits.count(size)
              + " bytes, over the limit of "
              + FlowLimits.bytes(FlowLimits.MAX_DOCUMENT_BYTES)
              + " for a flow document.");
    }
    String text = readText(file);
    if (file.toString().toLowerCase().endsWith(".sql")) {
      throw new CliException(
          file + ": SQL exports cannot be read as flows; use the flow's JSON export.");
    }
    try {
      return FlowDocuments.read(text);
    } catch (FlowDocumentException e) {
      throw new CliException(file + ": " + e.getMessage());
    }
  }

  /** A file's text (an SQL script, a flow), with a message that says which file and why not. */
  static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static CliException unreadable(Path file, IOException e) {
    return e instanceof NoSuchFileException
        ? new CliException(file + ": no such file.")
        : new CliException(file + ": cannot be read (" + e.getMessage() + ").");
  }

  static synchronized FlowAnalyzer analyzer() {
    if (analyzer == null) {
      analyzer = new FlowAnalyzer(new FlinkExpressionChecker());
    }
    return analyzer;
  }
}
