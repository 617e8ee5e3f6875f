package io.eddy.core.document;

import java.util.Locale;

/**
 * The one set of limits on a flow document, the same wherever a document enters (import, save,
 * rename, the command line) and therefore the same for what leaves (export): whatever is accepted
 * can be written, exported and read back. docs/limits.md lists them.
 */
public final class FlowLimits {
  /** The largest document, in UTF-8 bytes, both as read and as Eddy writes it (pretty-printed). */
  public static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

  /**
   * The largest HTTP request body the server reads: one document plus room for the envelope of a
   * multipart upload.
   */
  public static final int MAX_REQUEST_BYTES = MAX_DOCUMENT_BYTES + 1024 * 1024;

  /** The deepest nesting of JSON objects and arrays (the document itself is level 1). */
  public static final int MAX_NESTING_DEPTH = 64;

  /** The longest text value anywhere in a document, in characters (a source's sample, say). */
  public static final int MAX_STRING_CHARS = 8 * 1024 * 1024;

  /** The most digits a number in a document may have. */
  public static final int MAX_NUMBER_DIGITS = 1000;

  /** The most nodes in one flow. */
  public static final int MAX_NODES = 1000;

  /** The most connections in one flow. */
  public static final int MAX_EDGES = 2000;

  /** The longest flow name, in characters. */
  public static final int MAX_NAME_CHARS = 200;

  /** The longest flow description, in characters. */
  public static final int MAX_DESCRIPTION_CHARS = 100_000;

  private FlowLimits() {}

  /** A byte count for people: "16 MiB", "17.3 MiB", "812 KiB". */
  public static String bytes(long bytes) {
    if (bytes >= 1024 * 1024) {
      double mib = bytes / 1024.0 / 1024.0;
      return (mib == Math.rint(mib)
              ? String.format(Locale.ROOT, "%d", (long) mib)
              : String.format(Locale.ROOT, "%.1f", mib))
          + " MiB";
    }
    if (bytes >= 1024) {
      return String.format(Locale.ROOT, "%d KiB", bytes / 1024);
    }
    return bytes + " bytes";
  }

  /** A count for people: "1,000". */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
