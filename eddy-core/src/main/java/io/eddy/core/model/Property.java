package io.eddy.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A named, typed property of the events flowing out of a node. {@code eventTime} marks a property
 * that is an event-time attribute (windows and interval joins need one).
 */
@JsonPropertyOrder({"name", "type", "eventTime"})
public record Property(
    String name,
    PropertyType type,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean eventTime) {

  public static Property of(String name, PropertyType type) {
    return new Property(name, type, false);
  }

  public Property withName(String newName) {
    return new Property(newName, type, eventTime);
  }

  public Property asPlain() {
    return new Property(name, type, false);
  }
}
