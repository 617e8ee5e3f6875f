package io.eddy.server.store;

import java.nio.file.Path;

class H2FlowStoreTest extends FlowStoreContract {
  @Override
  String newDatabaseUrl(Path dataDir) {
    return FlowStore.defaultUrl(dataDir);
  }
}
