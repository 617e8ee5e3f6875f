package io.eddy.server.store;

import java.time.Instant;
import java.util.List;

/**
 * A flow as the catalogue lists it, without its document.
 *
 * @param status the status stored with the current revision ({@code draft} or {@code valid}), or,
 *     in a page, {@code running}/{@code failed} when the flow runs or its run failed
 */
public record FlowSummary(
    String id,
    String name,
    String description,
    String status,
    long revision,
    Instant updatedAt,
    List<String> tags) {}
