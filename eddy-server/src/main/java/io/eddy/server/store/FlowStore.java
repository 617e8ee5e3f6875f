package io.eddy.server.store;

import io.eddy.core.document.Credentials;
import io.eddy.core.document.FlowDocumentException;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flow store: flow documents (JSON text) with id, name, description, revision and times in one
 * table of a JDBC database, migrated by Flyway: an H2 file under the data directory by default,
 * PostgreSQL by configuration. Every change is one transaction and checks the revision it was based
 * on (optimistic concurrency). Secrets inside documents are encrypted with a {@link SecretCipher}.
 */
public final class FlowStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlowStore.class);

  private final String url;
  private final ConnectionPool pool;
  private final SecretCipher cipher;

  private FlowStore(String url, ConnectionPool pool, SecretCipher cipher) {
    this.url = url;
    this.pool = pool;
    this.cipher = cipher;
  }

  /**
   * The default store URL: an H2 database file under {@code dataDir/store}, writing every commit to
   * the file before acknowledging it.
   */
  public static String defaultUrl(Path dataDir) {
    // WRITE_DELAY=0: every commit reaches the file before it is acknowledged (H2 otherwise writes
    // commits up to a second later, and a killed process would lose them).
    return "jdbc:h2:file:"
        + dataDir.resolve("store").resolve("eddy").toAbsolutePath()
        + ";WRITE_DELAY=0";
  }

  /**
   * Opens (and migrates) the store.
   *
   * @param url a JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql://...}); null for the
   *     default H2 file under {@code dataDir}
   * @param cipher encrypts the secrets of flow documents
   */
  public static FlowStore open(String url, String user, String password, SecretCipher cipher) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("a JDBC URL is required");
    }
    if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
      throw new StoreException(
          "The store URL must be an H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql://...) JDBC"
              + " URL, not `"
              + safeUrl(url)
              + "`.");
    }
    try {
      Flyway.configure()
          .dataSource(url, user, password)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StoreException(
          "The flow store at " + safeUrl(url) + " could not be opened: " + reason(e), e);
    }
    ConnectionPool pool = new ConnectionPool(url, user, password, 4);
    FlowStore store = new FlowStore(url, pool, cipher);
    store.count(); // fails now rather than at the first request
    return store;
  }

  /** A JDBC URL without its password parameter, for messages and logs. */
  public static String safeUrl(String url) {
    return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  public String url() {
    return safeUrl(url);
  }

  private static String reason(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      String m = String.valueOf(c.getMessage());
      if (m.contains("already in use") || m.contains("locked by another process")) {
        return "the database is in use by another process (is another Eddy running with the same"
            + " data directory?).";
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = String.valueOf(root.getMessage()).split("\n")[0].trim();
    m = m.replaceAll("\\s*\\[[0-9-]+]$", "");
    return m.endsWith(".") ? m : m + ".";
  }

  // --- operations ---

  /** Saves a new flow with a fresh id at revision 1. */
  public StoredFlow create(Flow flow) {
    String id = UUID.randomUUID().toString();
    Instant now = now();
    String document = encode(flow);
    inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO flows (id, name, description, document, revision, created_at,"
                      + " updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, nameOf(flow));
            s.setString(3, flow.description());
            s.setString(4, document);
            s.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            s.setObject(6, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            s.executeUpdate();
          }
          return null;
        });
    return new StoredFlow(id, flow, 1, now, now);
  }

  /** Creates several flows in one transaction: all or none. */
  public List<StoredFlow> createAll(List<Flow> flows) {
    Instant now = now();
    List<StoredFlow> created = new ArrayList<>();
    inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO flows (id, name, description, document, revision, created_at,"
                      + " updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)")) {
            for (Flow flow : flows) {
              String id = UUID.randomUUID().toString();
              s.setString(1, id);
              s.setString(2, nameOf(flow));
              s.setString(3, flow.description());
              s.setString(4, encode(flow));
              s.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
              s.setObject(6, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
              s.executeUpdate();
              created.add(new StoredFlow(id, flow, 1, now, now));
            }
          }
          return null;
        });
    return created;
  }

  public Optional<StoredFlow> find(String id) {
    return inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT id, document, revision, created_at, updated_at FROM flows WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
              return r.next() ? Optional.of(read(r)) : Optional.<StoredFlow>empty();
            }
          }
        });
  }

  public StoredFlow get(String id) {
    return find(id).orElseThrow(() -> new FlowNotFoundException(id));
  }

  /** Every flow, the most recently changed first. */
  public List<StoredFlow> list() {
    return inTransaction(
        c -> {
          List<StoredFlow> out = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT id, document, revision, created_at, updated_at FROM flows"
                          + " ORDER BY updated_at DESC, name, id");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              out.add(read(r));
            }
          }
          return out;
        });
  }

  public int count() {
    return inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM flows");
              ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
          }
        });
  }

  /**
   * Replaces a flow's document when it is still at {@code expectedRevision}.
   *
   * @throws FlowNotFoundException when there is no such flow
   * @throws StaleRevisionException when someone saved it in between
   */
  public StoredFlow save(String id, Flow flow, long expectedRevision) {
    Instant now = now();
    String document = encode(flow);
    return inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE flows SET name = ?, description = ?, document = ?, revision = revision"
                      + " + 1, updated_at = ? WHERE id = ? AND revision = ?")) {
            s.setString(1, nameOf(flow));
            s.setString(2, flow.description());
            s.setString(3, document);
            s.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            s.setString(5, id);
            s.setLong(6, expectedRevision);
            if (s.executeUpdate() == 1) {
              try (PreparedStatement q =
                  c.prepareStatement("SELECT created_at FROM flows WHERE id = ?")) {
                q.setString(1, id);
                try (ResultSet r = q.executeQuery()) {
                  r.next();
                  return new StoredFlow(id, flow, expectedRevision + 1, instant(r, 1), now);
                }
              }
            }
          }
          try (PreparedStatement q =
              c.prepareStatement("SELECT revision FROM flows WHERE id = ?")) {
            q.setString(1, id);
            try (ResultSet r = q.executeQuery()) {
              if (!r.next()) {
                throw new FlowNotFoundException(id);
              }
              throw new StaleRevisionException(id, expectedRevision, r.getLong(1));
            }
          }
        });
  }

  /** Deletes a flow; false when there was none. */
  public boolean delete(String id) {
    return inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement("DELETE FROM flows WHERE id = ?")) {
            s.setString(1, id);
            return s.executeUpdate() == 1;
          }
        });
  }

  /** Whether the database answers. */
  public boolean healthy() {
    try {
      count();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (url.startsWith("jdbc:h2:") && !url.contains(":mem:")) {
      try {
        Connection c = pool.take();
        try (var s = c.createStatement()) {
          s.execute("SHUTDOWN");
        } finally {
          pool.give(c, false);
        }
      } catch (SQLException e) {
        LOG.debug("H2 shutdown failed", e);
      }
    }
    pool.close();
  }

  // --- encoding ---

  private static String nameOf(Flow flow) {
    return flow.name() == null ? "Untitled flow" : flow.name();
  }

  private String encode(Flow flow) {
    Flow sealed =
        Credentials.map(
            flow,
            secret ->
                secret.isReference() || SecretCipher.isEncrypted(secret.value())
                    ? secret.value()
                    : cipher.encrypt(secret.value()));
    return FlowDocuments.write(sealed);
  }

  private StoredFlow read(ResultSet r) throws SQLException {
    String id = r.getString(1);
    Flow flow;
    try {
      flow = FlowDocuments.readStored(r.getString(2));
    } catch (FlowDocumentException e) {
      throw new StoreException("The stored flow " + id + " cannot be read: " + e.getMessage(), e);
    }
    flow =
        Credentials.map(
            flow,
            secret -> {
              try {
                return cipher.decrypt(secret.value());
              } catch (StoreException e) {
                LOG.warn("Flow {}: {}", id, e.getMessage());
                return "";
              }
            });
    return new StoredFlow(id, flow, r.getLong(3), instant(r, 4), instant(r, 5));
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  // --- transactions ---

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(Work<T> work) {
    Connection c;
    try {
      c = pool.take();
    } catch (SQLException e) {
      throw new StoreException(
          "The flow store at " + safeUrl(url) + " cannot be reached: " + reason(e), e);
    }
    boolean healthy = true;
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException e) {
      rollback(c);
      healthy = false;
      throw new StoreException("The flow store failed: " + reason(e), e);
    } catch (RuntimeException e) {
      rollback(c);
      throw e;
    } finally {
      pool.give(c, healthy);
    }
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is dropped anyway
    }
  }
}
