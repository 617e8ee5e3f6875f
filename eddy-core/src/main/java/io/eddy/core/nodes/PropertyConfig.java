package io.eddy.core.nodes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A property declared in a node's config (a source's {@code properties}, a database's {@code
 * columns}): a name and a type name, with the nested parts of ROW ({@code properties}), ARRAY
 * ({@code items}, no name), MAP ({@code values}, no name) and DECIMAL ({@code precision}, {@code
 * scale}), and for a source's timestamps how they are written ({@code format}, {@code pattern}).
 * {@link DeclaredProperties} checks it and turns it into a {@link io.eddy.core.model.Property}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "name",
  "type",
  "properties",
  "items",
  "values",
  "precision",
  "scale",
  "format",
  "pattern"
})
public record PropertyConfig(
    String name,
    String type,
    List<PropertyConfig> properties,
    PropertyConfig items,
    PropertyConfig values,
    Integer precision,
    Integer scale,
    String format,
    String pattern) {

  /** A property of a type without parameters. */
  public PropertyConfig(String name, String type) {
    this(name, type, null, null, null, null, null, null, null);
  }
}
