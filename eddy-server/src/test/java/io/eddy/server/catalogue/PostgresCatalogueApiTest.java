package io.eddy.server.catalogue;

import io.eddy.engine.testing.TestPostgres;

/** The catalogue API with PostgreSQL as the store. */
class PostgresCatalogueApiTest extends CatalogueApiContract {
  @Override
  String storeUrl() {
    return TestPostgres.newDatabase();
  }
}
