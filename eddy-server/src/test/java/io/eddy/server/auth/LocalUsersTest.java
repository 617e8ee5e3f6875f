package io.eddy.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users file as a running server sees it while {@code eddy users} changes it. */
class LocalUsersTest {
  @TempDir Path dataDir;

  @Test
  void a_change_by_another_process_counts_even_with_the_same_modification_time() throws Exception {
    LocalUsers server = LocalUsers.forDataDir(dataDir);
    LocalUsers cli = LocalUsers.forDataDir(dataDir);
    cli.put("ada", Role.ADMIN, "correct horse battery");
    assertThat(server.find("ada")).isPresent();
    Path file = dataDir.resolve(LocalUsers.FILE);
    FileTime before = Files.getLastModifiedTime(file);

    // a second change within one tick of the file system's clock
    cli.put("ada", Role.VIEWER, "correct horse battery");
    Files.setLastModifiedTime(file, before);
    assertThat(server.find("ada").orElseThrow().role()).isEqualTo(Role.VIEWER);

    cli.remove("ada");
    assertThat(server.configured()).isFalse();
  }
}
