package io.eddy.server;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * How to start an Eddy server. Every component is embedded unless configured otherwise.
 *
 * @param host the address the HTTP server binds to (default 127.0.0.1)
 * @param port the HTTP port (default 8080; 0 for a free one)
 * @param dataDir where the store file, the secret key, the embedded broker and Flink's temporary
 *     files live
 * @param kafkaBootstrap bootstrap servers of an external Kafka cluster used for results and the
 *     editor's default; null to start the embedded broker
 * @param kafkaPort the embedded broker's port (default 9092; 0 for a free one)
 * @param storeUrl JDBC URL of the flow store (jdbc:postgresql://...); null for the H2 file under
 *     {@code dataDir}
 * @param storeUser store user, when not in the URL
 * @param storePassword store password, when not in the URL
 * @param flinkUrl REST address of a remote Flink cluster (http://host:8081); null for the embedded
 *     MiniCluster
 * @param demo start the demo generator and create the demo flow on first start; null means "when
 *     the broker is embedded"
 * @param keepRevisions how many revisions before the current one the store keeps per flow (the
 *     oldest are pruned); 0 keeps all (the default)
 * @param security who may reach the server and how (null: {@link SecurityConfig#defaults()})
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    String kafkaBootstrap,
    int kafkaPort,
    String storeUrl,
    String storeUser,
    String storePassword,
    String flinkUrl,
    Boolean demo,
    int keepRevisions,
    SecurityConfig security) {

  public ServerConfig {
    if (keepRevisions < 0) {
      throw new IllegalArgumentException(
          "The number of revisions to keep must be 0 (all) or more, not " + keepRevisions + ".");
    }
    security = security == null ? SecurityConfig.defaults() : security;
  }

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_KAFKA_PORT = 9092;

  /** The embedded defaults with data under {@code dataDir}. */
  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig(
        "127.0.0.1",
        DEFAULT_PORT,
        dataDir,
        null,
        DEFAULT_KAFKA_PORT,
        null,
        null,
        null,
        null,
        null,
        0,
        null);
  }

  public ServerConfig withHost(String value) {
    return with(c -> c.host = value);
  }

  public ServerConfig withPort(int value) {
    return with(c -> c.port = value);
  }

  public ServerConfig withDataDir(Path value) {
    return with(c -> c.dataDir = value);
  }

  public ServerConfig withKafkaBootstrap(String value) {
    return with(c -> c.kafkaBootstrap = value);
  }

  public ServerConfig withKafkaPort(int value) {
    return with(c -> c.kafkaPort = value);
  }

  public ServerConfig withStore(String url, String user, String password) {
    return with(
        c -> {
          c.storeUrl = url;
          c.storeUser = user;
          c.storePassword = password;
        });
  }

  public ServerConfig withFlinkUrl(String value) {
    return with(c -> c.flinkUrl = value);
  }

  public ServerConfig withDemo(Boolean value) {
    return with(c -> c.demo = value);
  }

  public ServerConfig withSecurity(SecurityConfig value) {
    return with(c -> c.security = value);
  }

  /** Whether the demo generator runs and the demo flow is created. */
  public boolean demoEnabled() {
    return demo != null ? demo : kafkaBootstrap == null;
  }

  /** A copy with {@code change} applied: each with-method names only the fields it changes. */
  private ServerConfig with(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** The fields of a config being changed (a new component is added here once). */
  private static final class Copy {
    String host;
    int port;
    Path dataDir;
    String kafkaBootstrap;
    int kafkaPort;
    String storeUrl;
    String storeUser;
    String storePassword;
    String flinkUrl;
    Boolean demo;
    int keepRevisions;
    SecurityConfig security;

    Copy(ServerConfig c) {
      host = c.host;
      port = c.port;
      dataDir = c.dataDir;
      kafkaBootstrap = c.kafkaBootstrap;
      kafkaPort = c.kafkaPort;
      storeUrl = c.storeUrl;
      storeUser = c.storeUser;
      storePassword = c.storePassword;
      flinkUrl = c.flinkUrl;
      demo = c.demo;
      keepRevisions = c.keepRevisions;
      security = c.security;
    }

    ServerConfig build() {
      return new ServerConfig(
          host,
          port,
          dataDir,
          kafkaBootstrap,
          kafkaPort,
          storeUrl,
          storeUser,
          storePassword,
          flinkUrl,
          demo,
          keepRevisions,
          security);
    }
  }
}
