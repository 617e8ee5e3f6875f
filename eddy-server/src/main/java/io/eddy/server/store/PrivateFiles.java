package io.eddy.server.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files of the data directory that only their owner may read (mode 600): the secret key, the access
 * token, the API tokens, the local users. Each is written to a temporary file with that mode first,
 * so it is never readable by others, not even for a moment, and never seen half written.
 */
public final class PrivateFiles {
  private PrivateFiles() {}

  /**
   * Writes {@code content} to {@code file} unless it exists: a file another process created
   * meanwhile is kept (two servers starting on one data directory agree on one key or token).
   */
  public static void createOnce(Path file, String content) throws IOException {
    Path tmp = writeTemporary(file, content);
    try {
      Files.createLink(file, tmp);
    } catch (FileAlreadyExistsException raced) {
      // keep the existing one
    } catch (UnsupportedOperationException noHardLinks) {
      try {
        Files.move(tmp, file);
      } catch (FileAlreadyExistsException raced) {
        // keep the existing one
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Replaces {@code file} with {@code content} in one step. */
  public static void replace(Path file, String content) throws IOException {
    Path tmp = writeTemporary(file, content);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static Path writeTemporary(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // not a POSIX file system: the data directory's own permissions protect it
      }
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      return tmp;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }
}
