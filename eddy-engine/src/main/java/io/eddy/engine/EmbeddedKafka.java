package io.eddy.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apache Kafka broker inside this JVM: KRaft mode, combined broker and controller, listening on
 * loopback, with its data under a directory of its own. Every replication factor and minimum ISR is
 * 1 (the transaction log too), so exactly-once sinks work against it. Restarting on the same
 * directory keeps the topics.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int NODE_ID = 1;

  private final Path dataDir;
  private final int port;
  private final KafkaRaftServer server;
  private final Admin admin;
  private volatile boolean closed;

  private EmbeddedKafka(Path dataDir, int port, KafkaRaftServer server, Admin admin) {
    this.dataDir = dataDir;
    this.port = port;
    this.server = server;
    this.admin = admin;
  }

  /** Starts a broker on a free port. */
  public static EmbeddedKafka start(Path dataDir) {
    return start(dataDir, 0);
  }

  /**
   * Starts a broker with its data under {@code dataDir} (created when missing).
   *
   * @param port the client port on 127.0.0.1, or 0 for a free one
   */
  public static EmbeddedKafka start(Path dataDir, int port) {
    installExitProcedures();
    try {
      Files.createDirectories(dataDir);
      Path logDir = dataDir.resolve("kraft-logs").toAbsolutePath();
      Files.createDirectories(logDir);
      int clientPort = port == 0 ? freePort() : port;
      int controllerPort = freePort();
      Properties props = brokerProperties(logDir, clientPort, controllerPort);
      KafkaConfig config = KafkaConfig.fromProps(props, false);
      if (!Files.exists(logDir.resolve("meta.properties"))) {
        format(logDir);
      }
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      try {
        server.startup();
      } catch (RuntimeException e) {
        shutdownQuietly(server);
        throw new IllegalStateException(
            "The embedded Kafka broker could not start on port "
                + clientPort
                + ": "
                + Errors.sentence(e),
            e);
      }
      String bootstrap = "127.0.0.1:" + clientPort;
      Admin admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap,
                  AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                  10_000,
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                  20_000));
      EmbeddedKafka kafka = new EmbeddedKafka(dataDir, clientPort, server, admin);
      kafka.awaitReady();
      return kafka;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Properties brokerProperties(Path logDir, int clientPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("metadata.log.dir", logDir.toString());
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "true");
    p.put("delete.topic.enable", "true");
    p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");
    p.put("log.cleaner.threads", "1");
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
    p.put("num.recovery.threads.per.data.dir", "1");
    p.put("log.retention.hours", "168");
    p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
    p.put("controller.quorum.election.timeout.ms", "1000");
    p.put("controller.quorum.fetch.timeout.ms", "2000");
    return p;
  }

  private static void format(Path logDir) {
    try {
      new Formatter()
          .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .addDirectory(logDir.toString())
          .setMetadataLogDirectory(logDir.toString())
          .setReleaseVersion(MetadataVersion.latestProduction())
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setControllerListenerName("CONTROLLER")
          .setIgnoreFormatted(true)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException(
          "The embedded Kafka broker's data directory " + logDir + " could not be formatted.", e);
    }
  }

  /** The broker must never end the JVM it shares with Eddy: log instead. */
  private static void installExitProcedures() {
    Exit.setExitProcedure(
        (status, message) ->
            LOG.error("Kafka asked to exit the JVM with status {}: {}", status, message));
    Exit.setHaltProcedure(
        (status, message) ->
            LOG.error("Kafka asked to halt the JVM with status {}: {}", status, message));
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        last = e;
        sleep(100);
      }
    }
    close();
    throw new IllegalStateException(
        "The embedded Kafka broker did not become ready: " + Errors.sentence(last), last);
  }

  /** {@code host:port} for clients. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** An admin client on this broker, owned by it (do not close it). */
  public Admin admin() {
    return admin;
  }

  /** Creates a topic unless it exists. */
  public void createTopic(String topic, int partitions) {
    try {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "Topic `" + topic + "` could not be created: " + Errors.sentence(e), e);
      }
    } catch (Exception e) {
      throw new IllegalStateException(
          "Topic `" + topic + "` could not be created: " + Errors.sentence(e), e);
    }
  }

  /** Deletes topics, ignoring those that do not exist. */
  public void deleteTopics(Set<String> topics) {
    try {
      admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("Deleting topics {} failed: {}", topics, e.toString());
    }
  }

  public Set<String> topics() {
    try {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Listing topics failed: " + Errors.sentence(e), e);
    }
  }

  public boolean isRunning() {
    return !closed;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      admin.close(java.time.Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      LOG.debug("Closing the admin client failed", e);
    }
    shutdownQuietly(server);
  }

  private static void shutdownQuietly(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("The embedded Kafka broker did not shut down cleanly: {}", e.toString());
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on loopback", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
