package io.eddy.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The TCP sockets this process listens on, read from Linux's /proc/net/tcp and tcp6. */
public final class ListeningSockets {
  private static final String LISTEN = "0A";

  /** One listening socket: its address as /proc shows it (hex) and its port. */
  public record Socket(String hexAddress, int port) {
    @Override
    public String toString() {
      return hexAddress + ":" + port;
    }
  }

  private ListeningSockets() {}

  public static List<Socket> ofThisProcess() {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException gone) {
          // closed meanwhile
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Socket> out = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines;
      try {
        lines = Files.readAllLines(Path.of(table));
      } catch (IOException e) {
        continue; // no IPv6 table
      }
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.strip().split("\\s+");
        if (f.length > 9 && f[3].equals(LISTEN) && inodes.contains(f[9])) {
          String[] local = f[1].split(":");
          out.add(new Socket(local[0], Integer.parseInt(local[1], 16)));
        }
      }
    }
    return out;
  }

  /** 127.0.0.0/8, ::1, or ::ffff:127.x.x.x (the kernel prints each 32-bit word little-endian). */
  public static boolean loopback(Socket s) {
    String a = s.hexAddress().toUpperCase(java.util.Locale.ROOT);
    if (a.length() == 8) {
      return a.endsWith("7F");
    }
    return a.equals("00000000000000000000000001000000")
        || (a.startsWith("0000000000000000FFFF0000") && a.endsWith("7F"));
  }
}
