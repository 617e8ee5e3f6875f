package io.eddy.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.groups.Tuple;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One behaviour suite for the flow store, run against every database it supports. */
abstract class FlowStoreContract {
  @TempDir Path dataDir;
  FlowStore store;
  String url;

  /** A JDBC URL of an empty database. */
  abstract String newDatabaseUrl(Path dataDir);

  /** The store's classifier in these tests: a flow with nodes is valid (the rule is not tested). */
  static final FlowStore.Options OPTIONS =
      new FlowStore.Options(f -> f.nodes().isEmpty() ? "draft" : "valid", 0);

  @BeforeEach
  void open() {
    url = newDatabaseUrl(dataDir);
    store = FlowStore.open(url, null, null, SecretCipher.forDataDir(dataDir), OPTIONS);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static Flow flow(String name) throws Exception {
    return FlowDocuments.read(
        "{\"format\":\"eddy-flow\",\"version\":1,\"name\":"
            + FlowDocuments.mapper().writeValueAsString(name)
            + ",\"description\":\"d\",\"nodes\":[],\"edges\":[]}");
  }

  static Flow withSecret(String password) throws Exception {
    return FlowDocuments.read(
        """
        {"format":"eddy-flow","version":1,"name":"Secret flow","nodes":[
          {"id":"orders","type":"source","name":"Orders","config":{"kafka":{
            "bootstrapServers":["broker:9093"],"topic":"ORDERS.NEW",
            "security":{"protocol":"SASL_SSL","mechanism":"PLAIN","username":"u","password":"%s"}}}}
        ],"edges":[]}
        """
            .formatted(password));
  }

  @Test
  void creates_and_reads_back_a_flow_at_revision_one() throws Exception {
    StoredFlow created = store.create(flow("Orders über alles ✓"));
    StoredFlow read = store.get(created.id());
    assertThat(read.revision()).isEqualTo(1);
    assertThat(read.name()).isEqualTo("Orders über alles ✓");
    assertThat(read.description()).isEqualTo("d");
    assertThat(read.createdAt()).isEqualTo(created.createdAt());
    assertThat(FlowDocuments.write(read.flow())).isEqualTo(FlowDocuments.write(created.flow()));
  }

  @Test
  void saves_with_the_current_revision_and_refuses_a_stale_one() throws Exception {
    StoredFlow created = store.create(flow("A"));
    StoredFlow saved = store.save(created.id(), flow("B"), 1);
    assertThat(saved.revision()).isEqualTo(2);
    assertThat(store.get(created.id()).name()).isEqualTo("B");
    assertThatThrownBy(() -> store.save(created.id(), flow("C"), 1))
        .isInstanceOf(StaleRevisionException.class)
        .hasMessageContaining("revision 2");
    assertThat(store.get(created.id()).name()).isEqualTo("B");
  }

  @Test
  void concurrent_saves_of_one_revision_let_exactly_one_win() throws Exception {
    StoredFlow created = store.create(flow("A"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Flow next = flow("writer " + i);
        results.add(
            pool.submit(
                () -> {
                  try {
                    store.save(created.id(), next, 1);
                    return true;
                  } catch (StaleRevisionException e) {
                    return false;
                  }
                }));
      }
      int wins = 0;
      for (Future<Boolean> f : results) {
        wins += f.get() ? 1 : 0;
      }
      assertThat(wins).isEqualTo(1);
      assertThat(store.get(created.id()).revision()).isEqualTo(2);
    } finally {
      pool.shutdown();
    }
  }

  /**
   * A burst of saves of one flow queues on its row lock; a save that waits longer than H2's default
   * lock wait (2 s with H2 2.3.232) must still succeed, not answer "the store failed" (CI saw a 503
   * this way).
   */
  @Test
  void a_write_waits_for_a_row_lock_held_longer_than_a_second() throws Exception {
    StoredFlow created = store.create(flow("A"));
    long heldMillis = 2_500;
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection holder = DriverManager.getConnection(url)) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.executeQuery("SELECT id FROM flows WHERE id = '" + created.id() + "' FOR UPDATE").close();
      }
      long start = System.nanoTime();
      Future<StoredFlow> waiting =
          pool.submit(() -> store.update(created.id(), f -> f.withName("renamed")));
      Thread.sleep(heldMillis);
      holder.rollback();
      StoredFlow renamed = waiting.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(renamed.name()).isEqualTo("renamed");
      assertThat(renamed.revision()).isEqualTo(2);
      assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(heldMillis);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void lock_conflicts_are_told_from_other_failures() {
    assertThat(FlowStore.isLockConflict(new java.sql.SQLException("deadlock", "40P01"))).isTrue();
    assertThat(FlowStore.isLockConflict(new java.sql.SQLException("serialize", "40001"))).isTrue();
    assertThat(FlowStore.isLockConflict(new java.sql.SQLException("h2 lock timeout", "HYT00")))
        .isTrue();
    assertThat(FlowStore.isLockConflict(new java.sql.SQLException("pg lock timeout", "55P03")))
        .isTrue();
    assertThat(
            FlowStore.isLockConflict(
                new RuntimeException(new java.sql.SQLException("lost", "08006"))))
        .isFalse();
    assertThat(FlowStore.isLockConflict(new java.sql.SQLException("syntax", "42601"))).isFalse();
  }

  @Test
  void unknown_ids_are_not_found() throws Exception {
    assertThat(store.find("nope")).isEmpty();
    assertThatThrownBy(() -> store.save("nope", flow("x"), 1))
        .isInstanceOf(FlowNotFoundException.class);
    assertThat(store.delete("nope")).isFalse();
  }

  @Test
  void lists_the_most_recently_changed_first_and_deletes() throws Exception {
    StoredFlow a = store.create(flow("A"));
    Thread.sleep(5);
    StoredFlow b = store.create(flow("B"));
    Thread.sleep(5);
    store.save(a.id(), flow("A2"), 1);
    assertThat(store.list()).extracting(StoredFlow::name).containsExactly("A2", "B");
    assertThat(store.delete(b.id())).isTrue();
    assertThat(store.list()).extracting(StoredFlow::id).containsExactly(a.id());
  }

  @Test
  void creates_several_flows_in_one_transaction() throws Exception {
    List<StoredFlow> created = store.createAll(List.of(flow("one"), flow("two")));
    assertThat(created).hasSize(2);
    assertThat(created.get(0).id()).isNotEqualTo(created.get(1).id());
    assertThat(store.count()).isEqualTo(2);
  }

  @Test
  void encrypts_secrets_at_rest_with_a_key_kept_in_the_data_directory() throws Exception {
    StoredFlow created = store.create(withSecret("s3cr3t-pa55"));
    String raw;
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT document FROM flow_documents")) {
      r.next();
      raw = r.getString(1);
    }
    assertThat(raw).doesNotContain("s3cr3t-pa55").contains(SecretCipher.PREFIX);
    assertThat(
            store
                .get(created.id())
                .flow()
                .node("orders")
                .orElseThrow()
                .config()
                .at("/kafka/security/password")
                .asText())
        .isEqualTo("s3cr3t-pa55");
    Path key = dataDir.resolve(SecretCipher.KEY_FILE);
    assertThat(Files.readString(key).trim()).hasSize(44);
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT COUNT(*) FROM flow_documents WHERE document LIKE '%"
                    + Files.readString(key).trim().substring(0, 20)
                    + "%'")) {
      r.next();
      assertThat(r.getInt(1)).isZero();
    }
  }

  @Test
  void keeps_secret_references_as_they_are() throws Exception {
    StoredFlow created = store.create(withSecret("${ORDERS_KAFKA_PASSWORD}"));
    assertThat(
            store
                .get(created.id())
                .flow()
                .node("orders")
                .orElseThrow()
                .config()
                .at("/kafka/security/password")
                .asText())
        .isEqualTo("${ORDERS_KAFKA_PASSWORD}");
  }

  @Test
  void reopening_keeps_every_flow() throws Exception {
    StoredFlow created = store.create(withSecret("pw"));
    store.close();
    store = FlowStore.open(url, null, null, SecretCipher.forDataDir(dataDir), OPTIONS);
    assertThat(
            store
                .get(created.id())
                .flow()
                .node("orders")
                .orElseThrow()
                .config()
                .at("/kafka/security/password")
                .asText())
        .isEqualTo("pw");
  }

  // ---- the catalogue ----

  static Flow flow(String name, String description, List<String> tags, boolean withNodes)
      throws Exception {
    Flow f = flow(name).withDescription(description).withTags(tags);
    return withNodes ? f.withNodes(withSecret("x").nodes()) : f;
  }

  FlowPage page(
      String text, String status, String tag, FlowQuery.Sort sort, int limit, String cursor) {
    return store.page(new FlowQuery(text, status, tag, sort, limit, cursor), Map.of());
  }

  /** Every page of a query, following the cursors; {@code between} runs after each page. */
  List<FlowSummary> allPages(FlowQuery.Sort sort, int limit, Runnable between) {
    List<FlowSummary> out = new ArrayList<>();
    String cursor = null;
    do {
      FlowPage p = page(null, null, null, sort, limit, cursor);
      assertThat(p.flows().size()).isLessThanOrEqualTo(limit);
      out.addAll(p.flows());
      cursor = p.next();
      between.run();
    } while (cursor != null);
    return out;
  }

  @Test
  void stores_the_status_with_each_revision_and_lists_without_reading_documents() throws Exception {
    StoredFlow a = store.create(flow("A"));
    assertThat(store.summaries())
        .singleElement()
        .extracting(FlowSummary::status)
        .isEqualTo("draft");
    store.save(a.id(), flow("A", "d", List.of("t"), true), 1);
    FlowSummary listed = store.summaries().get(0);
    assertThat(listed.status()).isEqualTo("valid");
    assertThat(listed.revision()).isEqualTo(2);
    assertThat(listed.tags()).containsExactly("t");
    // A document that no longer reads does not break the list: it is not read.
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE flow_documents SET document = 'not json'");
    }
    assertThat(store.summaries()).extracting(FlowSummary::name).containsExactly("A");
  }

  @Test
  void a_store_of_an_earlier_schema_keeps_its_flows_and_history_when_opened() throws Exception {
    // A store written before the documents moved to their own table (schema 3): one flow at
    // revision 2, its first revision in the history.
    String old = newDatabaseUrl(dataDir.resolve("old"));
    Flyway.configure()
        .dataSource(old, null, null)
        .locations("classpath:db/migration")
        .target("3")
        .load()
        .migrate();
    String first = FlowDocuments.write(flow("Old"));
    String second = FlowDocuments.write(flow("Old", "second", List.of(), true));
    try (Connection c = DriverManager.getConnection(old);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO flows (id, name, description, document, revision, created_at, updated_at)"
              + " VALUES ('f-1', 'Old', 'second', '"
              + second.replace("'", "''")
              + "', 2, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
      s.executeUpdate(
          "INSERT INTO flow_revisions (flow_id, revision, document, saved_at) VALUES ('f-1', 1, '"
              + first.replace("'", "''")
              + "', CURRENT_TIMESTAMP)");
    }
    try (FlowStore opened =
        FlowStore.open(old, null, null, SecretCipher.forDataDir(dataDir), OPTIONS)) {
      StoredFlow read = opened.get("f-1");
      assertThat(read.revision()).isEqualTo(2);
      assertThat(read.flow().description()).isEqualTo("second");
      assertThat(read.flow().nodes()).isNotEmpty();
      assertThat(opened.revision("f-1", 1).flow().description()).isEqualTo("d");
      // It saves and lists like any other flow.
      opened.save("f-1", read.flow().withDescription("third"), 2);
      assertThat(opened.get("f-1").flow().description()).isEqualTo("third");
      assertThat(opened.summaries()).extracting(FlowSummary::name).containsExactly("Old");
    }
  }

  @Test
  void paging_lists_every_flow_exactly_once_while_flows_are_created_and_deleted() throws Exception {
    List<String> original = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      StoredFlow f =
          store.create(flow("Flow " + (char) ('a' + i % 26) + i, "", List.of(), i % 3 == 0));
      original.add(f.id());
    }
    for (FlowQuery.Sort sort : FlowQuery.Sort.values()) {
      List<String> churn = new ArrayList<>();
      List<FlowSummary> seen =
          allPages(
              sort,
              7,
              () -> {
                try {
                  churn.add(store.create(flow("Aaa new " + churn.size())).id());
                  churn.add(store.create(flow("zzz new " + churn.size())).id());
                  store.delete(churn.remove(0));
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
              });
      List<String> ids = seen.stream().map(FlowSummary::id).toList();
      assertThat(ids).as(sort + ": no flow twice").doesNotHaveDuplicates();
      assertThat(ids).as(sort + ": every flow that existed throughout").containsAll(original);
      churn.forEach(store::delete);
    }
  }

  @Test
  void sorts_by_name_changed_and_status() throws Exception {
    StoredFlow b = store.create(flow("beta", "", List.of(), true));
    Thread.sleep(5);
    store.create(flow("Alpha"));
    Thread.sleep(5);
    store.create(flow("gamma", "", List.of(), true));
    assertThat(page(null, null, null, FlowQuery.Sort.NAME, 10, null).flows())
        .extracting(FlowSummary::name)
        .containsExactly("Alpha", "beta", "gamma");
    assertThat(page(null, null, null, FlowQuery.Sort.CHANGED, 10, null).flows())
        .extracting(FlowSummary::name)
        .containsExactly("gamma", "Alpha", "beta");
    assertThat(page(null, null, null, FlowQuery.Sort.STATUS, 10, null).flows())
        .extracting(FlowSummary::name)
        .containsExactly("beta", "gamma", "Alpha");
    // A running flow comes first when sorting by status (failed, running, valid, draft).
    FlowPage withRun =
        store.page(
            new FlowQuery(null, null, null, FlowQuery.Sort.STATUS, 10, null),
            Map.of(b.id(), "running"));
    assertThat(withRun.flows())
        .extracting(FlowSummary::status)
        .containsExactly("running", "valid", "draft");
    assertThat(withRun.counts()).containsEntry("running", 1).containsEntry("valid", 1);
  }

  @Test
  void text_status_and_tag_filters_combine_with_counts_and_total() throws Exception {
    store.create(flow("Orders über alles", "EMEA", List.of("orders", "emea"), true));
    store.create(flow("Payments", "settles ORDERS nightly", List.of("payments"), false));
    store.create(flow("Stock", "warehouse", List.of("orders"), false));
    store.create(flow("100% done_x", "", List.of(), false));
    FlowPage orders = page("orDErs", null, null, FlowQuery.Sort.NAME, 10, null);
    assertThat(orders.flows())
        .extracting(FlowSummary::name)
        .containsExactly("Orders über alles", "Payments");
    assertThat(orders.total()).isEqualTo(2);
    assertThat(orders.counts())
        .isEqualTo(Map.of("draft", 1, "valid", 1, "running", 0, "failed", 0));
    assertThat(page("ÜBER", null, null, FlowQuery.Sort.NAME, 10, null).flows())
        .extracting(FlowSummary::name)
        .containsExactly("Orders über alles");
    FlowPage draftOrders = page("orders", "draft", null, FlowQuery.Sort.NAME, 10, null);
    assertThat(draftOrders.flows()).extracting(FlowSummary::name).containsExactly("Payments");
    assertThat(draftOrders.total()).isEqualTo(1);
    assertThat(draftOrders.counts().get("valid")).isEqualTo(1);
    FlowPage tagged = page(null, null, "orders", FlowQuery.Sort.NAME, 10, null);
    assertThat(tagged.flows())
        .extracting(FlowSummary::name)
        .containsExactly("Orders über alles", "Stock");
    assertThat(tagged.flows().get(0).tags()).containsExactly("orders", "emea");
    assertThat(page("stock", "draft", "orders", FlowQuery.Sort.NAME, 10, null).total())
        .isEqualTo(1);
    assertThat(page("stock", "valid", "orders", FlowQuery.Sort.NAME, 10, null).flows()).isEmpty();
    // LIKE's wildcards are searched for as text.
    assertThat(page("%", null, null, FlowQuery.Sort.NAME, 10, null).flows())
        .extracting(FlowSummary::name)
        .containsExactly("100% done_x");
    assertThat(page("e_x", null, null, FlowQuery.Sort.NAME, 10, null).flows())
        .extracting(FlowSummary::name)
        .containsExactly("100% done_x");
    assertThat(store.tags())
        .containsExactly(
            new FlowListing.TagCount("orders", 2),
            new FlowListing.TagCount("emea", 1),
            new FlowListing.TagCount("payments", 1));
  }

  @Test
  void a_cursor_that_was_not_given_out_is_refused() throws Exception {
    store.create(flow("A"));
    store.create(flow("B"));
    String next = page(null, null, null, FlowQuery.Sort.NAME, 1, null).next();
    assertThat(next).isNotNull();
    assertThatThrownBy(() -> page(null, null, null, FlowQuery.Sort.CHANGED, 1, next))
        .isInstanceOf(FlowListing.InvalidCursorException.class)
        .hasMessage("The cursor belongs to another sort order; start again without it.");
    assertThatThrownBy(() -> page(null, null, null, FlowQuery.Sort.NAME, 1, "garbage!"))
        .isInstanceOf(FlowListing.InvalidCursorException.class)
        .hasMessageContaining("is not one this server gave out");
  }

  @Test
  void every_save_keeps_the_revision_it_replaced() throws Exception {
    StoredFlow a = store.create(flow("one"));
    store.save(a.id(), flow("two"), 1);
    store.save(a.id(), flow("three", "", List.of("x"), true), 2);
    assertThat(store.history(a.id()))
        .extracting(FlowRevision::revision)
        .containsExactly(3L, 2L, 1L);
    assertThat(store.history(a.id())).allSatisfy(r -> assertThat(r.user()).isNull());
    assertThat(store.revision(a.id(), 1).name()).isEqualTo("one");
    assertThat(store.revision(a.id(), 2).name()).isEqualTo("two");
    assertThat(store.revision(a.id(), 3).flow().tags()).containsExactly("x");
    assertThatThrownBy(() -> store.revision(a.id(), 4))
        .isInstanceOf(RevisionNotFoundException.class)
        .hasMessageContaining("has no revision 4");
    assertThatThrownBy(() -> store.history("nope")).isInstanceOf(FlowNotFoundException.class);
    store.delete(a.id());
    assertThatThrownBy(() -> store.revision(a.id(), 1)).isInstanceOf(FlowNotFoundException.class);
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM flow_revisions")) {
      r.next();
      assertThat(r.getInt(1)).isZero();
    }
  }

  @Test
  void every_write_records_who_made_it_in_the_history() throws Exception {
    StoredFlow a = store.create(flow("one"), "ed");
    store.save(a.id(), flow("two"), 1, "token CI");
    store.update(a.id(), f -> f.withName("three"), "ada");
    store.save(a.id(), flow("four"), 3); // nobody known (the demo flow)
    String longName = "x".repeat(FlowStore.MAX_USER + 50);
    store.save(a.id(), flow("five"), 4, longName);
    assertThat(store.history(a.id()))
        .extracting(FlowRevision::revision, FlowRevision::user)
        .containsExactly(
            Tuple.tuple(5L, longName.substring(0, FlowStore.MAX_USER)),
            Tuple.tuple(4L, null),
            Tuple.tuple(3L, "ada"),
            Tuple.tuple(2L, "token CI"),
            Tuple.tuple(1L, "ed"));
    List<StoredFlow> imported = store.createAll(List.of(flow("i1"), flow("i2")), "vera");
    assertThat(imported)
        .allSatisfy(f -> assertThat(store.history(f.id()).get(0).user()).isEqualTo("vera"));
  }

  @Test
  void the_audit_log_pages_newest_first() {
    assertThat(store.auditLog(10, null).entries()).isEmpty();
    java.time.Instant t0 = java.time.Instant.parse("2026-12-01T10:00:00Z");
    for (int i = 1; i <= 5; i++) {
      store.audit(new AuditEntry(0, t0.plusSeconds(i), "ed", "deploy", "flow " + i, "ok", 201));
    }
    store.audit(new AuditEntry(0, t0.plusSeconds(6), null, "sign-in", null, "refused", 401));
    AuditPage first = store.auditLog(4, null);
    assertThat(first.entries())
        .extracting(AuditEntry::target)
        .containsExactly(null, "flow 5", "flow 4", "flow 3");
    AuditEntry refused = first.entries().get(0);
    assertThat(refused.user()).isNull();
    assertThat(refused.outcome()).isEqualTo("refused");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.at()).isEqualTo(t0.plusSeconds(6));
    assertThat(first.next()).isNotNull();
    AuditPage second = store.auditLog(4, first.next());
    assertThat(second.entries()).extracting(AuditEntry::target).containsExactly("flow 2", "flow 1");
    assertThat(second.next()).isNull();
    assertThat(store.auditLog(2, second.entries().get(1).id()).entries()).isEmpty();
  }

  @Test
  void history_keeps_secrets_encrypted() throws Exception {
    StoredFlow a = store.create(withSecret("old-pa55"));
    store.save(a.id(), withSecret("new-pa55"), 1);
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT document FROM flow_revisions")) {
      r.next();
      assertThat(r.getString(1)).doesNotContain("old-pa55").contains(SecretCipher.PREFIX);
    }
    assertThat(
            store
                .revision(a.id(), 1)
                .flow()
                .node("orders")
                .orElseThrow()
                .config()
                .at("/kafka/security/password")
                .asText())
        .isEqualTo("old-pa55");
  }

  @Test
  void a_history_limit_prunes_the_oldest_revisions() throws Exception {
    store.close();
    store =
        FlowStore.open(
            url,
            null,
            null,
            SecretCipher.forDataDir(dataDir),
            new FlowStore.Options(OPTIONS.classifier(), 2));
    StoredFlow a = store.create(flow("r1"));
    for (int r = 1; r <= 4; r++) {
      store.save(a.id(), flow("r" + (r + 1)), r);
    }
    assertThat(store.history(a.id()))
        .extracting(FlowRevision::revision)
        .containsExactly(5L, 4L, 3L);
    assertThat(store.revision(a.id(), 3).name()).isEqualTo("r3");
  }

  @Test
  void concurrent_saves_never_lose_a_history_entry() throws Exception {
    StoredFlow created = store.create(flow("start"));
    int writers = 4;
    int savesEach = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        results.add(
            pool.submit(
                () -> {
                  List<String> saved = new ArrayList<>();
                  for (int i = 0; i < savesEach; ) {
                    long current = store.get(created.id()).revision();
                    String name = "w" + writer + "-" + i;
                    try {
                      store.save(created.id(), flow(name), current);
                      saved.add(name);
                      i++;
                    } catch (StaleRevisionException lost) {
                      // someone else saved first: try again on top of theirs
                    }
                  }
                  return saved;
                }));
      }
      List<String> acknowledged = new ArrayList<>();
      for (Future<List<String>> f : results) {
        acknowledged.addAll(f.get());
      }
      int last = 1 + writers * savesEach;
      assertThat(store.get(created.id()).revision()).isEqualTo(last);
      List<FlowRevision> history = store.history(created.id());
      assertThat(history).hasSize(last);
      assertThat(history.get(0).revision()).isEqualTo(last);
      List<String> names = new ArrayList<>();
      for (FlowRevision r : history) {
        names.add(store.revision(created.id(), r.revision()).name());
      }
      assertThat(names).doesNotHaveDuplicates().contains("start").containsAll(acknowledged);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void flows_saved_before_the_catalogue_are_classified_in_the_background() throws Exception {
    StoredFlow a = store.create(flow("old", "", List.of("legacy"), true));
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE flows SET status = NULL, status_revision = NULL");
      s.executeUpdate("DELETE FROM flow_tags");
    }
    assertThat(store.summaries().get(0).status()).isEqualTo("draft");
    assertThat(store.classifyPending()).isEqualTo(1);
    assertThat(store.summaries().get(0).status()).isEqualTo("valid");
    assertThat(store.summaries().get(0).tags()).containsExactly("legacy");
    assertThat(store.classifyPending()).isZero();
    assertThat(store.get(a.id()).revision()).isEqualTo(1);
  }
}
