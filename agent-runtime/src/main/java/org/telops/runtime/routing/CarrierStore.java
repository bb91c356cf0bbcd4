package org.telops.runtime.routing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The router's writes: {@code carrier_state} (one row per carrier, its current circuit and mode),
 * {@code failover_events} (each time new calls moved away from a carrier) and {@code audit_log} (who
 * forced, drained or restored what, and why). Blocking JDBC: call it off the event loop.
 */
public final class CarrierStore {

  /** A stored carrier row. */
  public record StoredState(String carrier, String circuit, String mode, String reason, String changedBy, Instant changedAt) {}

  private final DataSource dataSource;

  public CarrierStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Makes sure every configured carrier has a row, then reads them all. */
  public List<StoredState> ensureAndLoad(List<String> carriersInOrder) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(CarrierSql.ENSURE_CARRIER)) {
        for (int i = 0; i < carriersInOrder.size(); i++) {
          ps.setString(1, carriersInOrder.get(i));
          ps.setInt(2, i + 1);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      List<StoredState> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(CarrierSql.SELECT_STATES); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new StoredState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getTimestamp(6).toInstant()));
        }
      }
      return out;
    }
  }

  /** Regions the prober has removed right now: {region, carrier (null = all), reason}. */
  public List<String[]> removedRegions() throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CarrierSql.SELECT_REMOVED_REGIONS);
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
      }
    }
    return out;
  }

  /** Stores the carrier's new state and, when new calls moved away from it, a failover event. */
  public void record(StateChange ch, int priority) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (!"region".equals(ch.trigger())) {
          try (PreparedStatement ps = c.prepareStatement(CarrierSql.UPSERT_STATE)) {
            ps.setString(1, ch.carrier());
            ps.setInt(2, priority);
            ps.setString(3, ch.circuit().wire());
            ps.setString(4, ch.mode().wire());
            ps.setString(5, ch.reason());
            ps.setString(6, ch.changedBy());
            ps.setTimestamp(7, Timestamp.from(ch.at()));
            ps.executeUpdate();
          }
        }
        if (ch.isFailover()) {
          insertFailover(c, ch.at(), ch.carrier(), ch.failoverTo(), ch.trigger(), ch.message(), ch.detectionMs(),
              ch.drillRunId());
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** A failover measured by a drill (fault → first call connected elsewhere). */
  public void failover(Instant at, String from, String to, String trigger, String reason, Integer detectionMs,
                       Long drillRunId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      insertFailover(c, at, from, to, trigger, reason, detectionMs, drillRunId);
    }
  }

  private static void insertFailover(Connection c, Instant at, String from, String to, String trigger, String reason,
                                     Integer detectionMs, Long drillRunId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(CarrierSql.INSERT_FAILOVER)) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setString(2, from);
      ps.setString(3, to);
      ps.setString(4, trigger);
      ps.setString(5, reason);
      if (detectionMs == null) {
        ps.setNull(6, Types.INTEGER);
      } else {
        ps.setInt(6, detectionMs);
      }
      if (drillRunId == null) {
        ps.setNull(7, Types.BIGINT);
      } else {
        ps.setLong(7, drillRunId);
      }
      ps.executeUpdate();
    }
  }

  /** An append-only audit entry: {@code actor} did {@code action} to {@code target} because {@code reason}. */
  public void audit(String actor, String action, String target, String reason, String detailsJson) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CarrierSql.INSERT_AUDIT)) {
      ps.setString(1, actor);
      ps.setString(2, action);
      ps.setString(3, target);
      ps.setString(4, reason);
      ps.setString(5, detailsJson);
      ps.executeUpdate();
    }
  }
}
