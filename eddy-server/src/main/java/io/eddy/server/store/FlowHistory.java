package io.eddy.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The revisions before a flow's current one ({@code flow_revisions}): kept when a save replaces
 * them, in the save's transaction, so a save that is acknowledged has always kept its predecessor.
 */
final class FlowHistory {
  private FlowHistory() {}

  /** A revision's stored (encrypted) document and times. */
  record Stored(String document, Instant savedAt, Instant createdAt) {}

  static void keep(
      Connection c, String id, long revision, String document, OffsetDateTime savedAt, String user)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO flow_revisions (flow_id, revision, document, saved_at, saved_by)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, id);
      s.setLong(2, revision);
      s.setString(3, document);
      s.setObject(4, savedAt);
      s.setString(5, user);
      s.executeUpdate();
    }
  }

  /** Drops the flow's kept revisions up to and including {@code upTo}. */
  static void prune(Connection c, String id, long upTo) throws SQLException {
    if (upTo < 1) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement("DELETE FROM flow_revisions WHERE flow_id = ? AND revision <= ?")) {
      s.setString(1, id);
      s.setLong(2, upTo);
      s.executeUpdate();
    }
  }

  static void forget(Connection c, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM flow_revisions WHERE flow_id = ?")) {
      s.setString(1, id);
      s.executeUpdate();
    }
  }

  /** The current revision and the kept ones, newest first. */
  static List<FlowRevision> list(Connection c, String id) throws SQLException {
    List<FlowRevision> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement("SELECT revision, updated_at, updated_by FROM flows WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new FlowNotFoundException(id);
        }
        out.add(new FlowRevision(r.getLong(1), FlowStore.instant(r, 2), r.getString(3)));
      }
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT revision, saved_at, saved_by FROM flow_revisions WHERE flow_id = ?"
                + " ORDER BY revision DESC")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new FlowRevision(r.getLong(1), FlowStore.instant(r, 2), r.getString(3)));
        }
      }
    }
    return out;
  }

  /** The stored document of one revision, the current one included. */
  static Stored document(Connection c, String id, long revision) throws SQLException {
    Instant createdAt;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT f.revision, d.document, f.updated_at, f.created_at FROM flows f JOIN"
                + " flow_documents d ON d.flow_id = f.id WHERE f.id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new FlowNotFoundException(id);
        }
        createdAt = FlowStore.instant(r, 4);
        if (r.getLong(1) == revision) {
          return new Stored(r.getString(2), FlowStore.instant(r, 3), createdAt);
        }
      }
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT document, saved_at FROM flow_revisions WHERE flow_id = ? AND revision = ?")) {
      s.setString(1, id);
      s.setLong(2, revision);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new RevisionNotFoundException(id, revision);
        }
        return new Stored(r.getString(1), FlowStore.instant(r, 2), createdAt);
      }
    }
  }
}
