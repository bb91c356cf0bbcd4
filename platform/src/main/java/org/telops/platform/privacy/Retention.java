package org.telops.platform.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.telops.contracts.config.Env;

/**
 * Deletes what is older than its retention, on plain PostgreSQL as on TimescaleDB (where the extension's
 * own policies may have removed it first). Days from TELOPS_RETENTION_CDR_DAYS (400), _SAMPLES_DAYS (30),
 * _TURNS_DAYS (90), _PROBES_DAYS (90). Blocking JDBC.
 */
public final class Retention {
  public record Policy(String table, String timeColumn, String variable, int days) {}

  private final DataSource dataSource;
  private final Policy[] policies;

  public Retention(DataSource dataSource, Map<String, String> environment) {
    this.dataSource = dataSource;
    Env env = new Env(environment);
    this.policies = new Policy[] {
        new Policy("calls", "attempted_at", "TELOPS_RETENTION_CDR_DAYS", env.integer("TELOPS_RETENTION_CDR_DAYS", 400, 1, 36_500)),
        new Policy("call_quality_samples", "sampled_at", "TELOPS_RETENTION_SAMPLES_DAYS",
            env.integer("TELOPS_RETENTION_SAMPLES_DAYS", 30, 1, 36_500)),
        new Policy("call_turns", "started_at", "TELOPS_RETENTION_TURNS_DAYS", env.integer("TELOPS_RETENTION_TURNS_DAYS", 90, 1, 36_500)),
        new Policy("call_events", "at", "TELOPS_RETENTION_EVENTS_DAYS", env.integer("TELOPS_RETENTION_EVENTS_DAYS", 30, 1, 36_500)),
        new Policy("probe_results", "probed_at", "TELOPS_RETENTION_PROBES_DAYS",
            env.integer("TELOPS_RETENTION_PROBES_DAYS", 90, 1, 36_500)),
    };
  }

  public Policy[] policies() {
    return policies.clone();
  }

  /** The dashboards' rollups of a table (V12) and the mark that recomputes the bucket the cut-off falls in. */
  private static final Map<String, String[]> ROLLUPS = Map.of(
      "calls", new String[] {"calls", "rollup_calls_5m"},
      "call_quality_samples", new String[] {"samples", "rollup_samples_5m"},
      "call_turns", new String[] {"turns", "rollup_turns_5m", "rollup_turn_latency_5m"});

  private static void trimRollups(Connection c, Policy p) throws SQLException {
    String[] r = ROLLUPS.get(p.table());
    if (r == null) {
      return;
    }
    for (int i = 1; i < r.length; i++) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + r[i]
          + " WHERE bucket < telops_bucket5(now() - make_interval(days => ?))")) {
        ps.setInt(1, p.days());
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollup_dirty (source, bucket) "
        + "VALUES (?, telops_bucket5(now() - make_interval(days => ?)))")) {
      ps.setString(1, r[0]);
      ps.setInt(2, p.days());
      ps.executeUpdate();
    }
  }

  /** Rows deleted per table. */
  public Map<String, Integer> run() {
    Map<String, Integer> deleted = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection()) {
      for (Policy p : policies) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + p.table() + " WHERE " + p.timeColumn()
            + " < now() - make_interval(days => ?)")) {
          ps.setInt(1, p.days());
          deleted.put(p.table(), ps.executeUpdate());
        }
        trimRollups(c, p);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("retention failed after " + deleted + ": " + e.getMessage(), e);
    }
    return deleted;
  }
}
