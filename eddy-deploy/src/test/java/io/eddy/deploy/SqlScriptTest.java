package io.eddy.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlScriptTest {
  @Test
  void splitsLikeTheSqlClient() {
    String script =
        """
        -- header; with a semicolon
        /* block; comment */
        SET 'pipeline.name' = 'It''s; fine';
        CREATE TABLE `a;b` (x STRING) WITH ('connector' = 'datagen');
        EXECUTE STATEMENT SET
        BEGIN
        INSERT INTO t1 SELECT * FROM `a;b`;
        INSERT INTO t2 SELECT ';' FROM `a;b`;
        END;
        SELECT "x;y" FROM t -- trailing; comment
        """;
    assertThat(SqlScript.statements(script))
        .containsExactly(
            "SET 'pipeline.name' = 'It''s; fine'",
            "CREATE TABLE `a;b` (x STRING) WITH ('connector' = 'datagen')",
            "EXECUTE STATEMENT SET\nBEGIN\nINSERT INTO t1 SELECT * FROM `a;b`;\n"
                + "INSERT INTO t2 SELECT ';' FROM `a;b`;\nEND",
            "SELECT \"x;y\" FROM t -- trailing; comment");
    assertThat(SqlScript.setting("SET 'pipeline.name' = 'It''s; fine'"))
        .contains(new SqlScript.Setting("pipeline.name", "It's; fine"));
    assertThat(SqlScript.setting("CREATE TABLE x")).isEmpty();
    assertThat(SqlScript.startsJob("EXECUTE STATEMENT SET BEGIN END")).isTrue();
    assertThat(SqlScript.startsJob("CREATE VIEW v AS SELECT 1")).isFalse();
  }

  @Test
  void resolvesReferencesEscapedForTheirPlace() {
    String script =
        "CREATE TABLE `t` (x STRING) WITH ('connector' = 'jdbc', 'password' = '${DB_PASSWORD}',"
            + " 'properties.sasl.jaas.config' = 'M required username=\"u\""
            + " password=\"${KAFKA_PASSWORD}\";', 'properties.ssl.truststore.certificates' ="
            + " '${DB_PASSWORD}')";
    assertThat(SqlScript.references(script)).containsExactly("DB_PASSWORD", "KAFKA_PASSWORD");
    String resolved =
        SqlScript.resolve(
            script,
            Secrets.ofMap(Map.of("DB_PASSWORD", "it's$1\\x", "KAFKA_PASSWORD", "a\"b'c\\")));
    assertThat(resolved)
        .isEqualTo(
            "CREATE TABLE `t` (x STRING) WITH ('connector' = 'jdbc', 'password' = 'it''s$1\\x',"
                + " 'properties.sasl.jaas.config' = 'M required username=\"u\""
                + " password=\"a\\\"b''c\\\\\";', 'properties.ssl.truststore.certificates' ="
                + " 'it''s$1\\x')");
    assertThatThrownBy(() -> SqlScript.resolve(script, name -> Optional.empty()))
        .isInstanceOf(DeployException.class)
        .hasMessage(
            "The secrets DB_PASSWORD, KAFKA_PASSWORD are not set: set them as environment variables"
                + " where Eddy runs, or in a secrets file (eddy deploy --secrets FILE).");
  }

  /**
   * Issue 13 (1): only the places where Eddy puts references are resolved; a {@code ${NAME}} in a
   * constant, a name, a comment or another option is text, whatever the environment holds.
   */
  @Test
  void nothingButEddysOwnPlacesIsResolved() {
    String script =
        """
        -- '${PW}' in a comment; CREATE TABLE c (x STRING) WITH ('password' = '${PW}')
        SET 'pipeline.name' = '${HOME}';
        CREATE TABLE `${HOME}` (`password` STRING COMMENT '${PW}') WITH (
          'connector' = 'kafka',
          'topic' = '${HOME}',
          'properties.sasl.jaas.config' = 'M required username="password=\\"${PW}\\"" x="${PW}";',
          'password' = 'prefix ${PW}'
        );
        CREATE VIEW v AS SELECT 'password' = '${PW}' AS `password` FROM `${HOME}`;
        INSERT INTO `${HOME}` SELECT '${HOME}' FROM v WHERE 'password' = '${PW}';
        SELECT 1 FROM t WITH ('password' = '${PW}')
        """;
    assertThat(SqlScript.references(script)).isEmpty();
    assertThat(SqlScript.resolve(script, Secrets.ofMap(Map.of("PW", "secret", "HOME", "/root"))))
        .isEqualTo(script);
  }

  @Test
  void secretsFileComesBeforeTheEnvironment(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("secrets.properties");
    Files.writeString(file, "# comment\nA=from-file\n");
    Secrets secrets = Secrets.of(file, Map.of("A", "from-env", "B", "env-only"));
    assertThat(secrets.apply("A")).contains("from-file");
    assertThat(secrets.apply("B")).contains("env-only");
    assertThat(secrets.apply("C")).isEmpty();
    assertThatThrownBy(() -> Secrets.of(tmp.resolve("missing"), Map.of()))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("does not exist");
  }
}
