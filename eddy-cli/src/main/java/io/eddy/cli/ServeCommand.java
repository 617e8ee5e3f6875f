package io.eddy.cli;

import io.eddy.server.EddyServer;
import io.eddy.server.SecurityConfig;
import io.eddy.server.ServerConfig;
import io.eddy.server.TlsFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eddy serve} (and {@code eddy} alone): the server with the embedded defaults. */
@Command(
    name = "serve",
    description =
        "Starts Eddy: web UI and API, flow store, Flink MiniCluster, Kafka broker with demo topics.")
final class ServeCommand implements Callable<Integer> {
  /** {@code ./eddy}'s data directory, where the commands that talk to it find its access token. */
  static final String DEFAULT_DATA_DIR = ".eddy";

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  String host;

  @Option(
      names = "--allowed-host",
      paramLabel = "NAME",
      split = ",",
      description =
          "A host name this server is reached by besides localhost and --host (repeatable; * for"
              + " any, e.g. behind a proxy that checks it). Requests naming another host are"
              + " refused, which stops DNS rebinding.")
  List<String> allowedHosts = new ArrayList<>();

  @Option(
      names = "--allow-network-without-sign-in",
      description =
          "Listen on a --host other than loopback although no users are configured (eddy users"
              + " add), so everyone would use the owner's access token over plain HTTP; logged as a"
              + " warning.")
  boolean allowNetworkWithoutSignIn;

  @Option(
      names = "--tls-certificate",
      paramLabel = "FILE",
      description =
          "Serve HTTPS with this PEM certificate chain (the server's certificate first); needs"
              + " --tls-key.")
  Path tlsCertificate;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "The PEM private key of --tls-certificate (unencrypted PKCS #8).")
  Path tlsKey;

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description = "Port of the embedded Kafka broker (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--data-dir",
      defaultValue = DEFAULT_DATA_DIR,
      description =
          "Where flows, the secret key, Kafka and Flink data live (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--kafka",
      paramLabel = "BOOTSTRAP",
      description = "Use this Kafka cluster instead of the embedded broker (no demo topics).")
  String kafka;

  @Option(
      names = "--flink",
      paramLabel = "URL",
      description =
          "Run flows on this Flink cluster (REST URL) instead of the embedded MiniCluster.")
  String flink;

  @Option(
      names = "--store",
      paramLabel = "JDBC_URL",
      description = "Keep flows in this PostgreSQL database instead of the embedded store.")
  String store;

  @Option(names = "--store-user", description = "User of the --store database.")
  String storeUser;

  @Option(
      names = "--store-password",
      description = "Password of the --store database (or set EDDY_STORE_PASSWORD).")
  String storePassword;

  @Option(
      names = "--keep-revisions",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Keep at most N revisions before the current one in each flow's history (the oldest are"
              + " pruned); 0 keeps all (default).")
  int keepRevisions;

  @Override
  public Integer call() throws Exception {
    if (keepRevisions < 0) {
      throw new CliException(
          "--keep-revisions must be 0 (keep all) or more, not " + keepRevisions + ".");
    }
    String password = storePassword != null ? storePassword : System.getenv("EDDY_STORE_PASSWORD");
    ServerConfig config =
        new ServerConfig(
            host,
            port,
            dataDir.toAbsolutePath(),
            kafka,
            kafkaPort,
            store,
            storeUser,
            password,
            flink,
            null,
            keepRevisions,
            new SecurityConfig(allowedHosts, allowNetworkWithoutSignIn, tls()));
    EddyServer server;
    try {
      server = EddyServer.start(config);
    } catch (RuntimeException e) {
      throw new CliException("Eddy could not start: " + e.getMessage());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "eddy-shutdown"));
    server.join();
    return EddyCli.OK;
  }

  /** The TLS files, when both are given; one without the other is a mistake said at once. */
  private TlsFiles tls() {
    if ((tlsCertificate == null) != (tlsKey == null)) {
      throw new CliException(
          "HTTPS needs both --tls-certificate and --tls-key (the certificate chain and its private"
              + " key, PEM files).");
    }
    return tlsCertificate == null ? null : new TlsFiles(tlsCertificate, tlsKey);
  }
}
