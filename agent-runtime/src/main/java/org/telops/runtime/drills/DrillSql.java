package org.telops.runtime.drills;

/** The drills' statements, beside the code that runs them ({@link DrillStore}). */
final class DrillSql {
  private DrillSql() {}

  /** Advisory-lock class of drill runs: the process running a drill holds (DRILL_LOCK, run_id) on its session. */
  static final int DRILL_LOCK = 7301;

  static final String INSERT_DRILL = """
      INSERT INTO drills (name, target_carrier, fault, duration_seconds, criteria, schedule, window_start, window_end,
        window_spec, plan, enabled, created_by)
      VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?, ?)
      RETURNING drill_id, created_at""";

  static final String SELECT_DRILLS = """
      SELECT d.drill_id, d.name, d.target_carrier, d.fault, d.duration_seconds, d.criteria::text, d.schedule,
             d.window_spec, d.plan::text, d.enabled, d.created_by, d.created_at,
             r.run_id, r.status, r.started_at
      FROM drills d
      LEFT JOIN LATERAL (SELECT run_id, status, started_at FROM drill_runs WHERE drill_id = d.drill_id
                         ORDER BY started_at DESC LIMIT 1) r ON true""";

  /** The lock is taken in the same statement: no other session sees the run before its lock is held. */
  static final String START_RUN = """
      INSERT INTO drill_runs (drill_id, status, triggered_by, target_carrier, fault, fault_mode, timeline)
      VALUES (?, 'running', ?, ?, ?, ?, ?::jsonb)
      RETURNING run_id, pg_try_advisory_lock(%d, run_id::int)""".formatted(DRILL_LOCK);

  static final String SKIPPED_RUN = """
      INSERT INTO drill_runs (drill_id, status, triggered_by, target_carrier, fault, ended_at, verdict, timeline)
      VALUES (?, 'aborted', ?, ?, ?, now(), ?::jsonb, ?::jsonb)""";

  static final String UPDATE_TIMELINE = "UPDATE drill_runs SET timeline = ?::jsonb WHERE run_id = ? AND status = 'running'";

  static final String FINISH_RUN = """
      UPDATE drill_runs SET status = ?, ended_at = now(), verdict = ?::jsonb, timeline = ?::jsonb, restored_at = ?
      WHERE run_id = ? AND status = 'running'""";

  static final String SELECT_RUNNING = """
      SELECT run_id, drill_id, target_carrier, fault, fault_mode, timeline::text FROM drill_runs WHERE status = 'running'""";

  static final String SELECT_RUNS = """
      SELECT run_id, drill_id, started_at, ended_at, status, triggered_by, target_carrier, fault, fault_mode,
             verdict::text, timeline::text, restored_at
      FROM drill_runs WHERE drill_id = ? ORDER BY started_at DESC, run_id DESC LIMIT ?""";

  static final String TRY_LOCK = "SELECT pg_try_advisory_lock(" + DRILL_LOCK + ", ?)";

  static final String UNLOCK = "SELECT pg_advisory_unlock(" + DRILL_LOCK + ", ?)";

  /** MOS the collector stored for the drill's test calls (the CDR carries the runtime's per-call MOS). */
  static final String SELECT_MOS = "SELECT call_id, mos FROM calls WHERE call_id = ANY (?) AND mos IS NOT NULL";
}
