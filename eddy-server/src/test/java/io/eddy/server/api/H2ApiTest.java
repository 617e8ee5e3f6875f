package io.eddy.server.api;

/** The API suite with the default store: an H2 file under the data directory. */
class H2ApiTest extends ApiContract {
  @Override
  String storeUrl() {
    return null;
  }
}
