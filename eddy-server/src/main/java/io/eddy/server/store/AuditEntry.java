package io.eddy.server.store;

import java.time.Instant;

/**
 * One entry of the audit log: who did what to what, and how it ended.
 *
 * @param id the entry's number (0 for one not stored yet); a newer entry has a higher one
 * @param user who did it, named as in a flow's history; null when nobody signed in (a refused
 *     sign-in of an unknown name)
 * @param action what was done, e.g. {@code deploy}, {@code job.cancel}, {@code sign-in}
 * @param target what it was done to, e.g. {@code flow `Orders` (ID)}; null when nothing
 * @param outcome {@code ok}, {@code refused} (no permission, wrong password) or {@code failed}
 * @param status the HTTP status of the answer
 */
public record AuditEntry(
    long id, Instant at, String user, String action, String target, String outcome, int status) {}
