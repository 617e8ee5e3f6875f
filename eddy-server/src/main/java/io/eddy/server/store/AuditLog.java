package io.eddy.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The audit log's table ({@code audit_log}): entries are added, and read newest first. */
final class AuditLog {
  static final int MAX_TARGET = 1200;

  private AuditLog() {}

  static void add(Connection c, AuditEntry e) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO audit_log (occurred_at, user_name, action, target, outcome, status)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setObject(1, OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC));
      s.setString(2, FlowStore.fitUser(e.user()));
      s.setString(3, e.action());
      s.setString(4, cut(e.target(), MAX_TARGET));
      s.setString(5, e.outcome());
      s.setInt(6, e.status());
      s.executeUpdate();
    }
  }

  /**
   * Up to {@code limit} entries older than entry {@code before} (null: the newest), newest first.
   */
  static AuditPage page(Connection c, int limit, Long before) throws SQLException {
    List<AuditEntry> entries = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, occurred_at, user_name, action, target, outcome, status FROM audit_log"
                + (before == null ? "" : " WHERE id < ?")
                + " ORDER BY id DESC FETCH FIRST "
                + (limit + 1)
                + " ROWS ONLY")) {
      if (before != null) {
        s.setLong(1, before);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          entries.add(
              new AuditEntry(
                  r.getLong(1),
                  FlowStore.instant(r, 2),
                  r.getString(3),
                  r.getString(4),
                  r.getString(5),
                  r.getString(6),
                  r.getInt(7)));
        }
      }
    }
    // one more than asked says whether an older page exists
    Long next = null;
    if (entries.size() > limit) {
      entries = entries.subList(0, limit);
      next = entries.get(limit - 1).id();
    }
    return new AuditPage(List.copyOf(entries), next);
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
