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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flow store: flow documents (JSON text) with id, name, description, revision and times in one
 * table of a JDBC database, migrated by Flyway: an H2 file under the data directory by default,
 * PostgreSQL by configuration. Every change is one transaction and checks the revision it was based
 * on (optimistic concurrency). Secrets inside documents are encrypted with a {@link SecretCipher}.
 *
 * <p>For the catalogue, every write also stores the status of the new revision (from {@link
 * Options#classifier()}, computed before the transaction, so listing never analyses a flow), the
 * flow's tags, and keeps the revision it replaced in the history ({@code flow_revisions}).
 */
public final class FlowStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlowStore.class);

  /**
   * The length of the columns that say who saved a revision ({@code updated_by}, {@code saved_by}).
   */
  static final int MAX_USER = 200;

  /** Says whether a flow document is {@code valid} or a {@code draft}. */
  @FunctionalInterface
  public interface Classifier {
    String statusOf(Flow flow);
  }

  /**
   * How the store classifies and how much history it keeps.
   *
   * @param classifier the status stored with each revision; null stores none (listed as draft)
   * @param keepRevisions how many revisions before the current one each flow keeps; 0 keeps all
   */
  public record Options(Classifier classifier, int keepRevisions) {
    public static final Options DEFAULTS = new Options(null, 0);

    public Options {
      if (keepRevisions < 0) {
        throw new IllegalArgumentException("keepRevisions must be 0 (all) or more");
      }
    }
  }

  private final String url;
  private final ConnectionPool pool;
  private final SecretCipher cipher;
  private final Options options;

  private FlowStore(String url, ConnectionPool pool, SecretCipher cipher, Options options) {
    this.url = url;
    this.pool = pool;
    this.cipher = cipher;
    this.options = options;
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
    return open(url, user, password, cipher, Options.DEFAULTS);
  }

  /** Opens (and migrates) the store with a classifier and a history retention. */
  public static FlowStore open(
      String url, String user, String password, SecretCipher cipher, Options options) {
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
    FlowStore store = new FlowStore(url, pool, cipher, options);
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
    if (isLockConflict(e)) {
      // H2's lock message quotes the whole locked row; the user needs to know what to do.
      return "other changes to the same flow kept it locked too long; try again.";
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

  /** Saves a new flow with a fresh id at revision 1, by nobody known (the demo flow, tests). */
  public StoredFlow create(Flow flow) {
    return create(flow, null);
  }

  /**
   * Saves a new flow with a fresh id at revision 1.
   *
   * @param user who created it, as its history shows (null: not known)
   */
  public StoredFlow create(Flow flow, String user) {
    return createAll(List.of(flow), user).get(0);
  }

  /** Creates several flows in one transaction, by nobody known: all or none. */
  public List<StoredFlow> createAll(List<Flow> flows) {
    return createAll(flows, null);
  }

  /**
   * Creates several flows in one transaction: all or none.
   *
   * @param user who created them (null: not known)
   */
  public List<StoredFlow> createAll(List<Flow> flows, String user) {
    Instant now = now();
    List<String> statuses = flows.stream().map(this::statusOf).toList();
    List<String> documents = flows.stream().map(this::encode).toList();
    List<StoredFlow> created = new ArrayList<>();
    inTransaction(
        c -> {
          created.clear();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "INSERT INTO flows (id, name, description, revision, created_at, updated_at,"
                          + " status, status_revision, search_text, updated_by) VALUES (?, ?, ?, 1,"
                          + " ?, ?, ?, 1, ?, ?)");
              PreparedStatement d =
                  c.prepareStatement(
                      "INSERT INTO flow_documents (flow_id, document) VALUES (?, ?)")) {
            for (int i = 0; i < flows.size(); i++) {
              Flow flow = flows.get(i);
              String id = UUID.randomUUID().toString();
              s.setString(1, id);
              s.setString(2, nameOf(flow));
              s.setString(3, flow.description());
              s.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
              s.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
              s.setString(6, statuses.get(i));
              s.setString(7, FlowListing.searchText(flow));
              s.setString(8, fitUser(user));
              s.executeUpdate();
              d.setString(1, id);
              d.setString(2, documents.get(i));
              d.executeUpdate();
              writeTags(c, id, flow.tags());
              created.add(new StoredFlow(id, flow, 1, now, now));
            }
          }
          return null;
        });
    return List.copyOf(created);
  }

  public Optional<StoredFlow> find(String id) {
    return inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(SELECT_STORED + " WHERE f.id = ?")) {
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
                  c.prepareStatement(SELECT_STORED + " ORDER BY f.updated_at DESC, f.name, f.id");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              out.add(read(r));
            }
          }
          return out;
        });
  }

  /**
   * Every flow's summary (no document is read), the most recently changed first: what the plain
   * flow list answers.
   */
  public List<FlowSummary> summaries() {
    return inTransaction(c -> FlowListing.all(c));
  }

  /** One page of the catalogue; {@code runStatuses} are the flows that run or failed to. */
  public FlowPage page(FlowQuery query, Map<String, String> runStatuses) {
    return inTransaction(c -> FlowListing.page(c, query, runStatuses));
  }

  /** Every tag with the number of flows that carry it, most used first. */
  public List<FlowListing.TagCount> tags() {
    return inTransaction(FlowListing::tags);
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
   * Replaces a flow's document when it is still at {@code expectedRevision}, keeping the replaced
   * revision in the history.
   *
   * @throws FlowNotFoundException when there is no such flow
   * @throws StaleRevisionException when someone saved it in between
   */
  public StoredFlow save(String id, Flow flow, long expectedRevision) {
    return save(id, flow, expectedRevision, null);
  }

  /**
   * Replaces a flow's document when it is still at {@code expectedRevision}, as {@link
   * #save(String, Flow, long)}, recording {@code user} (null: not known) as who saved the new
   * revision.
   */
  public StoredFlow save(String id, Flow flow, long expectedRevision, String user) {
    return inTransaction(
        c -> {
          Row current = row(c, id, false);
          if (current.revision() != expectedRevision) {
            throw new StaleRevisionException(id, expectedRevision, current.revision());
          }
          return write(c, id, flow, current, user);
        });
  }

  /**
   * Changes the newest revision of a flow, whatever it is, in one transaction that locks the row
   * between reading and writing: for changes that do not depend on the revision the user saw (a
   * rename without If-Match), which must not fail because someone saved in between.
   *
   * @throws FlowNotFoundException when there is no such flow
   */
  public StoredFlow update(String id, UnaryOperator<Flow> change) {
    return update(id, change, null);
  }

  /** {@link #update(String, UnaryOperator)} recording {@code user} (null: not known). */
  public StoredFlow update(String id, UnaryOperator<Flow> change, String user) {
    return inTransaction(
        c -> {
          Row current = row(c, id, true);
          return write(c, id, change.apply(decode(id, current.document())), current, user);
        });
  }

  /** A flow's row as a write replaces it (and keeps it in the history). */
  private record Row(
      long revision, String document, OffsetDateTime savedAt, String user, Instant createdAt) {}

  /**
   * The current row of a flow within the caller's transaction; {@code lock}: held until the
   * transaction ends.
   */
  private static Row row(Connection c, String id, boolean lock) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT f.revision, d.document, f.updated_at, f.updated_by, f.created_at FROM flows f"
                + " JOIN flow_documents d ON d.flow_id = f.id WHERE f.id = ?"
                + (lock ? " FOR UPDATE" : ""))) {
      q.setString(1, id);
      try (ResultSet r = q.executeQuery()) {
        if (!r.next()) {
          throw new FlowNotFoundException(id);
        }
        return new Row(
            r.getLong(1),
            r.getString(2),
            r.getObject(3, OffsetDateTime.class),
            r.getString(4),
            instant(r, 5));
      }
    }
  }

  /**
   * Replaces the document of {@code previous}, read within the caller's transaction: a revision
   * number is written once, so that row is the one the update below replaces, if the update wins.
   */
  private StoredFlow write(Connection c, String id, Flow flow, Row previous, String user)
      throws SQLException {
    Instant now = now();
    String document = encode(flow);
    String status = statusOf(flow);
    long expectedRevision = previous.revision();
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE flows SET name = ?, description = ?, revision = revision + 1, updated_at ="
                + " ?, updated_by = ?, status = ?, status_revision = revision + 1, search_text = ?"
                + " WHERE id = ? AND revision = ?")) {
      s.setString(1, nameOf(flow));
      s.setString(2, flow.description());
      s.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      s.setString(4, fitUser(user));
      s.setString(5, status);
      s.setString(6, FlowListing.searchText(flow));
      s.setString(7, id);
      s.setLong(8, expectedRevision);
      if (s.executeUpdate() != 1) {
        throw staleOrMissing(c, id, expectedRevision);
      }
    }
    try (PreparedStatement d =
        c.prepareStatement("UPDATE flow_documents SET document = ? WHERE flow_id = ?")) {
      d.setString(1, document);
      d.setString(2, id);
      d.executeUpdate();
    }
    FlowHistory.keep(
        c, id, expectedRevision, previous.document(), previous.savedAt(), previous.user());
    if (options.keepRevisions() > 0) {
      FlowHistory.prune(c, id, expectedRevision - options.keepRevisions());
    }
    writeTags(c, id, flow.tags());
    return new StoredFlow(id, flow, expectedRevision + 1, previous.createdAt(), now);
  }

  /** The columns for who saved hold 200 characters; a longer name is cut rather than refused. */
  static String fitUser(String user) {
    return user == null || user.length() <= MAX_USER ? user : user.substring(0, MAX_USER);
  }

  private static RuntimeException staleOrMissing(Connection c, String id, long expected)
      throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT revision FROM flows WHERE id = ?")) {
      q.setString(1, id);
      try (ResultSet r = q.executeQuery()) {
        if (!r.next()) {
          return new FlowNotFoundException(id);
        }
        return new StaleRevisionException(id, expected, r.getLong(1));
      }
    }
  }

  /** Deletes a flow with its history and tags; false when there was none. */
  public boolean delete(String id) {
    return inTransaction(
        c -> {
          writeTags(c, id, List.of());
          FlowHistory.forget(c, id);
          try (PreparedStatement d =
              c.prepareStatement("DELETE FROM flow_documents WHERE flow_id = ?")) {
            d.setString(1, id);
            d.executeUpdate();
          }
          try (PreparedStatement s = c.prepareStatement("DELETE FROM flows WHERE id = ?")) {
            s.setString(1, id);
            return s.executeUpdate() == 1;
          }
        });
  }

  // --- history ---

  /**
   * The flow's revisions, newest first: the current one and those kept before it.
   *
   * @throws FlowNotFoundException when there is no such flow
   */
  public List<FlowRevision> history(String id) {
    return inTransaction(c -> FlowHistory.list(c, id));
  }

  /**
   * The flow as it was at {@code revision} (the current revision included).
   *
   * @throws FlowNotFoundException when there is no such flow or revision
   */
  public StoredFlow revision(String id, long revision) {
    return inTransaction(
        c -> {
          FlowHistory.Stored stored = FlowHistory.document(c, id, revision);
          return new StoredFlow(
              id, decode(id, stored.document()), revision, stored.createdAt(), stored.savedAt());
        });
  }

  // --- audit log ---

  /** Adds an entry to the audit log ({@code at} as given; the id is the store's). */
  public void audit(AuditEntry entry) {
    inTransaction(
        c -> {
          AuditLog.add(c, entry);
          return null;
        });
  }

  /**
   * Up to {@code limit} audit entries, newest first, older than entry {@code before} (null: from
   * the newest).
   */
  public AuditPage auditLog(int limit, Long before) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more");
    }
    return inTransaction(c -> AuditLog.page(c, limit, before));
  }

  // --- status of revisions saved before the catalogue ---

  /**
   * Classifies every flow whose current revision has no stored status (saved by an Eddy before the
   * catalogue, or while classifying failed), a few at a time, and stores its status and tags. Runs
   * in the background after start; a flow saved meanwhile keeps the status of its save.
   *
   * @return how many flows were classified
   */
  public int classifyPending() {
    if (options.classifier() == null) {
      return 0;
    }
    int done = 0;
    while (true) {
      List<StoredFlow> pending =
          inTransaction(
              c -> {
                List<StoredFlow> out = new ArrayList<>();
                try (PreparedStatement s =
                    c.prepareStatement(
                        SELECT_STORED
                            + " WHERE f.status_revision IS NULL OR f.status_revision <> f.revision"
                            + " ORDER BY f.updated_at DESC, f.id FETCH FIRST 50 ROWS ONLY")) {
                  try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                      out.add(read(r));
                    }
                  }
                }
                return out;
              });
      if (pending.isEmpty()) {
        return done;
      }
      for (StoredFlow f : pending) {
        String status = statusOf(f.flow());
        inTransaction(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "UPDATE flows SET status = ?, status_revision = revision, search_text = ?"
                          + " WHERE id = ? AND revision = ?")) {
                s.setString(1, status == null ? "draft" : status);
                s.setString(2, FlowListing.searchText(f.flow()));
                s.setString(3, f.id());
                s.setLong(4, f.revision());
                if (s.executeUpdate() == 1) {
                  writeTags(c, f.id(), f.flow().tags());
                }
              }
              return null;
            });
        done++;
      }
    }
  }

  private String statusOf(Flow flow) {
    if (options.classifier() == null) {
      return null;
    }
    try {
      return options.classifier().statusOf(flow);
    } catch (RuntimeException | AssertionError | StackOverflowError e) {
      // An odd flow must never stop a save; it lists as a draft, as its validation will say.
      LOG.warn("Classifying flow `{}` failed: {}", flow.name(), e.toString());
      return "draft";
    }
  }

  private static void writeTags(Connection c, String id, List<String> tags) throws SQLException {
    try (PreparedStatement d = c.prepareStatement("DELETE FROM flow_tags WHERE flow_id = ?")) {
      d.setString(1, id);
      d.executeUpdate();
    }
    if (tags.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement("INSERT INTO flow_tags (flow_id, position, tag) VALUES (?, ?, ?)")) {
      for (int i = 0; i < tags.size(); i++) {
        s.setString(1, id);
        s.setInt(2, i);
        s.setString(3, tags.get(i));
        s.addBatch();
      }
      s.executeBatch();
    }
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
    return FlowDocuments.write(sealed(flow));
  }

  /**
   * The flow with every secret sealed (encrypted with this store's key) as it is at rest: what API
   * answers show, so that no answer carries a secret in plain text. A sealed value sent back is
   * kept as it is, so a document read from the API and saved again keeps its secrets.
   */
  public Flow sealed(Flow flow) {
    return Credentials.map(
        flow,
        secret ->
            secret.isReference() || SecretCipher.isEncrypted(secret.value())
                ? secret.value()
                : cipher.encrypt(secret.value()));
  }

  /**
   * The plain value of a value received from a client: a sealed one is opened, anything else is
   * returned as it is.
   *
   * @throws StoreException when it was sealed with another key (another Eddy's, or damaged)
   */
  public String unseal(String value) {
    return cipher.decrypt(value);
  }

  /** The columns {@link #read} takes, flows as {@code f}; add a WHERE or ORDER BY. */
  private static final String SELECT_STORED =
      "SELECT f.id, d.document, f.revision, f.created_at, f.updated_at FROM flows f"
          + " JOIN flow_documents d ON d.flow_id = f.id";

  private StoredFlow read(ResultSet r) throws SQLException {
    String id = r.getString(1);
    return new StoredFlow(
        id, decode(id, r.getString(2)), r.getLong(3), instant(r, 4), instant(r, 5));
  }

  /** A stored document, secrets decrypted. */
  private Flow decode(String id, String document) {
    Flow flow;
    try {
      flow = FlowDocuments.readStored(document);
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
    return flow;
  }

  static Instant instant(ResultSet r, int column) throws SQLException {
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

  /** How often a transaction that lost a lock race is tried again before the store gives up. */
  private static final int ATTEMPTS = 4;

  private <T> T inTransaction(Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return inOneTransaction(work);
      } catch (StoreException e) {
        // Many writers on one flow queue on its row lock; under load the wait can outlast the
        // database's lock timeout or end in a deadlock. The transaction was rolled back, so running
        // it again is safe, and the caller gets an answer instead of a 503.
        if (attempt == ATTEMPTS || !isLockConflict(e.getCause())) {
          throw e;
        }
        LOG.debug("Store transaction lost a lock race (attempt {}): {}", attempt, e.getMessage());
      }
    }
  }

  /**
   * A deadlock, a serialization failure (SQLSTATE class 40, both databases) or a lock wait that
   * timed out (H2's HYT00, PostgreSQL's 55P03): conflicts that a new attempt resolves.
   */
  static boolean isLockConflict(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("40") || state.equals("HYT00") || state.equals("55P03")) {
          return true;
        }
      }
    }
    return false;
  }

  private <T> T inOneTransaction(Work<T> work) {
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
