package io.eddy.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed (SIGKILL) in the middle of saving never leaves a flow unreadable. */
class CrashDuringSaveTest {
  @TempDir Path dataDir;

  @Test
  void a_process_killed_while_saving_leaves_every_flow_readable() throws Exception {
    long[] killAfterMillis = {150, 700};
    for (long delay : killAfterMillis) {
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  SaveLoop.class.getName(),
                  dataDir.toString())
              .redirectErrorStream(true)
              .start();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      // every save the child acknowledged ("saved ID REVISION") must survive the kill
      java.util.Map<String, Long> acknowledged = new java.util.concurrent.ConcurrentHashMap<>();
      java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
      Thread reader =
          new Thread(
              () -> {
                try {
                  String line;
                  while ((line = out.readLine()) != null) {
                    if (line.startsWith("saved ")) {
                      String[] parts = line.split(" ");
                      acknowledged.merge(parts[1], Long.parseLong(parts[2]), Math::max);
                    } else if (line.equals("ready")) {
                      ready.countDown();
                    }
                  }
                } catch (java.io.IOException e) {
                  // the child is gone
                }
              });
      reader.start();
      assertThat(ready.await(60, TimeUnit.SECONDS)).as("the child started saving").isTrue();
      Thread.sleep(delay);
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean close
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
      reader.join(5_000);
      assertThat(acknowledged).isNotEmpty();

      try (FlowStore store =
          FlowStore.open(
              FlowStore.defaultUrl(dataDir), null, null, SecretCipher.forDataDir(dataDir))) {
        List<StoredFlow> flows = store.list();
        acknowledged.forEach(
            (id, revision) ->
                assertThat(store.get(id).revision())
                    .as("acknowledged revision of " + id)
                    .isGreaterThanOrEqualTo(revision));
        for (StoredFlow f : flows) {
          StoredFlow read = store.get(f.id());
          assertThat(read.name()).matches("(round|extra) \\d+");
          // The secret was encrypted and decrypts to the value saved with that very document.
          assertThat(
                  read.flow()
                      .node("orders")
                      .orElseThrow()
                      .config()
                      .at("/kafka/security/password")
                      .asText())
              .isEqualTo("pw-" + read.name());
        }
      }
      // The metadata columns agree with the documents: each save was all or nothing.
      try (Connection c = DriverManager.getConnection(FlowStore.defaultUrl(dataDir));
          Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT f.name, d.document, f.revision FROM flows f JOIN flow_documents d ON d.flow_id = f.id")) {
        while (r.next()) {
          assertThat(r.getString(2)).contains("\"name\" : \"" + r.getString(1) + "\"");
          if (r.getString(1).startsWith("round")) {
            assertThat(r.getLong(3)).isEqualTo(Long.parseLong(r.getString(1).substring(6)) + 1);
          }
        }
      }
    }
  }
}
