package io.eddy.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser sessions of signed-in users, kept in memory: signing out ends one at once, a restart
 * of the server ends all of them (the users sign in again), and so does a user's removal or new
 * password for that user's sessions (each remembers the password hash it was signed in with).
 */
public final class UserSessions {
  static final Duration LIFETIME = Duration.ofHours(12);

  private record Session(String user, String passwordHash, Instant expires) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  /** Starts a session for {@code user}; returns its id (the cookie's value). */
  public String start(LocalUsers.User user) {
    sessions.values().removeIf(s -> s.expires().isBefore(Instant.now()));
    String id = AccessToken.randomId() + AccessToken.randomId();
    sessions.put(id, new Session(user.name(), user.passwordHash(), Instant.now().plus(LIFETIME)));
    return id;
  }

  /**
   * The user of session {@code id} as {@code users} has them now, if the session exists, has not
   * expired, and the user still has the password it was signed in with.
   */
  public Optional<LocalUsers.User> user(String id, LocalUsers users) {
    Session session = id == null ? null : sessions.get(id);
    if (session == null || session.expires().isBefore(Instant.now())) {
      return Optional.empty();
    }
    return users.find(session.user()).filter(u -> u.passwordHash().equals(session.passwordHash()));
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
