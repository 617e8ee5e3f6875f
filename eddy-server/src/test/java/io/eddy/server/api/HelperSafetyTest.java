package io.eddy.server.api;

import static io.eddy.server.api.ApiContract.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.server.EddyServer;
import io.eddy.server.Http;
import io.eddy.server.SharedInfra;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 13 (6): the editor's helpers pointed at things that are not what they expect. Local ports
 * answer garbage, say nothing, or speak just enough PostgreSQL to ask for a password and record it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelperSafetyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration ANSWER_BOUND = HelperController.LIMIT.plusSeconds(3);

  EddyServer server;
  Http http;
  final List<ServerSocket> ports = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  void start() throws Exception {
    server =
        EddyServer.start(SharedInfra.serverConfig(Files.createTempDirectory("eddy-helper-test")));
    http = Http.signedIn(server);
  }

  @AfterAll
  void stop() throws IOException {
    for (ServerSocket s : ports) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** A local port whose every connection is handed to {@code handler} on its own thread. */
  int port(Consumer<Socket> handler) throws IOException {
    ServerSocket socket = new ServerSocket(0);
    ports.add(socket);
    Thread t =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try {
                  Socket s = socket.accept();
                  new Thread(() -> handler.accept(s)).start();
                } catch (IOException closed) {
                  return;
                }
              }
            });
    t.setDaemon(true);
    t.start();
    return socket.getLocalPort();
  }

  /** Reads what comes, answers like an HTTP server (the first 4 bytes read as 1.2 GB). */
  static void http(Socket s) {
    try (s) {
      s.getInputStream().read(new byte[1024]);
      s.getOutputStream()
          .write(
              "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      s.getInputStream().read(new byte[1024]);
    } catch (IOException ignored) {
      // the client went away
    }
  }

  /** Accepts and says nothing until the client gives up. */
  static void silent(Socket s) {
    try (s) {
      s.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException ignored) {
      // the client went away
    }
  }

  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  HttpResponse<String> topics(String bootstrap) {
    return http.post("/api/kafka/topics", "{\"bootstrapServers\": [\"" + bootstrap + "\"]}");
  }

  static long heapPeakAfterReset(Runnable action) {
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    System.gc();
    long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    action.run();
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    return peak - before;
  }

  @Test
  void kafka_topics_on_an_http_port_allocates_nothing_big_and_answers_like_a_closed_port()
      throws Exception {
    int httpPort = port(HelperSafetyTest::http);
    String[] answer = new String[1];
    long[] took = new long[1];
    long grown =
        heapPeakAfterReset(
            () -> {
              long t0 = System.nanoTime();
              HttpResponse<String> r = topics("127.0.0.1:" + httpPort);
              took[0] = System.nanoTime() - t0;
              assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
              answer[0] = json(r).get("error").asText();
            });
    System.out.printf(
        "kafka/topics at an HTTP port: heap peak +%d MB, %d ms%n",
        grown >> 20, took[0] / 1_000_000);
    // The old client read "HTTP" as a 1.2 GB length and allocated it.
    assertThat(grown).isLessThan(200L << 20);
    assertThat(Duration.ofNanos(took[0])).isLessThan(ANSWER_BOUND);

    int closed = closedPort();
    int silentPort = port(HelperSafetyTest::silent);
    String closedAnswer = json(topics("127.0.0.1:" + closed)).get("error").asText();
    long t0 = System.nanoTime();
    String silentAnswer = json(topics("127.0.0.1:" + silentPort)).get("error").asText();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(ANSWER_BOUND);
    assertThat(answer[0].replace(String.valueOf(httpPort), "P"))
        .startsWith("Kafka at 127.0.0.1:P cannot be reached")
        .isEqualTo(closedAnswer.replace(String.valueOf(closed), "P"))
        .isEqualTo(silentAnswer.replace(String.valueOf(silentPort), "P"));

    // The sample helper goes through the same door.
    HttpResponse<String> sample =
        http.post(
            "/api/kafka/sample",
            "{\"bootstrapServers\": [\"127.0.0.1:" + httpPort + "\"], \"topic\": \"t\"}");
    assertThat(sample.statusCode()).isEqualTo(502);
    assertThat(json(sample).get("error").asText().replace(String.valueOf(httpPort), "P"))
        .isEqualTo(closedAnswer.replace(String.valueOf(closed), "P"));

    // A real broker next to the HTTP port is still found.
    HttpResponse<String> mixed =
        topics("127.0.0.1:" + httpPort + "\", \"" + SharedInfra.kafka().bootstrapServers());
    assertThat(mixed.statusCode()).as(mixed.body()).isEqualTo(200);
  }

  /** What a fake PostgreSQL server was told: the passwords it asked for. */
  static final class PasswordCatcher implements Consumer<Socket> {
    final ConcurrentLinkedQueue<String> passwords = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> connections = new ConcurrentLinkedQueue<>();

    @Override
    public void accept(Socket s) {
      connections.add("connected");
      try (s) {
        DataInputStream in = new DataInputStream(s.getInputStream());
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        while (true) {
          int length = in.readInt();
          int code = in.readInt();
          if (code == 80877103 || code == 80877104) { // SSL or GSS encryption request: no
            out.writeByte('N');
            out.flush();
            continue;
          }
          in.readFully(new byte[length - 8]); // the startup parameters
          break;
        }
        out.writeByte('R');
        out.writeInt(8);
        out.writeInt(3); // cleartext password, please
        out.flush();
        if (in.readByte() == 'p') {
          byte[] body = new byte[in.readInt() - 4];
          in.readFully(body);
          passwords.add(new String(body, 0, body.length - 1, StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        for (String f : List.of("SFATAL", "C28P01", "Mpassword authentication failed")) {
          fields.write(f.getBytes(StandardCharsets.UTF_8));
          fields.write(0);
        }
        fields.write(0);
        out.writeByte('E');
        out.writeInt(4 + fields.size());
        out.write(fields.toByteArray());
        out.flush();
        InputStream rest = s.getInputStream();
        rest.read();
      } catch (IOException ignored) {
        // the client went away
      }
    }
  }

  HttpResponse<String> tables(Map<String, String> body) throws Exception {
    return http.post("/api/jdbc/tables", JSON.writeValueAsString(body));
  }

  @Test
  void jdbc_tables_sends_only_the_typed_credentials_to_the_one_typed_host(
      @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    PasswordCatcher catcher = new PasswordCatcher();
    int pg = port(catcher);
    String url = "jdbc:postgresql://127.0.0.1:" + pg + "/shop";

    // The typed password reaches the typed host; its refusal is named, the password is not.
    HttpResponse<String> typed =
        tables(Map.of("url", url, "username", "eddy", "password", "typed-secret"));
    assertThat(typed.statusCode()).as(typed.body()).isEqualTo(502);
    assertThat(json(typed).get("error").asText())
        .isEqualTo(
            "PostgreSQL at " + url + " cannot be used: it refused the user name or password.");
    assertThat(catcher.passwords).containsExactly("typed-secret");

    // Without a typed password, the server's own ~/.pgpass is not consulted.
    Path pgpass = tmp.resolve("pgpass");
    Files.writeString(pgpass, "*:*:*:*:server-own-secret\n");
    System.setProperty("org.postgresql.pgpassfile", pgpass.toString());
    try {
      HttpResponse<String> none = tables(Map.of("url", url, "username", "eddy"));
      assertThat(none.statusCode()).as(none.body()).isEqualTo(502);
    } finally {
      System.clearProperty("org.postgresql.pgpassfile");
    }
    assertThat(catcher.passwords).doesNotContain("server-own-secret");

    // URLs that would send credentials elsewhere, or load things on the server, are refused
    // before any connection, without echoing what they carry.
    int before = catcher.connections.size();
    for (String bad :
        List.of(
            "jdbc:postgresql://127.0.0.1:" + pg + ",127.0.0.1:" + closedPort() + "/shop",
            url + "?password=url-secret",
            url + "?user=eddy&password=url-secret",
            url + "?socketFactory=org.example.Evil",
            url + "?sslrootcert=/etc/passwd",
            url + "?service=url-secret",
            "jdbc:postgresql://eddy:url-secret@127.0.0.1:" + pg + "/shop",
            "jdbc:mysql://127.0.0.1/shop")) {
      HttpResponse<String> r = tables(Map.of("url", bad, "username", "eddy", "password", "p"));
      assertThat(r.statusCode()).as(bad + " → " + r.body()).isEqualTo(422);
      assertThat(r.body()).doesNotContain("url-secret", "Evil", "/etc/passwd");
    }
    assertThat(catcher.connections).hasSize(before);
    HttpResponse<String> ssl =
        tables(Map.of("url", url + "?sslmode=disable&currentSchema=shop", "password", "p2"));
    assertThat(ssl.statusCode()).as(ssl.body()).isEqualTo(502);
    assertThat(catcher.passwords).contains("p2");
  }

  @Test
  void jdbc_tables_answers_alike_for_closed_silent_and_non_postgresql_ports() throws Exception {
    int closed = closedPort();
    int silentPort = port(HelperSafetyTest::silent);
    int httpPort = port(HelperSafetyTest::http);
    String[] answers = new String[3];
    int i = 0;
    for (int p : new int[] {closed, silentPort, httpPort}) {
      long t0 = System.nanoTime();
      HttpResponse<String> r =
          tables(
              Map.of(
                  "url",
                  "jdbc:postgresql://127.0.0.1:" + p + "/shop",
                  "username",
                  "eddy",
                  "password",
                  "never-echoed"));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(ANSWER_BOUND);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
      assertThat(r.body()).doesNotContain("never-echoed");
      answers[i++] = json(r).get("error").asText().replace(String.valueOf(p), "P");
    }
    assertThat(answers[0])
        .startsWith("PostgreSQL at jdbc:postgresql://127.0.0.1:P/shop cannot be used")
        .isEqualTo(answers[1])
        .isEqualTo(answers[2]);
  }
}
