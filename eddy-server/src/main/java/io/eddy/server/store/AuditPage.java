package io.eddy.server.store;

import java.util.List;

/**
 * One page of the audit log, newest first.
 *
 * @param next the {@code before} of the next (older) page; null on the last page
 */
public record AuditPage(List<AuditEntry> entries, Long next) {}
