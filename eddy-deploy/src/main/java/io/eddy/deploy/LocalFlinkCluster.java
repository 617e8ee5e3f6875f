package io.eddy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.eddy.deploy.ClusterProcesses.Role;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A real Flink session cluster on loopback for development and tests: a JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and a TaskManager ({@code TaskManagerRunner}) as two
 * separate JVM processes, started from this process's classpath (no Flink distribution needed).
 *
 * <p>Everything lives in one directory: {@code conf/config.yaml}, {@code log/}, the pid files
 * {@code jobmanager.pid} and {@code taskmanager.pid}, {@code rest-url}, {@code savepoints/}, {@code
 * checkpoints/} and {@code tmp/}. The processes outlive the command that started them; {@link
 * #stop(Path)} ends them.
 */
public final class LocalFlinkCluster implements AutoCloseable {
  /** Java 17 openings Flink needs (Flink's env.java.opts.all). */
  static final List<String> JVM_OPENS =
      List.of(
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
          "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  /**
   * How big the cluster is, and whether it is highly available.
   *
   * @param slots task slots of the TaskManager (jobs of parallelism 1 that can run at once)
   * @param jobManagerMemory total process memory of the JobManager, e.g. {@code 1024m}
   * @param taskManagerMemory total process memory of the TaskManager, e.g. {@code 1536m}
   * @param startTimeout how long to wait for the TaskManager to register
   * @param highAvailability whether a restarted JobManager recovers the running jobs by itself:
   *     ZooKeeper (Flink's own, as a third process) elects the leader and keeps pointers; job
   *     graphs and checkpoint metadata are files under {@code ha/}
   */
  public record Options(
      int slots,
      String jobManagerMemory,
      String taskManagerMemory,
      Duration startTimeout,
      boolean highAvailability) {
    public static Options defaults() {
      return new Options(4, "1024m", "1536m", Duration.ofSeconds(120), false);
    }
  }

  private final Path dir;
  private final String restUrl;
  private final List<String> started;

  private LocalFlinkCluster(Path dir, String restUrl, List<String> started) {
    this.dir = dir;
    this.restUrl = restUrl;
    this.started = List.copyOf(started);
  }

  /** The default directory of the development cluster: {@code ~/.eddy/cluster}. */
  public static Path defaultDir() {
    return Paths.get(System.getProperty("user.home"), ".eddy", "cluster");
  }

  public static LocalFlinkCluster start(Path dir) {
    return start(dir, Options.defaults());
  }

  /**
   * Brings the cluster of {@code dir} up and waits until a TaskManager has registered. When none of
   * its processes runs, it starts afresh (keeping the REST port of its last run when that port is
   * free, so its address stays the same); when some run — a JobManager or TaskManager died or was
   * killed — only the missing ones are started, with the configuration the others run with.
   *
   * @throws DeployException when every process of the cluster already runs, another Flink answers
   *     at its address, or a process fails to start (the message names the log directory)
   */
  public static LocalFlinkCluster start(Path dir, Options options) {
    Path home = dir.toAbsolutePath().normalize();
    Map<Role, List<ProcessHandle>> live = ClusterProcesses.find(home);
    if (live.isEmpty()) {
      return startAfresh(home, options);
    }
    Map<String, String> config = readConfig(home);
    if (config.isEmpty()) {
      throw new DeployException(
          "Processes of the Flink cluster in "
              + home
              + " run ("
              + ClusterProcesses.describe(live)
              + ") but its configuration is gone: stop them with `eddy cluster stop --dir "
              + home
              + "`, then start it again.");
    }
    boolean ha = config.containsKey("high-availability.type");
    String url = "http://127.0.0.1:" + config.get("rest.port");
    if (options.highAvailability() && !ha) {
      throw new DeployException(
          "The Flink cluster in "
              + home
              + " runs without high availability: stop it with `eddy cluster stop --dir "
              + home
              + "` to start it with --ha.");
    }
    List<Role> missing = new ArrayList<>();
    for (Role role : roles(ha)) {
      if (!live.containsKey(role)) {
        missing.add(role);
      }
    }
    if (missing.isEmpty()) {
      throw new DeployException(
          "A Flink cluster is already running from "
              + home
              + " at "
              + url
              + " ("
              + ClusterProcesses.describe(live)
              + ").");
    }
    return launchAll(home, config, missing, options, url);
  }

  /** The processes a cluster runs: with high availability, ZooKeeper first. */
  private static List<Role> roles(boolean ha) {
    return ha
        ? List.of(Role.ZOOKEEPER, Role.JOBMANAGER, Role.TASKMANAGER)
        : List.of(Role.JOBMANAGER, Role.TASKMANAGER);
  }

  private static LocalFlinkCluster startAfresh(Path home, Options options) {
    Map<String, String> previous = readConfig(home);
    int restPort = reusablePort(previous.get("rest.port"));
    String url = "http://127.0.0.1:" + restPort;
    if (flinkAnswers(url)) {
      // No process of this directory runs, yet something answers at its address.
      throw new DeployException(
          "No process of the Flink cluster in "
              + home
              + " runs, but a Flink cluster answers at "
              + url
              + ": it was not started from this directory; stop it first.");
    }
    try {
      Files.createDirectories(home);
      for (String sub : List.of("conf", "log", "savepoints", "checkpoints")) {
        Files.createDirectories(home.resolve(sub));
      }
      deleteRecursively(home.resolve("tmp"));
      Files.createDirectories(home.resolve("tmp"));
      Files.deleteIfExists(home.resolve("rest-url"));
    } catch (IOException e) {
      throw new DeployException("The cluster directory " + home + " cannot be written: " + e, e);
    }
    Map<String, String> config = configuration(home, options, restPort);
    if (options.highAvailability()) {
      config.putAll(highAvailability(home, reusablePort(previous.get(ZOOKEEPER_PORT_KEY))));
    }
    Path confDir = home.resolve("conf");
    writeConfig(confDir, config);
    writeLogback(confDir);
    return launchAll(home, config, roles(options.highAvailability()), options, url);
  }

  /** The key under which the config remembers ZooKeeper's port (Eddy's own, Flink ignores it). */
  static final String ZOOKEEPER_PORT_KEY = "eddy.zookeeper.port";

  /**
   * Flink's ZooKeeper high availability with everything on this machine: the quorum is the local
   * ZooKeeper process, job graphs and checkpoint metadata are files in {@code ha/}. A short session
   * timeout lets a restarted JobManager take over the leadership within seconds.
   */
  static Map<String, String> highAvailability(Path home, int zookeeperPort) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("high-availability.type", "zookeeper");
    c.put("high-availability.zookeeper.quorum", "127.0.0.1:" + zookeeperPort);
    c.put("high-availability.storageDir", home.resolve("ha").toUri().toString());
    c.put("high-availability.cluster-id", "/eddy");
    c.put("high-availability.zookeeper.client.session-timeout", "10 s");
    c.put("high-availability.zookeeper.client.connection-timeout", "10 s");
    c.put(ZOOKEEPER_PORT_KEY, String.valueOf(zookeeperPort));
    return c;
  }

  private static LocalFlinkCluster launchAll(
      Path home, Map<String, String> config, List<Role> toStart, Options options, String url) {
    Path confDir = home.resolve("conf");
    Configuration flinkConf = GlobalConfiguration.loadConfiguration(confDir.toString());
    List<String> classpath = FlinkClasspath.current();
    // A TaskManager that was killed may still be registered until its heartbeat times out:
    // wait for one that was not there before.
    Set<String> previous = toStart.contains(Role.TASKMANAGER) ? taskManagerIds(url) : Set.of();
    List<Process> started = new ArrayList<>();
    try {
      for (Role role : toStart) {
        started.add(
            switch (role) {
              case ZOOKEEPER -> launchZooKeeper(home, config, classpath);
              case JOBMANAGER -> {
                JobManagerProcessSpec spec =
                    JobManagerProcessUtils.processSpecFromConfig(flinkConf);
                yield launch(
                    home,
                    role,
                    classpath,
                    split(JobManagerProcessUtils.generateJvmParametersStr(spec, flinkConf)),
                    flinkArgs(home, split(JobManagerProcessUtils.generateDynamicConfigsStr(spec))));
              }
              case TASKMANAGER -> {
                TaskExecutorProcessSpec spec =
                    TaskExecutorProcessUtils.processSpecFromConfig(flinkConf);
                yield launch(
                    home,
                    role,
                    classpath,
                    split(ProcessMemoryUtils.generateJvmParametersStr(spec)),
                    flinkArgs(
                        home, split(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec))));
              }
            });
      }
      awaitTaskManager(url, home, options.startTimeout(), previous);
      Files.writeString(home.resolve("rest-url"), url + "\n", StandardCharsets.UTF_8);
      return new LocalFlinkCluster(home, url, toStart.stream().map(r -> r.label).toList());
    } catch (RuntimeException | IOException e) {
      // Undo what this call started; processes that were running before are left alone.
      for (int i = started.size() - 1; i >= 0; i--) {
        ClusterProcesses.end(started.get(i).toHandle());
      }
      if (e instanceof DeployException d) {
        throw d;
      }
      throw new DeployException("The local Flink cluster could not start: " + e, e);
    }
  }

  private static List<String> flinkArgs(Path home, List<String> dynamicConfig) {
    List<String> args = new ArrayList<>(List.of("--configDir", home.resolve("conf").toString()));
    args.addAll(dynamicConfig);
    return args;
  }

  private static Process launchZooKeeper(
      Path home, Map<String, String> config, List<String> classpath) throws IOException {
    Path data = home.resolve("ha").resolve("zookeeper");
    Files.createDirectories(data);
    Path zooCfg = home.resolve("conf").resolve("zoo.cfg");
    write(
        zooCfg,
        "# Written by eddy cluster start --ha: the ZooKeeper of Flink's high availability.\n"
            + "dataDir="
            + data
            + "\nclientPort="
            + config.get(ZOOKEEPER_PORT_KEY)
            + "\nclientPortAddress=127.0.0.1\ntickTime=1000\n"
            // No admin web server: its default port 8080 is Eddy's own.
            + "admin.enableServer=false\n");
    return launch(home, Role.ZOOKEEPER, classpath, List.of("-Xmx128m"), List.of(zooCfg.toString()));
  }

  /** The Flink configuration of the cluster: loopback only, free ports, its own directories. */
  static Map<String, String> configuration(Path home, Options options, int restPort) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("jobmanager.rpc.address", "127.0.0.1");
    c.put("jobmanager.bind-host", "127.0.0.1");
    c.put("jobmanager.rpc.port", String.valueOf(freePort()));
    c.put("jobmanager.memory.process.size", options.jobManagerMemory());
    c.put("taskmanager.host", "127.0.0.1");
    c.put("taskmanager.bind-host", "127.0.0.1");
    c.put("taskmanager.rpc.port", "0");
    c.put("taskmanager.data.port", "0");
    c.put("taskmanager.numberOfTaskSlots", String.valueOf(options.slots()));
    c.put("taskmanager.memory.process.size", options.taskManagerMemory());
    c.put("taskmanager.memory.managed.fraction", "0.2");
    c.put("blob.server.port", "0");
    c.put("rest.address", "127.0.0.1");
    c.put("rest.bind-address", "127.0.0.1");
    c.put("rest.port", String.valueOf(restPort));
    c.put("parallelism.default", "1");
    c.put("io.tmp.dirs", home.resolve("tmp").toString());
    c.put("web.tmpdir", home.resolve("tmp").resolve("web").toString());
    c.put("web.submit.enable", "true");
    c.put("web.cancel.enable", "true");
    c.put("execution.checkpointing.dir", home.resolve("checkpoints").toUri().toString());
    c.put("execution.checkpointing.savepoint-dir", home.resolve("savepoints").toUri().toString());
    c.put("state.backend.type", "hashmap");
    // A killed TaskManager is noticed within seconds (two failed heartbeat RPCs), a silent one
    // after 20 s; jobs then restart from their latest checkpoint.
    // A loaded machine can take longer than Flink's 10 s to start the RPC system of a restarted
    // process; the process then gives up.
    c.put("pekko.startup-timeout", "60 s");
    c.put("heartbeat.interval", "3000");
    c.put("heartbeat.timeout", "20000");
    c.put("resourcemanager.taskmanager-timeout", "30000");
    c.put("cluster.evenly-spread-out-slots", "false");
    return c;
  }

  private static void writeConfig(Path confDir, Map<String, String> config) {
    StringBuilder yaml =
        new StringBuilder("# Written by eddy cluster start; the cluster reads it on start.\n");
    config.forEach((k, v) -> yaml.append(k).append(": ").append(yamlString(v)).append('\n'));
    write(confDir.resolve("config.yaml"), yaml.toString());
  }

  private static String yamlString(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static void writeLogback(Path confDir) {
    write(
        confDir.resolve("logback.xml"),
        """
        <configuration>
          <!-- Restarted processes append: the logs of their predecessors are kept. -->
          <appender name="FILE" class="ch.qos.logback.core.rolling.RollingFileAppender">
            <file>${log.file}</file>
            <append>true</append>
            <rollingPolicy class="ch.qos.logback.core.rolling.FixedWindowRollingPolicy">
              <fileNamePattern>${log.file}.%i</fileNamePattern>
              <minIndex>1</minIndex>
              <maxIndex>5</maxIndex>
            </rollingPolicy>
            <triggeringPolicy class="ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy">
              <maxFileSize>10MB</maxFileSize>
            </triggeringPolicy>
            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
          </appender>
          <logger name="org.apache.kafka" level="WARN"/>
          <logger name="org.apache.pekko" level="WARN"/>
          <logger name="org.apache.flink.shaded" level="WARN"/>
          <root level="INFO"><appender-ref ref="FILE"/></root>
        </configuration>
        """);
  }

  private static Process launch(
      Path home, Role role, List<String> classpath, List<String> jvm, List<String> args)
      throws IOException {
    Path logDir = home.resolve("log");
    Files.createDirectories(logDir);
    Path log = logDir.resolve(role.fileName + ".log");
    Path out = logDir.resolve(role.fileName + ".out");
    keepPredecessor(out);
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(jvm);
    command.add("-XX:+UseSerialGC");
    command.addAll(JVM_OPENS);
    command.add("-Dlog.file=" + log);
    command.add("-Dlogback.configurationFile=" + home.resolve("conf").resolve("logback.xml"));
    command.add("-Djava.io.tmpdir=" + home.resolve("tmp"));
    command.add(ClusterProcesses.DIR_PROPERTY + home);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath));
    command.add(role.mainClass);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.directory(home.toFile());
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process process = builder.start();
    Files.writeString(
        ClusterProcesses.pidFile(home, role), process.pid() + "\n", StandardCharsets.UTF_8);
    return process;
  }

  /**
   * Keeps the output file of a process's predecessor: appended to while small, moved to {@code
   * NAME.out.1} (and older ones shifted up to {@code .5}) once it exceeds 10 MB. The {@code .log}
   * files roll the same way through logback.
   */
  static void keepPredecessor(Path out) throws IOException {
    if (!Files.exists(out) || Files.size(out) < 10L * 1024 * 1024) {
      return;
    }
    for (int i = 4; i >= 1; i--) {
      Path older = out.resolveSibling(out.getFileName() + "." + i);
      if (Files.exists(older)) {
        Files.move(
            older,
            out.resolveSibling(out.getFileName() + "." + (i + 1)),
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(
        out, out.resolveSibling(out.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** The ids of the TaskManagers registered at the cluster (none when it does not answer). */
  private static Set<String> taskManagerIds(String url) {
    Set<String> ids = new HashSet<>();
    try {
      new FlinkRest(url)
          .get("/taskmanagers")
          .path("taskmanagers")
          .forEach(t -> ids.add(t.path("id").asText()));
    } catch (DeployException notUp) {
      // no JobManager answers: no TaskManager is registered
    }
    return ids;
  }

  /**
   * Waits until the cluster's REST API answers with a registered TaskManager with slots that is not
   * one of {@code previous}.
   */
  private static void awaitTaskManager(
      String url, Path home, Duration timeout, Set<String> previous) {
    FlinkRest rest = new FlinkRest(url);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<Role, List<ProcessHandle>> live = ClusterProcesses.find(home);
      for (Role role : List.of(Role.JOBMANAGER, Role.TASKMANAGER)) {
        if (!live.containsKey(role)) {
          throw new DeployException(
              "The Flink "
                  + role.label
                  + " exited during start; see "
                  + home.resolve("log").resolve(role.fileName + ".log")
                  + ".");
        }
      }
      try {
        for (JsonNode tm : rest.get("/taskmanagers").path("taskmanagers")) {
          if (!previous.contains(tm.path("id").asText()) && tm.path("slotsNumber").asInt() >= 1) {
            return;
          }
        }
      } catch (DeployException notYet) {
        // the REST endpoint is not up yet
      }
      if (System.nanoTime() > deadline) {
        throw new DeployException(
            "The local Flink cluster was not ready within "
                + timeout.toSeconds()
                + " s; see "
                + home.resolve("log")
                + ".");
      }
      sleep(250);
    }
  }

  /** The cluster running from {@code dir} (started by another command or process), if any. */
  public static Optional<LocalFlinkCluster> attach(Path dir) {
    Path home = dir.toAbsolutePath().normalize();
    return running(home)
        .filter(url -> url.startsWith("http"))
        .map(url -> new LocalFlinkCluster(home, url, List.of()));
  }

  /**
   * The REST URL of the cluster running from {@code dir} (its configuration's port) while its
   * JobManager process is alive; {@code (starting)} while that process has no configuration yet.
   */
  public static Optional<String> running(Path dir) {
    Path home = dir.toAbsolutePath().normalize();
    Map<String, String> config = readConfig(home);
    String url =
        config.containsKey("rest.port") ? "http://127.0.0.1:" + config.get("rest.port") : null;
    if (ClusterProcesses.find(home).containsKey(Role.JOBMANAGER)) {
      return Optional.of(url != null ? url : "(starting)");
    }
    return Optional.empty();
  }

  /** What {@link #stop} found and ended. */
  public record Stopped(String processes) {
    public boolean any() {
      return !processes.isEmpty();
    }
  }

  /**
   * Ends every process of the cluster of {@code dir} — found by their command lines, whatever the
   * pid files say — TaskManagers first, ZooKeeper last.
   *
   * @throws DeployException when none runs but a Flink cluster answers at the directory's address
   *     (it was started some other way, so there is nothing here to end)
   */
  public static Stopped stop(Path dir) {
    Path home = dir.toAbsolutePath().normalize();
    Map<Role, List<ProcessHandle>> live = ClusterProcesses.find(home);
    for (Role role : List.of(Role.TASKMANAGER, Role.JOBMANAGER, Role.ZOOKEEPER)) {
      live.getOrDefault(role, List.of()).forEach(ClusterProcesses::end);
    }
    for (Role role : Role.values()) {
      deleteQuietly(ClusterProcesses.pidFile(home, role));
    }
    deleteQuietly(home.resolve("rest-url"));
    if (live.isEmpty()) {
      Map<String, String> config = readConfig(home);
      String url = "http://127.0.0.1:" + config.get("rest.port");
      if (config.containsKey("rest.port") && flinkAnswers(url)) {
        throw new DeployException(
            "No process of the Flink cluster in "
                + home
                + " runs, but a Flink cluster answers at "
                + url
                + ": it was not started from this directory.");
      }
    }
    return new Stopped(ClusterProcesses.describe(live));
  }

  /** Whether a Flink REST API answers at {@code url}. */
  static boolean flinkAnswers(String url) {
    try {
      return new FlinkRest(url).get("/config").has("flink-version");
    } catch (DeployException e) {
      return false;
    }
  }

  /** The configuration the cluster of {@code home} was last started with (empty if none). */
  static Map<String, String> readConfig(Path home) {
    Path file = home.resolve("conf").resolve("config.yaml");
    Map<String, String> out = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int colon = line.indexOf(": ");
        if (line.startsWith("#") || colon < 0) {
          continue;
        }
        String value = line.substring(colon + 2).strip();
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
          value = value.substring(1, value.length() - 1).replace("''", "'");
        }
        out.put(line.substring(0, colon).strip(), value);
      }
    } catch (IOException e) {
      throw new DeployException(file + " cannot be read: " + e.getMessage(), e);
    }
    return out;
  }

  /** {@code previous} when it is a port that is free now, else a free port. */
  private static int reusablePort(String previous) {
    if (previous != null && previous.matches("\\d+")) {
      int port = Integer.parseInt(previous);
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return port;
      } catch (IOException taken) {
        // someone else has it now
      }
    }
    return freePort();
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // best effort
    }
  }

  public String restUrl() {
    return restUrl;
  }

  /** The processes the call that made this object started (JobManager, TaskManager, ZooKeeper). */
  public List<String> started() {
    return started;
  }

  /** Whether the cluster runs with high availability (its configuration says so). */
  public boolean highAvailability() {
    return readConfig(dir).containsKey("high-availability.type");
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    stop(dir);
  }

  private static String javaExecutable() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static List<String> split(String params) {
    return Arrays.stream(params.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
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

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DeployException(file + " cannot be written: " + e.getMessage(), e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeployException("Interrupted while waiting for the Flink cluster.", e);
    }
  }
}
