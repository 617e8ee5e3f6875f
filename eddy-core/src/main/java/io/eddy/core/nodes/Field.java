package io.eddy.core.nodes;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One declared config field of a node type: what the JSON Schema, the docs tables, {@code GET
 * /api/node-types}, the generic UI form and secret handling are generated from. Build fields with
 * the factories ({@link #string}, {@link #object}, ...) and the {@code with}-style modifiers; a
 * node type lists its top-level fields through {@link #config}, which fills in the paths.
 *
 * @param path dotted from the config root ({@code kafka.topic}); list items add {@code []} ({@code
 *     properties[].name})
 * @param sensitive a secret: redacted in exports as {@code ${NODEID_<reference>}}, encrypted at
 *     rest, never shown by the diff
 * @param reference the suffix of a sensitive field's reference name, e.g. {@code KAFKA_PASSWORD}
 * @param custom a hand-written UI panel edits it rather than the generic form
 * @param schema extra JSON Schema keywords for this field (e.g. a pattern), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "name",
  "path",
  "label",
  "type",
  "required",
  "default",
  "description",
  "allowed",
  "sensitive",
  "dependsOn",
  "fields",
  "items",
  "values",
  "custom"
})
public record Field(
    String name,
    String path,
    String label,
    Type type,
    boolean required,
    @JsonProperty("default") Object defaultValue,
    String description,
    List<String> allowed,
    boolean sensitive,
    DependsOn dependsOn,
    List<Field> fields,
    Field items,
    Field values,
    boolean custom,
    @JsonIgnore String reference,
    @JsonIgnore Map<String, Object> schema) {

  /** The kinds of field a form knows how to edit. */
  public enum Type {
    /** One line of text. */
    STRING,
    /** Several lines of text. */
    TEXT,
    INTEGER,
    NUMBER,
    BOOLEAN,
    /** One of {@code allowed}. */
    CHOICE,
    /** {@code {"value": 5, "unit": "SECOND"}}. */
    DURATION,
    /** A Flink SQL expression over the input's properties. */
    EXPRESSION,
    /** The name of an input property. */
    PROPERTY,
    /** Declared properties: {@code [{"name", "type"}]}. */
    PROPERTIES,
    LIST,
    OBJECT,
    /** An object with free keys, each value as {@code values}. */
    MAP;

    @JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Shown (and meaningful) only when {@code field} has one of {@code values}. */
  public record DependsOn(String field, List<String> values) {}

  public Field {
    description = description == null ? "" : description;
    allowed = allowed == null ? null : List.copyOf(allowed);
    fields = fields == null ? null : List.copyOf(fields);
  }

  private static Field of(Type type, String name, String label, String description) {
    return new Field(
        name,
        name,
        label,
        type,
        false,
        null,
        description,
        null,
        false,
        null,
        null,
        null,
        null,
        false,
        null,
        null);
  }

  public static Field string(String name, String label, String description) {
    return of(Type.STRING, name, label, description);
  }

  public static Field text(String name, String label, String description) {
    return of(Type.TEXT, name, label, description);
  }

  public static Field integer(String name, String label, String description) {
    return of(Type.INTEGER, name, label, description);
  }

  public static Field number(String name, String label, String description) {
    return of(Type.NUMBER, name, label, description);
  }

  public static Field bool(String name, String label, String description) {
    return of(Type.BOOLEAN, name, label, description);
  }

  public static Field choice(String name, String label, String description, String... allowed) {
    return of(Type.CHOICE, name, label, description).withAllowed(List.of(allowed));
  }

  public static Field duration(String name, String label, String description) {
    return of(Type.DURATION, name, label, description);
  }

  public static Field expression(String name, String label, String description) {
    return of(Type.EXPRESSION, name, label, description);
  }

  public static Field property(String name, String label, String description) {
    return of(Type.PROPERTY, name, label, description);
  }

  public static Field properties(String name, String label, String description) {
    return of(Type.PROPERTIES, name, label, description);
  }

  public static Field list(String name, String label, String description, Field items) {
    Field f = of(Type.LIST, name, label, description);
    return f.copy(c -> c.items = items);
  }

  public static Field object(String name, String label, String description, Field... fields) {
    Field f = of(Type.OBJECT, name, label, description);
    return f.copy(c -> c.fields = Arrays.asList(fields));
  }

  public static Field map(String name, String label, String description, Field values) {
    Field f = of(Type.MAP, name, label, description);
    return f.copy(c -> c.values = values);
  }

  /** A node type's top-level fields, with their paths (and those of nested fields) filled in. */
  public static List<Field> config(Field... fields) {
    return Arrays.stream(fields).map(f -> f.under("")).toList();
  }

  public Field asRequired() {
    return copy(c -> c.required = true);
  }

  public Field withDefault(Object value) {
    return copy(c -> c.defaultValue = value);
  }

  public Field withAllowed(List<String> values) {
    return copy(c -> c.allowed = values);
  }

  /** A secret, referenced as {@code ${NODEID_<reference>}} in exports. */
  public Field sensitive(String reference) {
    return copy(
        c -> {
          c.sensitive = true;
          c.reference = reference;
        });
  }

  public Field dependsOn(String fieldPath, String... values) {
    return copy(c -> c.dependsOn = new DependsOn(fieldPath, List.of(values)));
  }

  /** Edited by a hand-written UI panel rather than the generic form. */
  public Field asCustom() {
    return copy(c -> c.custom = true);
  }

  /** Adds JSON Schema keywords, e.g. {@code Map.of("minimum", 1)}. */
  public Field withSchema(Map<String, Object> keywords) {
    return copy(c -> c.schema = Map.copyOf(keywords));
  }

  /** The reference name of this sensitive field for a node, e.g. {@code ORDERS_KAFKA_PASSWORD}. */
  public String referenceName(String nodeId) {
    return (nodeId + "_" + reference).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
  }

  /** This field and every field nested in it, depth first. */
  public List<Field> flatten() {
    List<Field> all = new ArrayList<>();
    all.add(this);
    if (fields != null) {
      fields.forEach(f -> all.addAll(f.flatten()));
    }
    if (items != null) {
      all.addAll(items.flatten());
    }
    if (values != null) {
      all.addAll(values.flatten());
    }
    return all;
  }

  /** The path's segments, for a field outside lists: {@code kafka.topic} → [kafka, topic]. */
  public String[] segments() {
    return path.split("\\.");
  }

  private Field under(String parent) {
    String p = parent.isEmpty() ? name : parent + "." + name;
    return copy(
        c -> {
          c.path = p;
          c.fields = fields == null ? null : fields.stream().map(f -> f.under(p)).toList();
          c.items = items == null ? null : items.at(p + "[]");
          c.values = values == null ? null : values.at(p + "{}");
        });
  }

  /** A list item or map value: its path is the container's, marked. */
  private Field at(String p) {
    return copy(
        c -> {
          c.path = p;
          c.fields = fields == null ? null : fields.stream().map(f -> f.under(p)).toList();
          c.items = items == null ? null : items.at(p + "[]");
          c.values = values == null ? null : values.at(p + "{}");
        });
  }

  private Field copy(Consumer<Builder> change) {
    Builder b = new Builder(this);
    change.accept(b);
    return b.build();
  }

  /** Mutable copy, only to derive the next immutable field. */
  private static final class Builder {
    String name;
    String path;
    String label;
    Type type;
    boolean required;
    Object defaultValue;
    String description;
    List<String> allowed;
    boolean sensitive;
    DependsOn dependsOn;
    List<Field> fields;
    Field items;
    Field values;
    boolean custom;
    String reference;
    Map<String, Object> schema;

    Builder(Field f) {
      name = f.name;
      path = f.path;
      label = f.label;
      type = f.type;
      required = f.required;
      defaultValue = f.defaultValue;
      description = f.description;
      allowed = f.allowed;
      sensitive = f.sensitive;
      dependsOn = f.dependsOn;
      fields = f.fields;
      items = f.items;
      values = f.values;
      custom = f.custom;
      reference = f.reference;
      schema = f.schema;
    }

    Field build() {
      return new Field(
          name,
          path,
          label,
          type,
          required,
          defaultValue,
          description,
          allowed,
          sensitive,
          dependsOn,
          fields,
          items,
          values,
          custom,
          reference,
          schema);
    }
  }
}
