package io.eddy.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenID Connect settings file: what it accepts, how a claim maps to a role. */
class OidcSettingsTest {
  @TempDir Path dataDir;

  OidcSettings read(String json, Map<String, String> env) throws Exception {
    Files.writeString(dataDir.resolve(OidcSettings.FILE), json);
    return OidcSettings.forDataDir(dataDir, env).orElseThrow();
  }

  @Test
  void no_file_means_no_provider() {
    assertThat(OidcSettings.forDataDir(dataDir, Map.of())).isEmpty();
  }

  @Test
  void defaults_and_the_secret_from_the_environment_never_shown() throws Exception {
    OidcSettings s =
        read(
            "{\"issuer\": \"https://login.example.com/realms/eddy\", \"clientId\": \"eddy\","
                + " \"roles\": {\"admins\": \"admin\"}}",
            Map.of(OidcSettings.SECRET_ENV, "from-the-environment"));
    assertThat(s.name()).isEqualTo("login.example.com");
    assertThat(s.scopes()).containsExactly("openid", "profile", "email");
    assertThat(s.roleClaim()).isEqualTo("groups");
    assertThat(s.clientSecret()).isEqualTo("from-the-environment");
    assertThat(s.toString()).doesNotContain("from-the-environment");
    assertThat(s.describe().toString()).doesNotContain("from-the-environment");
  }

  @Test
  void a_file_that_cannot_be_used_is_named_with_the_reason() {
    assertThatThrownBy(() -> read("{\"issuer\": \"https://x.example\"}", Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(OidcSettings.FILE)
        .hasMessageContaining("\"clientId\" is missing.");
    assertThatThrownBy(
            () -> read("{\"issuer\": \"https://x.example\", \"clientId\": \"eddy\"}", Map.of()))
        .hasMessageContaining("No one could sign in");
    assertThatThrownBy(
            () ->
                read(
                    "{\"issuer\": \"ftp://x\", \"clientId\": \"e\", \"defaultRole\": \"viewer\"}",
                    Map.of()))
        .hasMessageContaining("\"issuer\" must be an http(s) URL");
    assertThatThrownBy(
            () ->
                read(
                    "{\"issuer\": \"https://x.example\", \"clientId\": \"e\", \"roles\": {\"a\":"
                        + " \"boss\"}}",
                    Map.of()))
        .hasMessageContaining("There is no role `boss`");
  }

  @Test
  void the_highest_mapped_role_wins_and_a_dotted_claim_reaches_into_objects() throws Exception {
    OidcSettings s =
        read(
            "{\"issuer\": \"https://x.example\", \"clientId\": \"e\", \"roleClaim\":"
                + " \"realm_access.roles\", \"roles\": {\"eddy-view\": \"viewer\", \"eddy-edit\":"
                + " \"editor\"}}",
            Map.of());
    Map<String, Object> claims =
        Map.of("realm_access", Map.of("roles", List.of("eddy-edit", "eddy-view", "other")));
    assertThat(s.roleFor(claims)).contains(Role.EDITOR);
    assertThat(s.roleFor(Map.of("realm_access", Map.of("roles", "eddy-view"))))
        .contains(Role.VIEWER);
    assertThat(s.roleFor(Map.of("groups", List.of("eddy-edit")))).isEmpty();
    assertThat(s.userName(Map.of("sub", "123", "email", "e@x.example"))).isEqualTo("e@x.example");
    assertThat(s.userName(Map.of("sub", "123", "preferred_username", "erin"))).isEqualTo("erin");
    // a name with a space could be mistaken for an API token ("token NAME") in the history
    assertThat(s.userName(Map.of("sub", "123", "preferred_username", "Erin S", "email", "e@x.ex")))
        .isEqualTo("e@x.ex");
  }
}
