package io.eddy.server.store;

import java.time.Instant;

/**
 * One revision of a flow in its history.
 *
 * @param user who saved it; null until Eddy has sign-in
 */
public record FlowRevision(long revision, Instant updatedAt, String user) {}
