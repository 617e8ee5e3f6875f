package io.eddy.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM. The key lives in a file of the data directory (created
 * on first start, readable by its owner only), never in the database. An encrypted value reads
 * {@code eddy-enc:v1:<base64 of 12-byte IV and ciphertext with tag>}.
 */
public final class SecretCipher {
  public static final String PREFIX = "eddy-enc:v1:";
  public static final String KEY_FILE = "secret.key";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  private SecretCipher(SecretKey key) {
    this.key = key;
  }

  /** The cipher of the key in {@code dataDir/secret.key}, created when missing. */
  public static SecretCipher forDataDir(Path dataDir) {
    Path file = dataDir.resolve(KEY_FILE);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        create(file);
      }
      byte[] raw = Base64.getDecoder().decode(Files.readString(file).trim());
      if (raw.length != 32) {
        throw new StoreException(
            "The secret key file " + file + " is damaged: it must hold a 256-bit key in base64.");
      }
      return new SecretCipher(new SecretKeySpec(raw, "AES"));
    } catch (IllegalArgumentException e) {
      throw new StoreException(
          "The secret key file " + file + " is damaged: it is not base64 text.", e);
    } catch (IOException e) {
      throw new UncheckedIOException("The secret key file " + file + " cannot be read", e);
    }
  }

  private static void create(Path file) throws IOException {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256);
      // Never replace a key another process created meanwhile: its secrets use that one.
      PrivateFiles.createOnce(
          file, Base64.getEncoder().encodeToString(generator.generateKey().getEncoded()) + "\n");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES is not available in this Java runtime", e);
    }
  }

  public static boolean isEncrypted(String value) {
    return value != null && value.startsWith(PREFIX);
  }

  public String encrypt(String plain) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed);
      return PREFIX + Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a secret could not be encrypted", e);
    }
  }

  /**
   * The plain value of an encrypted one.
   *
   * @throws StoreException when the value was encrypted with another key or is damaged
   */
  public String decrypt(String value) {
    if (!isEncrypted(value)) {
      return value;
    }
    try {
      byte[] all = Base64.getDecoder().decode(value.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new StoreException(
          "A stored secret cannot be decrypted: the data directory's "
              + KEY_FILE
              + " is not the key it was saved with.",
          e);
    }
  }
}
