package io.eddy.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A connection from one node's output to another node's input ({@code port} for joins). */
@JsonPropertyOrder({"from", "to", "port"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Edge(String from, String to, String port) {}
