package io.eddy.server.store;

import java.util.List;
import java.util.Map;

/**
 * One page of the catalogue.
 *
 * @param total how many flows match the query in all
 * @param next the cursor of the next page; null on the last
 * @param counts how many flows match the query's text and tag per status (draft, valid, running,
 *     failed), whatever its status
 */
public record FlowPage(
    List<FlowSummary> flows, int total, String next, Map<String, Integer> counts) {}
