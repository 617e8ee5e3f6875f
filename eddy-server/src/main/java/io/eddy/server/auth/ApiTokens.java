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
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API tokens for the CLI and CI: each is shown once when created, kept only as its SHA-256 hash in
 * {@code dataDir/api-tokens.json} (mode 600), and can be revoked on its own without changing the
 * installation's access token. A token is 32 random bytes, so a fast hash is enough: there is no
 * dictionary to try.
 */
public final class ApiTokens {
  public static final String FILE = "api-tokens.json";
  static final String PREFIX = "eddy_";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * A token as stored: never its value.
   *
   * @param role what the token may do; null for tokens made before tokens had roles, which keep
   *     what they could do then (everything but managing tokens: {@link Role#ADMIN})
   */
  public record Entry(String id, String name, String hash, Instant createdAt, Role role) {
    public Role effectiveRole() {
      return role == null ? Role.ADMIN : role;
    }
  }

  /** A token just created: the only time its value is known. */
  public record Created(String id, String name, Role role, Instant createdAt, String token) {}

  private final Path file;
  private final List<Entry> entries = new ArrayList<>();

  private ApiTokens(Path file) {
    this.file = file;
  }

  /** The tokens of {@code dataDir} (none until one is created). */
  public static ApiTokens forDataDir(Path dataDir) {
    ApiTokens tokens = new ApiTokens(dataDir.resolve(FILE));
    if (Files.exists(tokens.file)) {
      try {
        tokens.entries.addAll(
            JSON.readValue(Files.readString(tokens.file), new TypeReference<List<Entry>>() {}));
      } catch (IOException e) {
        throw new IllegalStateException(
            "The API token file " + tokens.file + " cannot be read: " + e.getMessage(), e);
      }
    }
    return tokens;
  }

  public synchronized Created create(String name, Role role) {
    String token = PREFIX + AccessToken.randomId() + AccessToken.randomId();
    Entry entry =
        new Entry(AccessToken.randomId().substring(0, 12), name, hash(token), Instant.now(), role);
    entries.add(entry);
    save();
    return new Created(entry.id(), entry.name(), role, entry.createdAt(), token);
  }

  public synchronized List<Entry> list() {
    return List.copyOf(entries);
  }

  /** Revokes a token; false when there is none with that id. */
  public synchronized boolean revoke(String id) {
    boolean removed = entries.removeIf(e -> e.id().equals(id));
    if (removed) {
      save();
    }
    return removed;
  }

  /** The entry of {@code token}, if it is a token not revoked. */
  public synchronized Optional<Entry> find(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    byte[] candidate = hash(token).getBytes(StandardCharsets.US_ASCII);
    return entries.stream()
        .filter(e -> MessageDigest.isEqual(e.hash().getBytes(StandardCharsets.US_ASCII), candidate))
        .findFirst();
  }

  private void save() {
    try {
      PrivateFiles.replace(file, JSON.writeValueAsString(entries));
    } catch (IOException e) {
      throw new UncheckedIOException("The API token file " + file + " cannot be written", e);
    }
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
    }
  }
}
