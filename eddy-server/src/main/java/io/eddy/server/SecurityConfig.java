package io.eddy.server;

import java.util.List;

/**
 * Who may reach an Eddy server and how (docs/security.md).
 *
 * @param allowedHosts host names served besides loopback and the bound address ({@code *}: any)
 * @param allowNetworkWithoutSignIn listen on an address other than loopback although there is no
 *     sign-in for several people (only the owner's access token, sent over plain HTTP): an explicit
 *     opt-out, logged as a warning at every start
 * @param tls the certificate and key the server serves HTTPS with; null for plain HTTP
 */
public record SecurityConfig(
    List<String> allowedHosts, boolean allowNetworkWithoutSignIn, TlsFiles tls) {
  public SecurityConfig {
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
  }

  /** Plain HTTP. */
  public SecurityConfig(List<String> allowedHosts, boolean allowNetworkWithoutSignIn) {
    this(allowedHosts, allowNetworkWithoutSignIn, null);
  }

  /** Loopback names and the bound address only; loopback only. */
  public static SecurityConfig defaults() {
    return new SecurityConfig(List.of(), false);
  }
}
