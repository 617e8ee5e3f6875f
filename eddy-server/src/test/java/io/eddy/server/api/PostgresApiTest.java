package io.eddy.server.api;

import io.eddy.engine.testing.TestPostgres;

/** The same API suite with PostgreSQL as the store. */
class PostgresApiTest extends ApiContract {
  @Override
  String storeUrl() {
    return TestPostgres.newDatabase();
  }
}
