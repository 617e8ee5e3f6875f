package io.eddy.core.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks a parsed JSON tree against {@link FlowLimits}, whoever parsed it: nesting depth, text
 * length, and numbers that JSON and JavaScript can carry exactly as finite numbers. A number such
 * as {@code 1e309} is refused here: read as a double it is Infinity, which cannot be written back
 * as JSON, so accepting it would leave a document that no longer loads.
 */
final class DocumentChecks {
  private DocumentChecks() {}

  static void check(JsonNode root) throws FlowDocumentException {
    check(root, "", 1);
  }

  private static void check(JsonNode node, String path, int depth) throws FlowDocumentException {
    if (node.isContainerNode() && depth > FlowLimits.MAX_NESTING_DEPTH) {
      throw new FlowDocumentException(
          "The document is nested more than "
              + FlowLimits.MAX_NESTING_DEPTH
              + " levels deep (at "
              + where(path)
              + "), over the limit of "
              + FlowLimits.MAX_NESTING_DEPTH
              + " levels.");
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        checkText(field.getKey(), child);
        check(field.getValue(), child, depth + 1);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), path + "[" + i + "]", depth + 1);
      }
    } else if (node.isTextual()) {
      checkText(node.textValue(), path);
    } else if (node.isNumber()) {
      checkNumber(node, path);
    }
  }

  private static void checkText(String text, String path) throws FlowDocumentException {
    if (text.length() > FlowLimits.MAX_STRING_CHARS) {
      throw new FlowDocumentException(
          "The text at "
              + where(path)
              + " has "
              + FlowLimits.count(text.length())
              + " characters, over the limit of "
              + FlowLimits.count(FlowLimits.MAX_STRING_CHARS)
              + " characters for one text.");
    }
  }

  private static void checkNumber(JsonNode number, String path) throws FlowDocumentException {
    int digits =
        number.isBigDecimal()
            ? number.decimalValue().precision()
            : number.isBigInteger() ? number.bigIntegerValue().toString().length() : 0;
    if (digits > FlowLimits.MAX_NUMBER_DIGITS) {
      throw new FlowDocumentException(
          "The number at "
              + where(path)
              + " has "
              + FlowLimits.count(digits)
              + " digits, over the limit of "
              + FlowLimits.MAX_NUMBER_DIGITS
              + " digits for one number.");
    }
    if (!Double.isFinite(number.doubleValue())) {
      throw new FlowDocumentException(
          "The number at "
              + where(path)
              + " ("
              + shown(number)
              + ") is not a finite number: numbers must lie between -1.7976931348623157E308 and"
              + " 1.7976931348623157E308.");
    }
  }

  private static String shown(JsonNode number) {
    if (number.isBigDecimal()) {
      BigDecimal d = number.decimalValue();
      return d.precision() > 20 ? d.round(new java.math.MathContext(6)).toString() : d.toString();
    }
    String text = number.asText();
    return text.length() > 24 ? text.substring(0, 20) + "…" : text;
  }

  private static String where(String path) {
    return path.isEmpty() ? "the top of the document" : "`" + path + "`";
  }
}
