package io.eddy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  static final String JOB_MANAGER_CLASS =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  static final String TASK_MANAGER_CLASS =
      "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

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
   * How big the cluster is.
   *
   * @param slots task slots of the TaskManager (jobs of parallelism 1 that can run at once)
   * @param jobManagerMemory total process memory of the JobManager, e.g. {@code 1024m}
   * @param taskManagerMemory total process memory of the TaskManager, e.g. {@code 1536m}
   * @param startTimeout how long to wait for the TaskManager to register
   */
  public record Options(
      int slots, String jobManagerMemory, String taskManagerMemory, Duration startTimeout) {
    public static Options defaults() {
      return new Options(4, "1024m", "1536m", Duration.ofSeconds(120));
    }

    public Options withSlots(int value) {
      return new Options(value, jobManagerMemory, taskManagerMemory, startTimeout);
    }
  }

  private final Path dir;
  private final String restUrl;

  private LocalFlinkCluster(Path dir, String restUrl) {
    this.dir = dir;
    this.restUrl = restUrl;
  }

  /** The default directory of the development cluster: {@code ~/.eddy/cluster}. */
  public static Path defaultDir() {
    return Paths.get(System.getProperty("user.home"), ".eddy", "cluster");
  }

  public static LocalFlinkCluster start(Path dir) {
    return start(dir, Options.defaults());
  }

  /**
   * Starts a JobManager and a TaskManager with their files under {@code dir} and waits until the
   * TaskManager has registered.
   *
   * @throws DeployException when a cluster already runs from {@code dir}, or a process fails to
   *     start (the message names its log file)
   */
  public static LocalFlinkCluster start(Path dir, Options options) {
    Path home = dir.toAbsolutePath().normalize();
    Optional<String> running = running(home);
    if (running.isPresent()) {
      throw new DeployException(
          "A Flink cluster is already running from " + home + " at " + running.get() + ".");
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
    int restPort = freePort();
    Map<String, String> config = configuration(home, options, restPort);
    Path confDir = home.resolve("conf");
    writeConfig(confDir, config);
    writeLogback(confDir);

    Configuration flinkConf = GlobalConfiguration.loadConfiguration(confDir.toString());
    List<String> classpath = FlinkClasspath.current();

    JobManagerProcessSpec jmSpec = JobManagerProcessUtils.processSpecFromConfig(flinkConf);
    List<String> jmJvm = split(JobManagerProcessUtils.generateJvmParametersStr(jmSpec, flinkConf));
    List<String> jmArgs = split(JobManagerProcessUtils.generateDynamicConfigsStr(jmSpec));

    TaskExecutorProcessSpec tmSpec = TaskExecutorProcessUtils.processSpecFromConfig(flinkConf);
    List<String> tmJvm = split(ProcessMemoryUtils.generateJvmParametersStr(tmSpec));
    List<String> tmArgs = split(TaskExecutorProcessUtils.generateDynamicConfigsStr(tmSpec));

    String url = "http://127.0.0.1:" + restPort;
    Process jobManager = null;
    Process taskManager = null;
    try {
      jobManager = launch(home, "jobmanager", JOB_MANAGER_CLASS, classpath, jmJvm, jmArgs);
      taskManager = launch(home, "taskmanager", TASK_MANAGER_CLASS, classpath, tmJvm, tmArgs);
      awaitTaskManager(url, jobManager, taskManager, home, options.startTimeout());
      Files.writeString(home.resolve("rest-url"), url + "\n", StandardCharsets.UTF_8);
      return new LocalFlinkCluster(home, url);
    } catch (RuntimeException | IOException e) {
      for (Process p : new Process[] {taskManager, jobManager}) {
        if (p != null) {
          end(p.toHandle());
        }
      }
      deletePidFiles(home);
      if (e instanceof DeployException d) {
        throw d;
      }
      throw new DeployException("The local Flink cluster could not start: " + e, e);
    }
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
    c.put("heartbeat.timeout", "30000");
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
          <appender name="FILE" class="ch.qos.logback.core.FileAppender">
            <file>${log.file}</file>
            <append>false</append>
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
      Path home,
      String name,
      String mainClass,
      List<String> classpath,
      List<String> jvmMemory,
      List<String> dynamicConfig)
      throws IOException {
    Path log = home.resolve("log").resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(jvmMemory);
    command.add("-XX:+UseSerialGC");
    command.addAll(JVM_OPENS);
    command.add("-Dlog.file=" + log);
    command.add("-Dlogback.configurationFile=" + home.resolve("conf").resolve("logback.xml"));
    command.add("-Djava.io.tmpdir=" + home.resolve("tmp"));
    command.add("-Deddy.cluster.dir=" + home);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath));
    command.add(mainClass);
    command.add("--configDir");
    command.add(home.resolve("conf").toString());
    command.addAll(dynamicConfig);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.directory(home.toFile());
    builder.redirectErrorStream(true);
    builder.redirectOutput(home.resolve("log").resolve(name + ".out").toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process process = builder.start();
    Files.writeString(home.resolve(name + ".pid"), process.pid() + "\n", StandardCharsets.UTF_8);
    return process;
  }

  private static void awaitTaskManager(
      String url, Process jobManager, Process taskManager, Path home, Duration timeout) {
    FlinkRest rest = new FlinkRest(url);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!jobManager.isAlive()) {
        throw new DeployException(
            "The Flink JobManager exited during start; see " + home.resolve("log") + ".");
      }
      if (!taskManager.isAlive()) {
        throw new DeployException(
            "The Flink TaskManager exited during start; see " + home.resolve("log") + ".");
      }
      try {
        JsonNode overview = rest.get("/overview");
        if (overview.path("taskmanagers").asInt() >= 1
            && overview.path("slots-total").asInt() >= 1) {
          return;
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
        .map(url -> new LocalFlinkCluster(home, url));
  }

  /** The REST URL of the cluster running from {@code dir}, if both its processes are alive. */
  public static Optional<String> running(Path dir) {
    Path home = dir.toAbsolutePath().normalize();
    Optional<ProcessHandle> jm = process(home, "jobmanager");
    Optional<ProcessHandle> tm = process(home, "taskmanager");
    if (jm.isEmpty() && tm.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(home.resolve("rest-url")).strip());
    } catch (IOException e) {
      return Optional.of("(starting)");
    }
  }

  /**
   * Ends the cluster's processes started from {@code dir} (TaskManager first).
   *
   * @return whether any process was running
   */
  public static boolean stop(Path dir) {
    Path home = dir.toAbsolutePath().normalize();
    boolean any = false;
    for (String name : List.of("taskmanager", "jobmanager")) {
      Optional<ProcessHandle> handle = process(home, name);
      if (handle.isPresent()) {
        any = true;
        end(handle.get());
      }
    }
    deletePidFiles(home);
    try {
      Files.deleteIfExists(home.resolve("rest-url"));
    } catch (IOException ignored) {
      // nothing to clean
    }
    return any;
  }

  /** The live process whose pid file is {@code name.pid}, if it is one of this cluster's. */
  private static Optional<ProcessHandle> process(Path home, String name) {
    Path pidFile = home.resolve(name + ".pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readString(pidFile).strip());
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> belongsTo(h, home));
  }

  /** Guards against a recycled pid: the process must be a Flink process of this directory. */
  private static boolean belongsTo(ProcessHandle handle, Path home) {
    Optional<String[]> args = handle.info().arguments();
    if (args.isEmpty()) {
      // Arguments cannot be read (another user's process, or the platform hides them).
      return handle.info().command().map(c -> c.contains("java")).orElse(false);
    }
    List<String> list = Arrays.asList(args.get());
    return list.contains("-Deddy.cluster.dir=" + home)
        && (list.contains(JOB_MANAGER_CLASS) || list.contains(TASK_MANAGER_CLASS));
  }

  private static void end(ProcessHandle handle) {
    handle.destroy();
    try {
      handle.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      handle.destroyForcibly();
      try {
        handle.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // gone or stuck; nothing more to do
      }
    }
  }

  private static void deletePidFiles(Path home) {
    for (String name : List.of("taskmanager", "jobmanager")) {
      try {
        Files.deleteIfExists(home.resolve(name + ".pid"));
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  public String restUrl() {
    return restUrl;
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
