package io.eddy.server.catalogue;

/** The catalogue API with the default store: an H2 file under the data directory. */
class H2CatalogueApiTest extends CatalogueApiContract {
  @Override
  String storeUrl() {
    return null;
  }
}
