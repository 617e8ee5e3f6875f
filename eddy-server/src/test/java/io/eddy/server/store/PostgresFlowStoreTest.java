package io.eddy.server.store;

import io.eddy.server.Postgres;
import java.nio.file.Path;

class PostgresFlowStoreTest extends FlowStoreContract {
  @Override
  String newDatabaseUrl(Path dataDir) {
    return Postgres.newDatabase();
  }
}
