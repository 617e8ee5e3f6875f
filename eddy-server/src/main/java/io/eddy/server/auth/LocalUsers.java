package io.eddy.server.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.eddy.server.store.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The local users of a server, kept in {@code dataDir/users.json} (mode 600) with their role and a
 * bcrypt hash of their password (never the password). A file rather than the flow store: {@code
 * eddy users add} writes it while the server runs (an embedded H2 store is locked by the server),
 * and the server reads it again whenever it changed, so a user added, removed or given another role
 * counts at once.
 */
public final class LocalUsers {
  public static final String FILE = "users.json";
  static final int BCRYPT_COST = 12;
  static final int MIN_PASSWORD = 8;

  /** bcrypt reads at most 72 bytes of a password; a longer one is refused rather than cut. */
  static final int MAX_PASSWORD_BYTES = 72;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  /** A hash to check against when the user does not exist, so both answers take as long. */
  private static final String NO_USER_HASH = BCrypt.hashpw("no such user", BCrypt.gensalt(4));

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** A user as stored. */
  public record User(String name, Role role, String passwordHash, Instant createdAt) {}

  /**
   * Which version of the file was read: every save replaces the file (a new inode, {@code
   * fileKey}), so a change shows even within one tick of the modification clock.
   */
  private record Version(FileTime modified, Object fileKey) {}

  private final Path file;
  private List<User> users = List.of();
  private Version read;

  private LocalUsers(Path file) {
    this.file = file;
  }

  /** The users of {@code dataDir} (none until one is added). */
  public static LocalUsers forDataDir(Path dataDir) {
    LocalUsers users = new LocalUsers(dataDir.resolve(FILE));
    users.reloadIfChanged();
    return users;
  }

  /** True when at least one user exists: the browser then signs in with a name and password. */
  public synchronized boolean configured() {
    reloadIfChanged();
    return !users.isEmpty();
  }

  public synchronized List<User> list() {
    reloadIfChanged();
    return users;
  }

  /** The user named {@code name} (names compare ignoring case), if there is one. */
  public synchronized Optional<User> find(String name) {
    reloadIfChanged();
    return users.stream().filter(u -> u.name().equalsIgnoreCase(name)).findFirst();
  }

  /**
   * The user whose name and password these are; empty otherwise (without saying which was wrong).
   */
  public Optional<User> verify(String name, String password) {
    Optional<User> user = name == null ? Optional.empty() : find(name.strip());
    if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      return Optional.empty();
    }
    boolean matches = BCrypt.checkpw(password, user.map(User::passwordHash).orElse(NO_USER_HASH));
    return matches ? user : Optional.empty();
  }

  /**
   * Adds a user, or gives an existing one a new password and role. A new password ends the user's
   * sessions ({@link UserSessions} checks the hash they were signed in with).
   *
   * @throws IllegalArgumentException with a sentence for the user when the name or password is not
   *     acceptable
   */
  public synchronized User put(String name, Role role, String password) {
    reloadIfChanged();
    if (name == null || !NAME.matcher(name.strip()).matches()) {
      throw new IllegalArgumentException(
          "A user name has 1 to 64 letters, digits, dots, dashes, underscores or @, and starts with"
              + " a letter or digit.");
    }
    checkPassword(password);
    String clean = name.strip();
    List<User> next = new ArrayList<>(users);
    Instant created = Instant.now();
    String hash = null;
    for (User existing : users) {
      if (existing.name().equalsIgnoreCase(clean)) {
        created = existing.createdAt();
        // the same password keeps its hash: the user's sessions, signed in with it, stay open
        hash = BCrypt.checkpw(password, existing.passwordHash()) ? existing.passwordHash() : null;
        next.remove(existing);
      }
    }
    User user =
        new User(
            clean,
            role,
            hash != null ? hash : BCrypt.hashpw(password, BCrypt.gensalt(BCRYPT_COST)),
            created);
    next.add(user);
    save(next);
    return user;
  }

  /** Removes a user; false when there is none of that name. */
  public synchronized boolean remove(String name) {
    reloadIfChanged();
    List<User> next = new ArrayList<>(users);
    boolean removed = next.removeIf(u -> u.name().equalsIgnoreCase(name));
    if (removed) {
      save(next);
    }
    return removed;
  }

  static void checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD) {
      throw new IllegalArgumentException(
          "A password has at least " + MIN_PASSWORD + " characters.");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      throw new IllegalArgumentException(
          "A password has at most " + MAX_PASSWORD_BYTES + " bytes (bcrypt reads no more).");
    }
  }

  private void save(List<User> next) {
    try {
      Files.createDirectories(file.getParent());
      PrivateFiles.replace(file, JSON.writeValueAsString(next));
      users = List.copyOf(next);
      read = version();
    } catch (IOException e) {
      throw new UncheckedIOException("The users file " + file + " cannot be written", e);
    }
  }

  /**
   * Reads the file again when it changed. Called on each request from a signed-in user: one
   * attribute read (a stat) when nothing changed, the file itself only after a change.
   */
  private void reloadIfChanged() {
    try {
      Version current = version();
      if (current == null) {
        users = List.of();
      } else if (!current.equals(read)) {
        users =
            List.copyOf(JSON.readValue(Files.readString(file), new TypeReference<List<User>>() {}));
      }
      read = current;
    } catch (IOException e) {
      throw new IllegalStateException(
          "The users file " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** The version of the file now; null when there is none. */
  private Version version() throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new Version(attributes.lastModifiedTime(), attributes.fileKey());
    } catch (NoSuchFileException none) {
      return null;
    }
  }
}
