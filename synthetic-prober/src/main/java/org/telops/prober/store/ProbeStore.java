package org.telops.prober.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.telops.prober.probe.ProbeResult;
import org.telops.prober.region.HealthStatus;
import org.telops.prober.region.HealthTransition;
import org.telops.prober.schedule.ProbeSlot;

/**
 * The prober's writes (it is the one writer of probe_results, region_health, region_health_events) and
 * what it reads back at start. Blocking JDBC: call it from a worker thread, never the event loop.
 */
public final class ProbeStore {
  private final DataSource dataSource;

  public ProbeStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One probe, the region's state after it and the transition it caused, in one transaction. */
  public void record(ProbeResult r, HealthRow health, Optional<HealthTransition> transition) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        insertResult(c, r);
        upsertHealth(c, health, transition.map(HealthTransition::at).orElse(null));
        if (transition.isPresent()) {
          insertEvent(c, transition.get());
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static void insertResult(Connection c, ProbeResult r) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ProbeSql.INSERT_RESULT)) {
      int i = 1;
      ps.setObject(i++, r.probeId());
      ps.setObject(i++, utc(r.probedAt()));
      ps.setString(i++, r.region());
      ps.setString(i++, r.carrier());
      ps.setString(i++, r.target());
      ps.setString(i++, r.callId());
      ps.setString(i++, r.outcome());
      ps.setString(i++, r.reason());
      setInt(ps, i++, r.connectMs());
      setInt(ps, i++, r.firstAudioMs());
      setInt(ps, i++, r.roundTripMs());
      setDouble(ps, i++, r.jitterMs());
      setDouble(ps, i++, r.lossPercent());
      setDouble(ps, i++, r.mos());
      ps.setString(i++, r.digitsSent());
      ps.setString(i++, r.digitsReceived());
      setInt(ps, i++, r.durationSeconds());
      ps.setString(i++, r.currency());
      if (r.costMicros() == null) {
        ps.setNull(i, Types.BIGINT);
      } else {
        ps.setLong(i, r.costMicros());
      }
      ps.executeUpdate();
    }
  }

  private static void upsertHealth(Connection c, HealthRow h, Instant changedAt) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ProbeSql.UPSERT_HEALTH)) {
      ps.setString(1, h.region());
      ps.setString(2, h.carrier());
      ps.setString(3, h.status().wire());
      ps.setInt(4, h.consecutiveFailures());
      ps.setInt(5, h.consecutiveSuccesses());
      ps.setString(6, h.lastReason());
      ps.setObject(7, changedAt == null ? null : utc(changedAt), Types.TIMESTAMP_WITH_TIMEZONE);
      ps.setObject(8, changedAt == null ? null : utc(changedAt), Types.TIMESTAMP_WITH_TIMEZONE);
      ps.executeUpdate();
    }
  }

  private static void insertEvent(Connection c, HealthTransition t) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ProbeSql.INSERT_EVENT)) {
      ps.setString(1, t.region());
      ps.setObject(2, utc(t.at()));
      ps.setString(3, t.from().wire());
      ps.setString(4, t.to().wire());
      ps.setString(5, t.reason());
      ps.executeUpdate();
    }
  }

  /** When each region and target was last probed (within the last day), epoch ms. */
  public Map<ProbeSlot, Long> lastProbes() throws SQLException {
    Map<ProbeSlot, Long> m = new HashMap<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ProbeSql.LAST_PROBES);
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        m.put(new ProbeSlot(rs.getString("region"), rs.getString("target")), rs.getTimestamp("last_at").getTime());
      }
    }
    return m;
  }

  /** The stored health of every region. */
  public Map<String, HealthRow> health() throws SQLException {
    Map<String, HealthRow> m = new HashMap<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ProbeSql.HEALTH);
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Timestamp changed = rs.getTimestamp("changed_at");
        m.put(rs.getString("region"), new HealthRow(rs.getString("region"), rs.getString("carrier"),
            HealthStatus.fromWire(rs.getString("status")), rs.getInt("consecutive_failures"),
            rs.getInt("consecutive_successes"), rs.getString("last_reason"), changed == null ? null : changed.toInstant()));
      }
    }
    return m;
  }

  static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }

  private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, v);
    }
  }

  private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.DOUBLE);
    } else {
      ps.setDouble(i, v);
    }
  }
}
