package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.auth.LocalUsers;
import io.eddy.server.auth.Role;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eddy users add|list|remove} on a real data directory, read back as the server reads it.
 */
class UsersCommandTest {
  @TempDir Path dataDir;
  final Supplier<String> original = UsersCommand.passwordSource;

  @AfterEach
  void restore() {
    UsersCommand.passwordSource = original;
  }

  @Test
  void adds_the_first_admin_lists_and_removes_users() {
    UsersCommand.passwordSource = () -> "correct horse battery";
    CliTest.Run added =
        CliTest.eddy("users", "add", "ada", "--role", "admin", "--data-dir", dataDir.toString());
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.out()).startsWith("User ada (admin) is saved in");
    LocalUsers users = LocalUsers.forDataDir(dataDir);
    assertThat(users.verify("ada", "correct horse battery")).isPresent();
    assertThat(users.find("ada").orElseThrow().role()).isEqualTo(Role.ADMIN);

    CliTest.Run listed = CliTest.eddy("users", "list", "--data-dir", dataDir.toString());
    assertThat(listed.out()).isEqualTo("ada\tadmin\n");

    CliTest.Run removed = CliTest.eddy("users", "remove", "ada", "--data-dir", dataDir.toString());
    assertThat(removed.exit()).isZero();
    assertThat(LocalUsers.forDataDir(dataDir).configured()).isFalse();
  }

  @Test
  void a_short_password_or_an_unknown_role_is_one_clear_sentence_and_saves_nothing() {
    UsersCommand.passwordSource = () -> "short";
    CliTest.Run run =
        CliTest.eddy("users", "add", "ada", "--role", "admin", "--data-dir", dataDir.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("eddy: A password has at least 8 characters.\n");
    run = CliTest.eddy("users", "add", "ada", "--role", "boss", "--data-dir", dataDir.toString());
    assertThat(run.err())
        .isEqualTo("eddy: There is no role `boss`: the roles are viewer, editor and admin.\n");
    assertThat(LocalUsers.forDataDir(dataDir).configured()).isFalse();
  }
}
