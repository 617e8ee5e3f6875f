package io.eddy.core.document;

/** A document that cannot be read as a flow; the message says what and where. */
public class FlowDocumentException extends Exception {
  private final Integer line;
  private final Integer column;

  public FlowDocumentException(String message) {
    this(message, null, null);
  }

  public FlowDocumentException(String message, Integer line, Integer column) {
    super(message);
    this.line = line;
    this.column = column;
  }

  /** 1-based line of a JSON syntax error, or null. */
  public Integer line() {
    return line;
  }

  /** 1-based column of a JSON syntax error, or null. */
  public Integer column() {
    return column;
  }
}
