package org.telops.quality.notify;

/**
 * The transactional outbox (notification_outbox). Rows are inserted in the transaction that changes the
 * incident; dedupe_key ('incident:42:opened') is unique, so an event is queued at most once however often
 * the code that queues it runs. The sender leases due rows by pushing next_attempt_at forward (so two
 * senders never send the same row at once, and a crashed sender's rows come back when the lease ends),
 * sends, then marks them sent or schedules the retry.
 */
final class OutboxSql {
    private OutboxSql() {}

    static final String ENQUEUE = """
            INSERT INTO notification_outbox (dedupe_key, target, payload, created_at, next_attempt_at)
            VALUES (?, ?, ?::jsonb, ?, ?)
            ON CONFLICT (dedupe_key) DO NOTHING
            """;

    /**
     * Leases up to N due rows of a target, oldest first, skipping a row while an older row of the same
     * incident (same 'incident:ID:' prefix) is still pending, so opened → breached → resolved arrive in order.
     * Parameters: lease end, now, target, limit.
     */
    static final String LEASE = """
            UPDATE notification_outbox SET attempts = attempts + 1, next_attempt_at = ?
            WHERE notification_id IN (
                SELECT o.notification_id FROM notification_outbox o
                WHERE o.sent_at IS NULL AND o.next_attempt_at <= ? AND o.target = ?
                  AND NOT EXISTS (SELECT 1 FROM notification_outbox e
                                  WHERE e.target = o.target AND e.sent_at IS NULL
                                    AND e.next_attempt_at < 'infinity'
                                    AND e.notification_id < o.notification_id
                                    AND split_part(e.dedupe_key, ':', 1) = split_part(o.dedupe_key, ':', 1)
                                    AND split_part(e.dedupe_key, ':', 2) = split_part(o.dedupe_key, ':', 2))
                ORDER BY o.notification_id
                LIMIT ?
                FOR UPDATE SKIP LOCKED)
            RETURNING notification_id, dedupe_key, payload::text AS payload, attempts
            """;

    static final String SENT = "UPDATE notification_outbox SET sent_at = ?, last_error = NULL WHERE notification_id = ?";

    /** Parameters: next attempt (or 'infinity' to give up), error, id. */
    static final String FAILED = "UPDATE notification_outbox SET next_attempt_at = ?, last_error = ? "
            + "WHERE notification_id = ?";

    static final String GIVE_UP = "UPDATE notification_outbox SET next_attempt_at = 'infinity', last_error = ? "
            + "WHERE notification_id = ?";
}
