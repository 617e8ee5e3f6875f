package io.eddy.core.nodes;

/** A property declared in a node's config: a name and a type name. */
public record PropertyConfig(String name, String type) {}
