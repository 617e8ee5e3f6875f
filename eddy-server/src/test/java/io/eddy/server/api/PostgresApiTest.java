package io.eddy.server.api;

import io.eddy.server.Postgres;

/** The same API suite with PostgreSQL as the store. */
class PostgresApiTest extends ApiContract {
  @Override
  String storeUrl() {
    return Postgres.newDatabase();
  }
}
