package io.eddy.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The live processes of a local cluster directory, found by what they run — a Flink JobManager,
 * TaskManager or the ZooKeeper of high availability, started with {@code -Deddy.cluster.dir=DIR} —
 * not by trusting pid files: a pid file may be stale (the process was replaced by hand, or a
 * crashed command never wrote it), and a recycled pid may name another program.
 */
final class ClusterProcesses {
  static final String DIR_PROPERTY = "-Deddy.cluster.dir=";

  /** What a process of the cluster is, with the name of its pid, log and out files. */
  enum Role {
    ZOOKEEPER(
        "zookeeper",
        "ZooKeeper",
        "org.apache.flink.shaded.zookeeper3.org.apache.zookeeper.server.ZooKeeperServerMain"),
    JOBMANAGER(
        "jobmanager",
        "JobManager",
        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint"),
    TASKMANAGER(
        "taskmanager", "TaskManager", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner");

    final String fileName;
    final String label;
    final String mainClass;

    Role(String fileName, String label, String mainClass) {
      this.fileName = fileName;
      this.label = label;
      this.mainClass = mainClass;
    }
  }

  private ClusterProcesses() {}

  /** The live processes of {@code home} by role (roles with none are absent). */
  static Map<Role, List<ProcessHandle>> find(Path home) {
    Map<Role, List<ProcessHandle>> out = new EnumMap<>(Role.class);
    ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .forEach(
            p ->
                role(p, home)
                    .ifPresent(r -> out.computeIfAbsent(r, k -> new ArrayList<>()).add(p)));
    // A process whose arguments this platform hides is still found through its pid file.
    for (Role role : Role.values()) {
      if (!out.containsKey(role)) {
        fromPidFile(home, role).ifPresent(p -> out.put(role, new ArrayList<>(List.of(p))));
      }
    }
    return out;
  }

  /** The role of {@code process} in the cluster of {@code home}, if it is one of its processes. */
  static Optional<Role> role(ProcessHandle process, Path home) {
    Optional<List<String>> args = arguments(process);
    if (args.isEmpty()) {
      return Optional.empty();
    }
    List<String> list = args.get();
    if (!list.contains(DIR_PROPERTY + home)) {
      return Optional.empty();
    }
    for (Role role : Role.values()) {
      if (list.contains(role.mainClass)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  /**
   * A process's command line. On Linux it is read from {@code /proc/PID/cmdline} itself: Java's
   * {@code ProcessHandle.Info} gives no arguments for a command line longer than 4096 bytes, and a
   * cluster process's class path alone is longer.
   */
  static Optional<List<String>> arguments(ProcessHandle process) {
    Path cmdline = Path.of("/proc", String.valueOf(process.pid()), "cmdline");
    if (Files.isReadable(cmdline)) {
      try {
        String text = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
        return text.isEmpty() ? Optional.empty() : Optional.of(List.of(text.split("\0")));
      } catch (IOException | RuntimeException gone) {
        return Optional.empty();
      }
    }
    return process.info().arguments().map(Arrays::asList);
  }

  /**
   * The process named by {@code role}'s pid file when its arguments cannot be read: alive and a
   * Java process. (When they can be read, the scan has already decided.)
   */
  private static Optional<ProcessHandle> fromPidFile(Path home, Role role) {
    Path pidFile = pidFile(home, role);
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readString(pidFile).strip());
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(h -> arguments(h).isEmpty())
        .filter(h -> h.info().command().map(c -> c.contains("java")).orElse(false));
  }

  static Path pidFile(Path home, Role role) {
    return home.resolve(role.fileName + ".pid");
  }

  /** Ends a process: politely first, forcibly after 20 s. */
  static void end(ProcessHandle handle) {
    handle.destroy();
    try {
      handle.onExit().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      handle.destroyForcibly();
      try {
        handle.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // gone or stuck; nothing more to do
      }
    }
  }

  /** "JobManager pid 12, TaskManager pid 34" for messages. */
  static String describe(Map<Role, List<ProcessHandle>> processes) {
    List<String> parts = new ArrayList<>();
    processes.forEach(
        (role, handles) -> handles.forEach(h -> parts.add(role.label + " pid " + h.pid())));
    return String.join(", ", parts);
  }
}
