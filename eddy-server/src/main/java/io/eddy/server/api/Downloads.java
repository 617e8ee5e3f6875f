package io.eddy.server.api;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** File names for downloads: safe on every operating system, non-ASCII kept (RFC 5987/6266). */
public final class Downloads {
  private static final Set<String> WINDOWS_RESERVED =
      Set.of(
          "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
          "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");
  private static final int MAX_BASE_LENGTH = 120;

  private Downloads() {}

  /**
   * A file name from a flow name: path separators, characters Windows refuses, control characters
   * and leading/trailing dots and spaces removed, reserved device names avoided, length bounded.
   */
  public static String safeFileName(String name, String extension) {
    String base = name == null ? "" : name;
    StringBuilder b = new StringBuilder();
    base.codePoints()
        .forEach(
            cp -> {
              if (cp < 0x20 || cp == 0x7f || "<>:\"/\\|?*".indexOf(cp) >= 0) {
                b.append('_');
              } else if (Character.getType(cp) == Character.FORMAT
                  || Character.getType(cp) == Character.LINE_SEPARATOR
                  || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR) {
                b.append('_'); // bidi overrides and other invisible characters
              } else {
                b.appendCodePoint(cp);
              }
            });
    String cleaned = b.toString().replaceAll("\\s+", " ").replaceAll("\\.{2,}", ".").strip();
    cleaned = cleaned.replaceAll("^[. ]+", "").replaceAll("[. ]+$", "");
    if (cleaned.codePointCount(0, cleaned.length()) > MAX_BASE_LENGTH) {
      cleaned = cleaned.substring(0, cleaned.offsetByCodePoints(0, MAX_BASE_LENGTH)).strip();
    }
    if (cleaned.isEmpty() || cleaned.chars().allMatch(c -> c == '_')) {
      cleaned = "flow";
    }
    String stem = cleaned.split("\\.")[0].toUpperCase(Locale.ROOT);
    if (WINDOWS_RESERVED.contains(stem)) {
      cleaned = "_" + cleaned;
    }
    return cleaned + "." + extension;
  }

  /** The Content-Disposition of an attachment: an ASCII fallback plus the UTF-8 name. */
  public static String attachment(String fileName) {
    StringBuilder ascii = new StringBuilder();
    fileName
        .codePoints()
        .forEach(
            cp ->
                ascii.append(cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\' ? (char) cp : '_'));
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encode(fileName);
  }

  /** RFC 5987 percent-encoding: attr-chars stay, every other byte is %XX. */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }
}
