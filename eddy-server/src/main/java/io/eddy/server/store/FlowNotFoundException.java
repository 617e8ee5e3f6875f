package io.eddy.server.store;

/** No flow has the id asked for. */
public class FlowNotFoundException extends StoreException {
  public FlowNotFoundException(String id) {
    super("There is no flow with id `" + id + "`.");
  }

  /** The flow exists, but not at this revision. */
  protected FlowNotFoundException(String id, long revision) {
    super(
        "The flow `"
            + id
            + "` has no revision "
            + revision
            + " in its history (see GET /api/flows/"
            + id
            + "/history for the revisions kept).");
  }
}
