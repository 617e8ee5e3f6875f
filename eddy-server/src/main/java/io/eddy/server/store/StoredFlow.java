package io.eddy.server.store;

import io.eddy.core.model.Flow;
import java.time.Instant;

/**
 * A flow as the store keeps it: its document (secrets decrypted) and metadata.
 *
 * @param revision starts at 1 and grows by one with every change; the HTTP ETag
 */
public record StoredFlow(
    String id, Flow flow, long revision, Instant createdAt, Instant updatedAt) {

  public String name() {
    return flow.name();
  }

  public String description() {
    return flow.description();
  }
}
