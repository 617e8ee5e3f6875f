package io.eddy.core.analysis;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.eddy.core.model.Property;
import java.util.List;

/**
 * One node's status, its messages (as before) and the same problems as values, and the properties
 * it outputs.
 */
@JsonPropertyOrder({"id", "name", "type", "status", "messages", "problems", "output"})
public record NodeReport(
    String id,
    String name,
    String type,
    NodeStatus status,
    List<String> messages,
    List<Problem> problems,
    List<Property> output) {}
