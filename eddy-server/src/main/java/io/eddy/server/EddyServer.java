package io.eddy.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eddy.core.analysis.AnalysisWarmUp;
import io.eddy.core.analysis.FlinkExpressionChecker;
import io.eddy.core.analysis.FlowAnalyzer;
import io.eddy.core.document.FlowDocuments;
import io.eddy.core.model.Flow;
import io.eddy.core.model.Node;
import io.eddy.core.nodes.NodeTypes;
import io.eddy.engine.EmbeddedKafka;
import io.eddy.engine.FlinkEngine;
import io.eddy.server.api.EnvironmentController;
import io.eddy.server.api.HealthController;
import io.eddy.server.auth.AccessGuard;
import io.eddy.server.auth.AccessToken;
import io.eddy.server.auth.AllowedHosts;
import io.eddy.server.auth.ApiTokens;
import io.eddy.server.auth.LocalUsers;
import io.eddy.server.auth.OidcSettings;
import io.eddy.server.auth.OidcSignIn;
import io.eddy.server.demo.DemoGenerator;
import io.eddy.server.deploy.Deployments;
import io.eddy.server.runs.RunManager;
import io.eddy.server.store.FlowStore;
import io.eddy.server.store.SecretCipher;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Eddy server: the flow store, the Kafka broker (embedded by default) with the demo generator,
 * the Flink engine (an embedded MiniCluster by default), the HTTP API and the web UI. {@link
 * #start} starts everything and logs one line per component with its address; {@link #close} stops
 * runs first, then every component in reverse order.
 */
public final class EddyServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EddyServer.class);
  static final String DEMO_MARKER = "demo-flow-created";

  private final ServerConfig config;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private FlowStore store;
  private String kafkaBootstrap;
  private FlinkEngine engine;
  private RunManager runs;
  private Javalin http;
  private AccessToken accessToken;
  private DemoGenerator demo;
  private boolean closed;

  private EddyServer(ServerConfig config) {
    this.config = config;
  }

  /**
   * Starts a server with {@code config}; returns when it serves requests.
   *
   * @throws IllegalStateException with a readable message when a component cannot start (what was
   *     started is stopped again)
   */
  public static EddyServer start(ServerConfig config) {
    EddyServer server = new EddyServer(config);
    try {
      server.startComponents();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private void startComponents() {
    checkBindAddress(config);
    Path dataDir = config.dataDir().toAbsolutePath();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new IllegalStateException(
          "The data directory " + dataDir + " cannot be created: " + e.getMessage(), e);
    }

    checkPortFree(config.host(), config.port());
    // a certificate or key that cannot be used stops the start before anything else starts
    KeyStore tlsKeys = config.security().tls() == null ? null : config.security().tls().keyStore();

    // the store
    SecretCipher cipher = SecretCipher.forDataDir(dataDir);
    String storeUrl = config.storeUrl() == null ? FlowStore.defaultUrl(dataDir) : config.storeUrl();
    // Each revision's status is computed when it is saved, so listing never analyses a flow.
    FlowAnalyzer analyzer = new FlowAnalyzer(new FlinkExpressionChecker());
    FlowStore.Options storeOptions =
        new FlowStore.Options(
            flow -> analyzer.report(flow).valid() ? "valid" : "draft", config.keepRevisions());
    store =
        FlowStore.open(storeUrl, config.storeUser(), config.storePassword(), cipher, storeOptions);
    resources.add(store);
    LOG.info("Flow store:  {} ({} flows)", store.url(), store.count());
    classifyInBackground(store);

    // Kafka
    BooleanSupplier kafkaUp;
    if (config.kafkaBootstrap() == null) {
      EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), config.kafkaPort());
      resources.add(kafka);
      kafkaBootstrap = kafka.bootstrapServers();
      kafkaUp = kafka::isRunning;
      LOG.info(
          "Kafka:       embedded broker at {} (data in {})",
          kafkaBootstrap,
          dataDir.resolve("kafka"));
    } else {
      kafkaBootstrap = config.kafkaBootstrap();
      Admin admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap,
                  AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000));
      resources.add(() -> admin.close(Duration.ofSeconds(2)));
      kafkaUp =
          () -> {
            try {
              admin.describeCluster().nodes().get(4, TimeUnit.SECONDS);
              return true;
            } catch (Exception e) {
              return false;
            }
          };
      LOG.info("Kafka:       external cluster at {}", kafkaBootstrap);
    }
    if (config.demoEnabled()) {
      demo = DemoGenerator.start(kafkaBootstrap);
      resources.add(demo);
      LOG.info("Demo data:   {} on {}", String.join(", ", DemoGenerator.TOPICS), kafkaBootstrap);
    }

    // Flink
    if (config.flinkUrl() == null) {
      engine = FlinkEngine.embedded(dataDir.resolve("flink"));
      LOG.info("Flink:       embedded MiniCluster, REST at {}", engine.restAddress());
    } else {
      URI uri =
          URI.create(
              config.flinkUrl().contains("://")
                  ? config.flinkUrl()
                  : "http://" + config.flinkUrl());
      if (uri.getHost() == null) {
        throw new IllegalStateException(
            "`"
                + config.flinkUrl()
                + "` is not a Flink REST address such as http://localhost:8081.");
      }
      engine =
          FlinkEngine.remote(uri.getHost(), uri.getPort() == -1 ? 8081 : uri.getPort(), List.of());
      LOG.info("Flink:       remote cluster at {}", engine.restAddress());
    }
    resources.add(engine);

    FlowService flows = new FlowService(store, analyzer);
    runs = new RunManager(flows, engine, kafkaBootstrap, dataDir);
    resources.add(runs);

    if (config.demoEnabled()) {
      createDemoFlow(dataDir);
    }

    Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
    checks.put("store", store::healthy);
    FlinkEngine e = engine;
    checks.put(
        "engine",
        () -> {
          try {
            e.jobs();
            return true;
          } catch (RuntimeException ex) {
            return false;
          }
        });
    checks.put("kafka", kafkaUp);
    // Deployments go to the cluster runs use; on the embedded MiniCluster they end with Eddy.
    Deployments deployments =
        new Deployments(
            flows,
            engine.restAddress(),
            engine.embedded(),
            dataDir,
            System.getenv(),
            runs::isRunJob);
    EnvironmentController.Environment environment =
        new EnvironmentController.Environment(
            new EnvironmentController.Environment.Kafka(
                kafkaBootstrap, config.kafkaBootstrap() == null),
            new EnvironmentController.Environment.Flink(engine.restAddress(), engine.embedded()));
    accessToken = AccessToken.forDataDir(dataDir);
    AccessGuard access =
        new AccessGuard(
            accessToken,
            ApiTokens.forDataDir(dataDir),
            LocalUsers.forDataDir(dataDir),
            OidcSettings.forDataDir(dataDir, System.getenv()).map(OidcSignIn::new).orElse(null),
            new AllowedHosts(config.host(), config.security().allowedHosts()),
            // over HTTPS the browser sends the session cookie only over HTTPS
            config.security().tls() != null);
    http =
        App.create(
            new App.Dependencies(
                flows,
                runs,
                new HealthController.Checks(checks),
                kafkaBootstrap,
                environment,
                deployments,
                access));
    if (tlsKeys != null) {
      // a connector of Eddy's own: Javalin then adds no plain HTTP one
      Server jetty = http.jettyServer().server();
      jetty.addConnector(TlsFiles.connector(jetty, tlsKeys, config.host(), config.port()));
    }
    try {
      http.start(config.host(), config.port());
    } catch (RuntimeException ex) {
      throw new IllegalStateException(
          "The web server cannot listen on "
              + config.host()
              + ":"
              + config.port()
              + " (is the port in use? choose another with --port).",
          ex);
    }
    resources.add(() -> http.stop());
    if (access.signInConfigured()) {
      LOG.info("Eddy is ready at {} (sign in on its sign-in page)", url());
    } else {
      LOG.info("Eddy is ready at {}", signInUrl());
    }

    // Warm the planner so that the first analysis in the editor and the first run are quick.
    Thread warm =
        new Thread(
            () -> {
              try {
                warmUp(flows);
                long t = System.nanoTime();
                int passes =
                    AnalysisWarmUp.run(
                        AnalysisWarmUp.passes(), AnalysisWarmUp.BUDGET, runs::starting);
                LOG.info(
                    "Analysis:    warmed up with {} synthetic flows ({} ms)",
                    passes,
                    (System.nanoTime() - t) / 1_000_000);
              } catch (RuntimeException | LinkageError ignored) {
                // only a warm-up
              }
            },
            "eddy-warm-up");
    warm.setDaemon(true);
    warm.start();
  }

  /**
   * Stores the status of flows saved by an Eddy before the catalogue (they list as drafts until
   * then), off the request path.
   */
  private static void classifyInBackground(FlowStore store) {
    Thread t =
        new Thread(
            () -> {
              try {
                int n = store.classifyPending();
                if (n > 0) {
                  LOG.info("Flow store: stored the status of {} flows saved before", n);
                }
              } catch (RuntimeException e) {
                LOG.warn("Classifying stored flows stopped: {}", e.getMessage());
              }
            },
            "eddy-classify-flows");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Warms the analysis, the planner and the cluster in the background, so that the first analysis
   * in the editor and the first run are quick: analyses a valid stored flow and plans its runs
   * ahead ({@link RunManager#planAhead}); on the embedded cluster also runs a job reading (next to)
   * nothing from the flow's source through the whole path of a run ({@link RunManager#warmUp}).
   */
  private void warmUp(FlowService flows) {
    // The summaries carry each revision's stored status, so only a valid flow's document is read
    // (with thousands of flows, reading every document at start would be the slow part).
    for (var summary : store.summaries()) {
      if (!"valid".equals(summary.status())) {
        continue;
      }
      var stored = store.find(summary.id()).orElse(null);
      if (stored == null) {
        continue;
      }
      try {
        // the flow's runs planned now (the analysis and the planner warm up with them): its
        // first Run, from now or historical, only executes its plan
        long planned = System.nanoTime();
        if (!runs.planAhead(stored)) {
          continue;
        }
        LOG.info(
            "Flink:       runs of flow {} planned ahead ({} ms)",
            stored.name(),
            (System.nanoTime() - planned) / 1_000_000);
        if (engine.embedded()) {
          long t = System.nanoTime();
          runs.warmUp(stored);
          LOG.info(
              "Flink:       warmed up with a job reading flow {}'s source ({} ms)",
              stored.name(),
              (System.nanoTime() - t) / 1_000_000);
        }
      } catch (Exception | AssertionError | StackOverflowError | LinkageError e) {
        // Flink's planner throws errors, not only exceptions, on some inputs (as FlowService says)
        LOG.debug("Warm-up with flow {} failed: {}", stored.name(), e.toString());
      }
      return;
    }
  }

  /**
   * Listens beyond loopback only with sign-in for several people: local users or an OpenID Connect
   * provider configured (each person signs in as themselves, with a role). Without users there is
   * only the owner's access token, which would cross the network in plain HTTP; the explicit
   * opt-out is logged as a warning at every start.
   */
  static void checkBindAddress(ServerConfig config) {
    if (isLoopback(config.host())) {
      return;
    }
    Path dataDir = config.dataDir().toAbsolutePath();
    var oidc = OidcSettings.forDataDir(dataDir, System.getenv());
    if (LocalUsers.forDataDir(dataDir).configured() || oidc.isPresent()) {
      String users =
          dataDir.resolve(LocalUsers.FILE)
              + oidc.map(o -> " and of " + o.name() + " (" + o.issuer() + ")").orElse("");
      if (config.security().tls() != null) {
        LOG.info(
            "Listening on {} over HTTPS, with sign-in of the users in {}.", config.host(), users);
      } else {
        LOG.warn(
            "SECURITY: listening on {} with sign-in of the users in {}; passwords and session"
                + " cookies cross the network in plain HTTP unless a reverse proxy with TLS is in"
                + " front (or give --tls-certificate and --tls-key).",
            config.host(),
            users);
      }
      return;
    }
    if (!config.security().allowNetworkWithoutSignIn()) {
      throw new IllegalStateException(
          "Eddy does not listen on "
              + config.host()
              + " without sign-in: add a user first (eddy users add NAME --role admin), so that"
              + " everyone signs in with a name and password, or configure an OpenID Connect"
              + " provider in "
              + dataDir.resolve(OidcSettings.FILE)
              + ", or keep the default --host"
              + " 127.0.0.1, or start with --allow-network-without-sign-in to share the owner's"
              + " access token over plain HTTP.");
    }
    LOG.warn(
        "SECURITY: listening on {} without sign-in for several people"
            + " (--allow-network-without-sign-in): whoever has the access token can change and"
            + " deploy flows, and the token crosses the network in plain HTTP.",
        config.host());
  }

  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** Fails fast, before the slow components start, when the HTTP port is taken. */
  private static void checkPortFree(String host, int port) {
    if (port == 0) {
      return;
    }
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new java.net.InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new IllegalStateException(
          "The web server cannot listen on "
              + host
              + ":"
              + port
              + ": the port is in use (choose another with --port).",
          e);
    }
  }

  /** Creates the demo flow "EMEA orders" on the first start with this data directory. */
  private void createDemoFlow(Path dataDir) {
    Path marker = dataDir.resolve(DEMO_MARKER);
    if (Files.exists(marker)) {
      return;
    }
    try (InputStream in =
        EddyServer.class.getResourceAsStream("/io/eddy/server/demo/emea-orders.json")) {
      Flow flow = FlowDocuments.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      List<Node> nodes = new ArrayList<>();
      for (Node n : flow.nodes()) {
        List<String> servers = Arrays.stream(kafkaBootstrap.split(",")).map(String::strip).toList();
        ObjectNode config =
            NodeTypes.find(n.type())
                .map(t -> t.connectTo(n.config(), servers, topic -> topic))
                .orElse(n.config());
        nodes.add(n.withConfig(config));
      }
      store.create(flow.withNodes(nodes));
      Files.writeString(
          marker, "The demo flow was created; delete this file to create it again.\n");
      LOG.info("Demo flow:   \"{}\" created", flow.name());
    } catch (Exception e) {
      LOG.warn("The demo flow could not be created: {}", e.getMessage());
    }
  }

  /** The HTTP port (the real one when started with port 0). */
  public int port() {
    return http.port();
  }

  /** The address of the web UI and API, e.g. http://localhost:8080. */
  public String url() {
    String host = config.host();
    if (host == null || host.equals("0.0.0.0") || host.equals("127.0.0.1")) {
      host = "localhost";
    }
    return (config.security().tls() != null ? "https://" : "http://") + host + ":" + port();
  }

  /**
   * The address that signs a browser in: {@link #url()} with the access token, which a session
   * cookie keeps after the first visit.
   */
  public String signInUrl() {
    return url() + "/?token=" + accessToken.value();
  }

  /** The per-installation access token (also in the data directory's {@code access-token}). */
  public String accessToken() {
    return accessToken.value();
  }

  /** Every HTTP route, as "METHOD /path/{param}" (the route-table tests walk them). */
  public List<String> routes() {
    return App.routes(http);
  }

  /** Kafka bootstrap servers in use (the embedded broker's or the configured cluster's). */
  public String kafkaBootstrap() {
    return kafkaBootstrap;
  }

  /** The REST address of the Flink cluster runs go to. */
  public String flinkRestAddress() {
    return engine.restAddress();
  }

  public FlowStore store() {
    return store;
  }

  public ServerConfig config() {
    return config;
  }

  /** Blocks until the server is closed. */
  public void join() throws InterruptedException {
    stopped.await();
  }

  /** Stops every run, then the web server, Flink, the generator, Kafka and the store. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn(
            "Stopping {} failed: {}", resources.get(i).getClass().getSimpleName(), e.toString());
      }
    }
    resources.clear();
    LOG.info("Eddy stopped");
    stopped.countDown();
  }

  /** Starts a server from simple options; the {@code eddy serve} command is the full interface. */
  public static void main(String[] args) throws Exception {
    ServerConfig config = ServerConfig.defaults(Path.of("eddy-data"));
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--port" -> config = config.withPort(Integer.parseInt(value));
        case "--data-dir" -> config = config.withDataDir(Path.of(value));
        case "--kafka" -> config = config.withKafkaBootstrap(value);
        case "--kafka-port" -> config = config.withKafkaPort(Integer.parseInt(value));
        case "--store" -> config = config.withStore(value, null, null);
        case "--flink" -> config = config.withFlinkUrl(value);
        case "--host" -> config = config.withHost(value);
        default -> {
          System.err.println("Unknown option " + args[i]);
          System.exit(2);
        }
      }
      i++;
    }
    EddyServer server = start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "eddy-shutdown"));
    server.join();
  }
}
