package io.eddy.server.store;

/** No flow has the id asked for. */
public class FlowNotFoundException extends StoreException {
  public FlowNotFoundException(String id) {
    super("There is no flow with id `" + id + "`.");
  }
}
