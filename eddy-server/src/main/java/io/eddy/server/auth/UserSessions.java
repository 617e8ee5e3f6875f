package io.eddy.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser sessions of signed-in users, kept in memory: signing out ends one at once, and a
 * restart of the server ends all of them (the users sign in again).
 */
public final class UserSessions {
  static final Duration LIFETIME = Duration.ofHours(12);

  private record Session(String user, Instant expires) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  /** Starts a session for {@code user}; returns its id (the cookie's value). */
  public String start(String user) {
    sessions.values().removeIf(s -> s.expires().isBefore(Instant.now()));
    String id = AccessToken.randomId() + AccessToken.randomId();
    sessions.put(id, new Session(user, Instant.now().plus(LIFETIME)));
    return id;
  }

  /** The user of session {@code id}, if it exists and has not expired. */
  public Optional<String> user(String id) {
    Session session = id == null ? null : sessions.get(id);
    if (session == null || session.expires().isBefore(Instant.now())) {
      return Optional.empty();
    }
    return Optional.of(session.user());
  }

  public void end(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  static long lifetimeSeconds() {
    return LIFETIME.toSeconds();
  }
}
