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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  @BeforeEach
  void open() {
    url = newDatabaseUrl(dataDir);
    store = FlowStore.open(url, null, null, SecretCipher.forDataDir(dataDir));
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
        ResultSet r = s.executeQuery("SELECT document FROM flows")) {
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
                "SELECT COUNT(*) FROM flows WHERE document LIKE '%"
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
    store = FlowStore.open(url, null, null, SecretCipher.forDataDir(dataDir));
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
}
