package io.eddy.server.auth;

import io.eddy.server.store.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-installation secret: whoever presents it (as {@code ?token=} once in the browser, as
 * {@code Authorization: Bearer} from the CLI) is the owner. It lives in {@code
 * dataDir/access-token}, created on first start and readable by its owner only, so other users of
 * the machine and web pages cannot use the API. Deleting the file and restarting makes a new one
 * (and ends every session signed in with the old one).
 */
public final class AccessToken {
  public static final String FILE = "access-token";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String value;

  private AccessToken(String value) {
    this.value = value;
  }

  /** The token of {@code dataDir}, created when missing. */
  public static AccessToken forDataDir(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        // Never replace a token another process created meanwhile.
        PrivateFiles.createOnce(file, newValue() + "\n");
      }
      String value = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (value.length() < 32) {
        throw new IllegalStateException(
            "The access token file "
                + file
                + " is damaged (too short); delete it and restart Eddy to make a new one.");
      }
      return new AccessToken(value);
    } catch (IOException e) {
      throw new UncheckedIOException("The access token file " + file + " cannot be read", e);
    }
  }

  /** A token that lives in memory only (tests of the HTTP layer alone). */
  public static AccessToken random() {
    return new AccessToken(newValue());
  }

  private static String newValue() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The secret itself (for the start-up line and the test helpers only). */
  public String value() {
    return value;
  }

  /** Whether {@code candidate} is this token, in time independent of where they differ. */
  public boolean matches(String candidate) {
    if (candidate == null) {
      return false;
    }
    return MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), candidate.strip().getBytes(StandardCharsets.UTF_8));
  }

  /** HMAC-SHA256 of {@code data} keyed with the token: signs session cookies. */
  String sign(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
    }
  }

  /** A fresh random identifier (a session's). */
  static String randomId() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "AccessToken[hidden]";
  }
}
