package io.eddy.server.store;

/**
 * What one page of the catalogue asks for.
 *
 * @param text words searched in name and description, case-insensitive: a flow matches when each
 *     word occurs in either; null for all
 * @param status {@code draft}, {@code valid}, {@code running} or {@code failed}; null for all
 * @param tag flows carrying exactly this tag; null for all
 * @param limit the page size
 * @param cursor where the previous page ended ({@link FlowPage#next()}); null for the first page
 */
public record FlowQuery(
    String text, String status, String tag, Sort sort, int limit, String cursor) {
  public static final int MAX_LIMIT = 500;

  /** The orders of the catalogue. */
  public enum Sort {
    /** By name (case-insensitive), A first. */
    NAME,
    /** The most recently changed first. */
    CHANGED,
    /** Failed, running, valid, then draft; by name within each. */
    STATUS
  }
}
