package io.eddy.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser sessions of signed-in users, kept in memory: signing out ends one at once, a restart
 * of the server ends all of them (the users sign in again), and so does a local user's removal or
 * new password for that user's sessions (each remembers the password hash it was signed in with). A
 * user signed in with OpenID Connect keeps the role the provider's claims gave at sign-in until the
 * session ends.
 */
public final class UserSessions {
  static final Duration LIFETIME = Duration.ofHours(12);

  /**
   * @param passwordHash the local user's hash at sign-in; null for a user of the OpenID Connect
   *     provider
   * @param role the role of a provider's user (a local user's role is read from the users' file)
   */
  private record Session(String user, String passwordHash, Role role, Instant expires) {}

  /** Who a session belongs to, and with which role now. */
  public record Signed(String user, Role role, boolean external) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  /** Starts a session for the local {@code user}; returns its id (the cookie's value). */
  public String start(LocalUsers.User user) {
    return start(new Session(user.name(), user.passwordHash(), null, Instant.now().plus(LIFETIME)));
  }

  /** Starts a session for a user the OpenID Connect provider vouched for. */
  public String startExternal(String user, Role role) {
    return start(new Session(user, null, role, Instant.now().plus(LIFETIME)));
  }

  private String start(Session session) {
    sessions.values().removeIf(s -> s.expires().isBefore(Instant.now()));
    String id = AccessToken.randomId() + AccessToken.randomId();
    sessions.put(id, session);
    return id;
  }

  /**
   * Who session {@code id} belongs to, if it exists and has not expired; a local user as {@code
   * users} has them now, and only while the user has the password it was signed in with.
   */
  public Optional<Signed> find(String id, LocalUsers users) {
    Session session = id == null ? null : sessions.get(id);
    if (session == null || session.expires().isBefore(Instant.now())) {
      return Optional.empty();
    }
    if (session.passwordHash() == null) {
      return Optional.of(new Signed(session.user(), session.role(), true));
    }
    return users
        .find(session.user())
        .filter(u -> u.passwordHash().equals(session.passwordHash()))
        .map(u -> new Signed(u.name(), u.role(), false));
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
