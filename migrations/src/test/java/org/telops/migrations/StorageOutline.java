package org.telops.migrations;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the storage outline promises, and the calls fixture both the plain view and the aggregate must sum right. */
final class StorageOutline {
  private StorageOutline() {}

  static final List<String> TABLES = List.of("tenants", "users", "calls", "call_quality_samples", "call_turns",
      "probe_results", "region_health", "region_health_events", "carrier_state", "failover_events", "drills",
      "drill_runs", "alerts", "incidents", "incident_events", "notification_outbox", "rate_cards", "invoices",
      "invoice_lines", "reconciliation_items", "audit_log");

  static final List<String> CALLS_5M_COLUMNS = List.of("bucket", "carrier", "region", "calls", "answered",
      "completed", "failed", "mos_avg", "mos_min", "jitter_ms_avg", "loss_percent_avg", "one_way_latency_ms_avg",
      "turn_latency_p50_ms_avg", "turn_latency_p95_ms_max");

  /**
   * Five calls on 2025-03-03 (UTC) over two 5-minute buckets and two carriers. Columns: call_id, attempted_at,
   * carrier, answered_at, outcome, mos, jitter_ms, loss_percent, one_way_latency_ms, turn p50, turn p95.
   */
  private static final Object[][] CALLS = {
      {"c1", "2025-03-03 10:00:00+00", "twilio", "2025-03-03 10:00:05+00", "completed", 4.0, 10.0, 1.0, 100.0, 200, 400},
      {"c2", "2025-03-03 10:04:59.999+00", "twilio", "2025-03-03 10:05:03+00", "completed", 3.0, 20.0, 3.0, 50.0, 300, 900},
      {"c3", "2025-03-03 10:02:00+00", "twilio", null, "failed", null, null, null, null, null, null},
      {"c4", "2025-03-03 10:05:00+00", "twilio", "2025-03-03 10:05:02+00", "dropped", 2.0, null, null, null, null, null},
      {"c5", "2025-03-03 10:03:00+00", "telnyx", null, "busy", null, null, null, null, null, null},
  };

  /** calls_5m for {@link #CALLS}, as {@link #calls5m} prints it. */
  static final List<String> EXPECTED_CALLS_5M = List.of(
      "2025-03-03 10:00|telnyx|us-east|1|0|0|0|null|null|null|null|null|null|null",
      "2025-03-03 10:00|twilio|us-east|3|2|2|1|3.50|3.00|15.00|2.00|75.00|250.00|900",
      "2025-03-03 10:05|twilio|us-east|1|1|0|1|2.00|2.00|null|null|null|null|null");

  static void insertCalls(Connection c) throws SQLException {
    String sql = "INSERT INTO calls (call_id, attempted_at, carrier, region, answered_at, outcome, mos, jitter_ms, "
        + "loss_percent, one_way_latency_ms, turn_latency_p50_ms, turn_latency_p95_ms, state, sources) "
        + "VALUES (?, ?::timestamptz, ?, 'us-east', ?::timestamptz, ?, ?, ?, ?, ?, ?, ?, 'ended', 'carrier')";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Object[] row : CALLS) {
        for (int i = 0; i < row.length; i++) {
          ps.setObject(i + 1, row[i]);
        }
        ps.executeUpdate();
      }
    }
  }

  /** The 2025-03-03 rows of calls_5m, one line each, ordered by bucket and carrier. */
  static List<String> calls5m(Connection c) throws SQLException {
    String sql = "SELECT to_char(bucket AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), carrier, region, calls, answered, "
        + "completed, failed, mos_avg, mos_min, jitter_ms_avg, loss_percent_avg, one_way_latency_ms_avg, "
        + "turn_latency_p50_ms_avg, turn_latency_p95_ms_max FROM calls_5m "
        + "WHERE bucket >= TIMESTAMPTZ '2025-03-03 00:00+00' AND bucket < TIMESTAMPTZ '2025-03-04 00:00+00' "
        + "ORDER BY bucket, carrier";
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        StringBuilder line = new StringBuilder();
        for (int i = 1; i <= 14; i++) {
          if (i > 1) {
            line.append('|');
          }
          Object v = rs.getObject(i);
          line.append(v == null ? "null"
              : (i >= 8 && i <= 13) ? String.format(Locale.ROOT, "%.2f", rs.getDouble(i)) : v.toString());
        }
        rows.add(line.toString());
      }
    }
    return rows;
  }

  /** "name type" for each column of a relation in public, in order. */
  static List<String> columns(Connection c, String relation) throws SQLException {
    String sql = "SELECT attname || ' ' || format_type(atttypid, atttypmod) FROM pg_attribute "
        + "WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped ORDER BY attnum";
    return strings(c, sql, "public." + relation);
  }

  static List<String> strings(Connection c, String sql, Object... args) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  static String string(Connection c, String sql, Object... args) throws SQLException {
    List<String> all = strings(c, sql, args);
    if (all.size() != 1) {
      throw new AssertionError("expected one row from " + sql + " but got " + all);
    }
    return all.get(0);
  }

  /** A loopback port nothing listens on right now (the OS picks it; nothing keeps it). */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
    }
  }
}
