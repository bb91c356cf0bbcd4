package org.telops.runtime.routing;

/** The router's statements, beside the code that runs them ({@link CarrierStore}). */
final class CarrierSql {
  private CarrierSql() {}

  /** A configured carrier gets a row; its priority follows TELOPS_CARRIERS; a stored mode survives restarts. */
  static final String ENSURE_CARRIER = """
      INSERT INTO carrier_state (carrier, priority, circuit, mode, reason, changed_by)
      VALUES (?, ?, 'closed', 'normal', 'first start', 'start-up')
      ON CONFLICT (carrier) DO UPDATE SET priority = EXCLUDED.priority""";

  static final String SELECT_STATES = """
      SELECT carrier, circuit, mode, reason, changed_by, changed_at FROM carrier_state""";

  static final String UPSERT_STATE = """
      INSERT INTO carrier_state (carrier, priority, circuit, mode, reason, changed_by, changed_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (carrier) DO UPDATE SET circuit = EXCLUDED.circuit, mode = EXCLUDED.mode, reason = EXCLUDED.reason,
        changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at""";

  static final String INSERT_FAILOVER = """
      INSERT INTO failover_events (at, from_carrier, to_carrier, trigger, reason, detection_ms, drill_run_id)
      VALUES (?, ?, ?, ?, ?, ?, ?)""";

  /** The prober's current verdicts (written by synthetic-prober), read once at start. */
  static final String SELECT_REMOVED_REGIONS = "SELECT region, carrier, last_reason FROM region_health WHERE status = 'removed'";

  static final String INSERT_AUDIT = """
      INSERT INTO audit_log (actor, action, target, reason, details) VALUES (?, ?, ?, ?, ?::jsonb)""";
}
