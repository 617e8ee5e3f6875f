package io.eddy.core.nodes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.model.PropertyType;
import io.eddy.core.model.TimeUnit;
import io.eddy.core.model.TimestampFormat;
import java.util.Arrays;
import java.util.List;

/**
 * The JSON Schema of a node type's config, generated from its declared fields. It describes shapes
 * only, never completeness: a half-configured node is a valid document (the analysis reports what
 * is missing), so declared {@code required} fields are not required here.
 */
public final class ConfigSchema {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where {@link #durationDefinition()} lives in a schema that embeds config schemas. */
  public static final String DURATION_REF = "#/$defs/duration";

  /** Where {@link #propertyTypeDefinition()} lives. */
  public static final String PROPERTY_TYPE_REF = "#/$defs/propertyType";

  private ConfigSchema() {}

  /** {@code {"type": "object", "properties": {...}}} for a node type's fields. */
  public static ObjectNode of(List<Field> fields) {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    fields.forEach(f -> properties.set(f.name(), of(f)));
    return schema;
  }

  /** {@link #of(List)} with the definitions it refers to, to be used on its own. */
  public static ObjectNode standalone(List<Field> fields) {
    ObjectNode schema = of(fields);
    ObjectNode defs = schema.putObject("$defs");
    defs.set("duration", durationDefinition());
    defs.set("propertyType", propertyTypeDefinition());
    return schema;
  }

  /** The schema of one field's value. */
  public static ObjectNode of(Field field) {
    ObjectNode s = JSON.createObjectNode();
    switch (field.type()) {
      case STRING, TEXT, EXPRESSION, PROPERTY -> s.put("type", "string");
      case INTEGER -> s.put("type", "integer");
      case NUMBER -> s.put("type", "number");
      case BOOLEAN -> s.put("type", "boolean");
      case CHOICE -> strings(s.putArray("enum"), field.allowed());
      case DURATION -> s.put("$ref", DURATION_REF);
      case PROPERTIES -> s.put("type", "array").set("items", declaredProperty());
      case LIST -> s.put("type", "array").set("items", of(field.items()));
      case OBJECT -> {
        s.put("type", "object");
        ObjectNode properties = s.putObject("properties");
        field.fields().forEach(f -> properties.set(f.name(), of(f)));
      }
      case MAP -> s.put("type", "object").set("additionalProperties", of(field.values()));
    }
    if (field.schema() != null) {
      field.schema().forEach((k, v) -> s.set(k, JSON.valueToTree(v)));
    }
    String description = field.description();
    if (field.sensitive()) {
      String note = "Sensitive: exported as ${NODEID_" + field.reference() + "}";
      description = description.isEmpty() ? note : description + " " + note;
      s.put("writeOnly", true);
    }
    if (!description.isEmpty() && !field.path().endsWith("]") && !field.path().endsWith("}")) {
      s.put("description", description);
    }
    if (field.defaultValue() != null) {
      s.set("default", JSON.valueToTree(field.defaultValue()));
    }
    return s;
  }

  /** {@code {"name", "type", ...}}: a declared property, its name and type present. */
  static ObjectNode declaredProperty() {
    ObjectNode s = JSON.createObjectNode();
    ArrayNode all = s.putArray("allOf");
    all.addObject().put("$ref", PROPERTY_TYPE_REF);
    ObjectNode named = all.addObject();
    strings(named.putArray("required"), List.of("name", "type"));
    named.putObject("properties").putObject("name").put("type", "string");
    return s;
  }

  /**
   * A property type: {@code type} with the nested parts of ROW ({@code properties}, named), ARRAY
   * ({@code items}) and MAP ({@code values}), a DECIMAL's {@code precision} and {@code scale}, and
   * a source timestamp's {@code format} and {@code pattern}. Recursive.
   */
  public static ObjectNode propertyTypeDefinition() {
    ObjectNode s = JSON.createObjectNode().put("type", "object");
    strings(s.putArray("required"), List.of("type"));
    ObjectNode properties = s.putObject("properties");
    properties.putObject("name").put("type", "string");
    strings(
        properties.putObject("type").putArray("enum"),
        Arrays.stream(PropertyType.values()).map(Enum::name).toList());
    properties
        .putObject("properties")
        .put("type", "array")
        .put("description", "ROW: the nested properties.")
        .set("items", declaredProperty());
    properties
        .putObject("items")
        .put("description", "ARRAY: the type of the elements (no name).")
        .put("$ref", PROPERTY_TYPE_REF);
    properties
        .putObject("values")
        .put("description", "MAP: the type of the values (keys are text; no name).")
        .put("$ref", PROPERTY_TYPE_REF);
    properties
        .putObject("precision")
        .put("type", "integer")
        .put("minimum", 1)
        .put("maximum", 38)
        .put("description", "DECIMAL: the number of digits.");
    properties
        .putObject("scale")
        .put("type", "integer")
        .put("minimum", 0)
        .put("description", "DECIMAL: the digits after the point (default 0).");
    strings(
        properties
            .putObject("format")
            .put("description", "Source timestamps: how they are written (default auto).")
            .putArray("enum"),
        TimestampFormat.names());
    properties
        .putObject("pattern")
        .put("type", "string")
        .put("description", "With format pattern: Java DateTimeFormatter letters.");
    return s;
  }

  /** {@code {"value": 5, "unit": "SECOND"}}. */
  public static ObjectNode durationDefinition() {
    ObjectNode s = JSON.createObjectNode().put("type", "object");
    strings(s.putArray("required"), List.of("value", "unit"));
    ObjectNode properties = s.putObject("properties");
    properties.putObject("value").put("type", "integer");
    strings(
        properties.putObject("unit").putArray("enum"),
        Arrays.stream(TimeUnit.values()).map(Enum::name).toList());
    return s;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
