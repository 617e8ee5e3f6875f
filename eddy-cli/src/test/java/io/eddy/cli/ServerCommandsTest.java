package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.EddyServer;
import io.eddy.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eddy import} and {@code eddy export} against a real server with its embedded defaults. */
class ServerCommandsTest {
  static final Path EXAMPLES = Path.of("../examples").toAbsolutePath().normalize();
  static EddyServer server;
  @TempDir static Path dataDir;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    server =
        EddyServer.start(
            ServerConfig.defaults(dataDir).withPort(0).withKafkaPort(0).withDemo(false));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The command signed in with the server's token file (as its owner on this machine). */
  static CliTest.Run eddy(String... args) {
    String[] withToken = java.util.Arrays.copyOf(args, args.length + 2);
    withToken[args.length] = "--token-file";
    withToken[args.length + 1] = dataDir.resolve("access-token").toString();
    return eddyWithout(withToken);
  }

  static CliTest.Run eddyWithout(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = EddyCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliTest.Run(exit, out.toString(), err.toString());
  }

  @Test
  void imports_flows_and_exports_them_as_json_and_sql() throws Exception {
    CliTest.Run imported =
        eddy(
            "import",
            EXAMPLES.resolve("emea-orders.json").toString(),
            "--server",
            server.url(),
            "--name",
            "From the CLI");
    assertThat(imported.exit()).as(imported.err()).isZero();
    assertThat(imported.out()).startsWith("imported From the CLI (id ");

    Path json = dir.resolve("flow.json");
    assertThat(
            eddy(
                    "export",
                    "From the CLI",
                    "--format",
                    "json",
                    "--server",
                    server.url(),
                    "-o",
                    json.toString())
                .exit())
        .isZero();
    assertThat(Files.readString(json)).contains("\"name\" : \"From the CLI\"", "region = 'EMEA'");
    Path sql = dir.resolve("flow.sql");
    assertThat(
            eddy(
                    "export",
                    "From the CLI",
                    "--format",
                    "sql",
                    "--server",
                    server.url(),
                    "-o",
                    sql.toString())
                .exit())
        .isZero();
    assertThat(Files.readString(sql))
        .startsWith("-- Flink SQL exported by Eddy")
        .contains("INSERT INTO `Publish EMEA orders`");
  }

  @Test
  void refuses_sql_and_malformed_files_with_the_servers_message_and_saves_nothing()
      throws Exception {
    Path sql = dir.resolve("flow.sql");
    Files.writeString(sql, "SELECT 1;");
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\n  \"format\": \"eddy-flow\",\n  \"nodes\": [\n}");
    int before = flowCount();
    CliTest.Run run = eddy("import", sql.toString(), broken.toString(), "--server", server.url());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("SQL exports cannot be imported")
        .contains("`broken.json`: The file is not valid JSON at line 4, column 1");
    assertThat(flowCount()).isEqualTo(before);
  }

  @Test
  void an_unknown_flow_or_an_unreachable_server_is_one_readable_line() {
    assertThat(eddy("export", "nope", "--format", "json", "--server", server.url()).err())
        .isEqualTo("eddy: there is no flow named or with id `nope` on " + server.url() + ".\n");
    assertThat(eddy("export", "x", "--format", "sql", "--server", "http://127.0.0.1:1").err())
        .startsWith("eddy: cannot reach the Eddy server at http://127.0.0.1:1: is it running?");
  }

  @Test
  void without_the_access_token_or_with_a_wrong_one_the_server_refuses_and_says_how_to_sign_in()
      throws Exception {
    CliTest.Run without = eddyWithout("export", "x", "--format", "json", "--server", server.url());
    assertThat(without.exit()).isEqualTo(1);
    assertThat(without.err())
        .isEqualTo(
            "eddy: the Eddy server at "
                + server.url()
                + " needs its access token: set EDDY_TOKEN or pass --token-file FILE (the file"
                + " access-token in the server's data directory).\n");
    Path wrong = dir.resolve("wrong-token");
    Files.writeString(wrong, "not-the-token-of-this-server-0123456789\n");
    int before = flowCount();
    CliTest.Run refused =
        eddyWithout(
            "import",
            EXAMPLES.resolve("emea-orders.json").toString(),
            "--server",
            server.url(),
            "--token-file",
            wrong.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("refused the access token");
    assertThat(flowCount()).isEqualTo(before);
  }

  private static int flowCount() throws Exception {
    var list =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.url() + "/api/flows"))
                    .header("Authorization", "Bearer " + server.accessToken())
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(list.body()).size();
  }
}
