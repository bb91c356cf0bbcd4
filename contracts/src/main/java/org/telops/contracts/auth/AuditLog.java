package org.telops.contracts.auth;

import java.util.List;

/**
 * Writes and reads the append-only audit log. {@link JdbcAuditLog} is the implementation over the
 * {@code audit_log} table; its calls block (JDBC), so call them off the event loop.
 */
public interface AuditLog {

  /** Appends one row. Throws if the row could not be written (the action must then not count as done). */
  void append(AuditEntry entry);

  /** Rows matching the filter, newest first; nulls match everything. */
  List<AuditEntry> query(java.time.Instant from, java.time.Instant to, String actor, String action, int limit);
}
