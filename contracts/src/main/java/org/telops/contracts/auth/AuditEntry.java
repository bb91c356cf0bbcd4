package org.telops.contracts.auth;

import java.time.Instant;

/**
 * One row of the append-only audit log ({@code audit_log}).
 *
 * @param at      when the action finished
 * @param actor   the authenticated author (never a name the request claimed)
 * @param action  e.g. "carrier.force-open", "drill.run", "token.create", "subscriber.erase"
 * @param target  what it acted on ("twilio", a drill id, a token name, "subscriber:&lt;hash&gt;"); never a phone number in clear
 * @param reason  the operator's reason or note, may be null
 * @param outcome "ok", "denied" or "failed: &lt;error&gt;"
 */
public record AuditEntry(Instant at, Actor actor, String action, String target, String reason, String outcome) {}
