package io.eddy.server.auth;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The host names this server answers to. A request whose {@code Host} header names another host is
 * refused: a web page that rebinds its own DNS name to 127.0.0.1 still sends its own name, so DNS
 * rebinding cannot reach the API. Loopback names are always served; the address the server binds to
 * and the configured names are added; {@code *} serves any name (for a proxy that checks it
 * already).
 */
public final class AllowedHosts {
  private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");
  private final Set<String> names = new LinkedHashSet<>();
  private final boolean any;

  /**
   * @param bindHost the address the server listens on (a wildcard adds nothing)
   * @param configured further names (e.g. {@code eddy.example.com}); {@code *} allows any
   */
  public AllowedHosts(String bindHost, Collection<String> configured) {
    names.addAll(LOOPBACK);
    if (bindHost != null && !isWildcard(bindHost)) {
      names.add(normalise(bindHost));
    }
    boolean star = false;
    for (String name : configured) {
      if (name == null || name.isBlank()) {
        continue;
      }
      if (name.strip().equals("*")) {
        star = true;
      } else {
        names.add(normalise(name));
      }
    }
    this.any = star;
  }

  static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }

  /** Whether a request with this {@code Host} header (name and optional port) is served. */
  public boolean allows(String hostHeader) {
    if (hostHeader == null || hostHeader.isBlank()) {
      return false;
    }
    return any || names.contains(normalise(stripPort(hostHeader.strip())));
  }

  /** The name part of a {@code Host} header: {@code [::1]:8080} → {@code ::1}. */
  static String stripPort(String host) {
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(1, end);
    }
    int colon = host.indexOf(':');
    // more than one colon: a bare IPv6 address without port
    return colon >= 0 && host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : host;
  }

  private static String normalise(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    if (n.startsWith("[") && n.endsWith("]")) {
      n = n.substring(1, n.length() - 1);
    }
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  public Set<String> names() {
    return any ? Set.of("*") : Set.copyOf(names);
  }
}
