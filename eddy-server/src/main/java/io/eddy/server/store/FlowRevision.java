package io.eddy.server.store;

import java.time.Instant;

/**
 * One revision of a flow in its history.
 *
 * @param user who saved it (the signed-in user, {@code token NAME} for an API token, {@code owner}
 *     for the installation's access token); null when not known (revisions saved before Eddy
 *     recorded it, the demo flow)
 */
public record FlowRevision(long revision, Instant updatedAt, String user) {}
