package org.telops.admin.drills;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import org.telops.admin.Db;
import org.telops.runtime.drills.DrillSchedule;
import org.telops.runtime.drills.DrillWindow;

/** Drill definitions with their next scheduled run, and runs with verdict and timeline. */
final class DrillReads {
  private DrillReads() {}

  record Drill(long id, String name, String targetCarrier, String fault, int durationSeconds, String schedule,
               String window, boolean enabled, String createdBy, Instant nextRunAt, String criteria) {}

  record Run(long runId, long drillId, String drillName, Instant startedAt, Instant endedAt, String status,
             String triggeredBy, JsonObject verdict, JsonArray timeline) {}

  static List<Drill> drills(Instant now) {
    return Db.list("SELECT drill_id, name, target_carrier, fault, duration_seconds, schedule, window_spec, enabled, "
        + "created_by, criteria::text AS criteria FROM drills ORDER BY name", rs -> new Drill(rs.getLong("drill_id"),
        rs.getString("name"), rs.getString("target_carrier"), rs.getString("fault"), rs.getInt("duration_seconds"),
        rs.getString("schedule"), rs.getString("window_spec"), rs.getBoolean("enabled"), rs.getString("created_by"),
        next(rs.getString("name"), rs.getString("schedule"), rs.getString("window_spec"), rs.getBoolean("enabled"), now),
        rs.getString("criteria")));
  }

  /** The scheduler's own arithmetic (agent-runtime); null for on-demand or disabled drills or a spec it refuses. */
  static Instant next(String name, String schedule, String window, boolean enabled, Instant now) {
    if (schedule == null || !enabled || window == null) {
      return null;
    }
    try {
      ZonedDateTime z = DrillSchedule.parse(schedule).nextAfter(now, DrillWindow.parse(name, window));
      return z == null ? null : z.toInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }

  static List<Run> runs(int limit) {
    return Db.list("SELECT r.run_id, r.drill_id, d.name, r.started_at, r.ended_at, r.status, r.triggered_by, "
        + "r.verdict::text AS verdict, r.timeline::text AS timeline FROM drill_runs r JOIN drills d USING (drill_id) "
        + "ORDER BY r.started_at DESC LIMIT ?", rs -> new Run(rs.getLong("run_id"), rs.getLong("drill_id"), rs.getString("name"),
        Db.instant(rs, "started_at"), Db.instant(rs, "ended_at"), rs.getString("status"), rs.getString("triggered_by"),
        rs.getString("verdict") == null ? null : new JsonObject(rs.getString("verdict")),
        rs.getString("timeline") == null ? new JsonArray() : new JsonArray(rs.getString("timeline"))), limit);
  }
}
