package io.eddy.server.store;

import io.eddy.engine.testing.TestPostgres;
import java.nio.file.Path;

class PostgresFlowStoreTest extends FlowStoreContract {
  @Override
  String newDatabaseUrl(Path dataDir) {
    return TestPostgres.newDatabase();
  }
}
