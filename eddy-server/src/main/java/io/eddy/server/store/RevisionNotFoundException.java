package io.eddy.server.store;

/** The flow exists, but its history has no such revision (never saved, or pruned). */
public class RevisionNotFoundException extends FlowNotFoundException {
  public RevisionNotFoundException(String id, long revision) {
    super(id, revision);
  }
}
