package org.telops.runtime.drills;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code drills} and {@code drill_runs}. A running drill holds a PostgreSQL advisory lock on its own
 * connection: when its process dies, the session ends and the lock with it, which is how another (or
 * the restarted) process knows the run was interrupted rather than still going. Blocking JDBC.
 */
public final class DrillStore {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DrillStore.class);

  /** A drill with its latest run, for listing. */
  public record Listed(DrillDefinition drill, Long lastRunId, String lastRunStatus, Instant lastRunStartedAt) {}

  /** A run still marked running. */
  public record Running(long runId, long drillId, String target, String fault, String faultMode, JsonArray timeline) {}

  private final DataSource dataSource;

  public DrillStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores a new drill; returns it with its id. SQLState 23505 when the name is taken. */
  public DrillDefinition insert(DrillDefinition d) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DrillSql.INSERT_DRILL)) {
      ps.setString(1, d.name());
      ps.setString(2, d.targetCarrier());
      ps.setString(3, d.fault().spec());
      ps.setInt(4, d.durationSeconds());
      ps.setString(5, DrillJson.criteria(d.criteria()).encode());
      ps.setString(6, d.schedule());
      ps.setTime(7, Time.valueOf(d.window().start()));
      ps.setTime(8, Time.valueOf(d.window().end()));
      ps.setString(9, d.window().spec());
      ps.setString(10, DrillJson.plan(d.plan()).encode());
      ps.setBoolean(11, d.enabled());
      ps.setString(12, d.createdBy());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new DrillDefinition(rs.getLong(1), d.name(), d.targetCarrier(), d.fault(), d.durationSeconds(), d.criteria(),
            d.schedule(), d.window(), d.plan(), d.enabled(), d.createdBy(), rs.getTimestamp(2).toInstant());
      }
    }
  }

  public List<Listed> list(DrillWindow defaultWindow) throws SQLException {
    List<Listed> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement(DrillSql.SELECT_DRILLS + " ORDER BY d.drill_id");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        DrillDefinition d;
        try {
          d = new DrillDefinition(rs.getLong(1), rs.getString(2), rs.getString(3),
              DrillFault.parse(rs.getString(4)), rs.getInt(5), DrillJson.criteria(new JsonObject(rs.getString(6))),
              rs.getString(7), rs.getString(8) == null ? defaultWindow : DrillWindow.parse("window", rs.getString(8)),
              DrillJson.plan(new JsonObject(rs.getString(9)), null), rs.getBoolean(10), rs.getString(11),
              rs.getTimestamp(12).toInstant());
        } catch (RuntimeException e) {
          // Another writer (admin-ui) stored something this build cannot run: skip it, say which and why.
          log.warn("drill {} ('{}') skipped: {} — fix it in the drills table", rs.getLong(1), rs.getString(2), e.getMessage());
          continue;
        }
        long runId = rs.getLong(13);
        out.add(new Listed(d, rs.wasNull() ? null : runId, rs.getString(14),
            rs.getTimestamp(15) == null ? null : rs.getTimestamp(15).toInstant()));
      }
    }
    return out;
  }

  public Listed get(long drillId, DrillWindow defaultWindow) throws SQLException {
    for (Listed l : list(defaultWindow)) {
      if (l.drill().id() == drillId) {
        return l;
      }
    }
    return null;
  }

  /**
   * Opens a run and takes its lock on {@code lockConnection}, which the caller keeps open until the run
   * ends. SQLState 23505 when another drill is running.
   */
  public long startRun(Connection lockConnection, DrillDefinition d, String triggeredBy, String faultMode, JsonArray timeline)
      throws SQLException {
    long runId;
    boolean locked;
    try (PreparedStatement ps = lockConnection.prepareStatement(DrillSql.START_RUN)) {
      ps.setLong(1, d.id());
      ps.setString(2, triggeredBy);
      ps.setString(3, d.targetCarrier());
      ps.setString(4, d.fault().spec());
      ps.setString(5, faultMode);
      ps.setString(6, timeline.encode());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        runId = rs.getLong(1);
        locked = rs.getBoolean(2);
      }
    }
    if (!locked) {
      throw new SQLException("drill run " + runId + " is locked by another session", "55P03");
    }
    return runId;
  }

  /** A scheduled run that could not start: stored as aborted so the drill's history shows why. */
  public void skipped(DrillDefinition d, String triggeredBy, JsonObject verdict, JsonArray timeline) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DrillSql.SKIPPED_RUN)) {
      ps.setLong(1, d.id());
      ps.setString(2, triggeredBy);
      ps.setString(3, d.targetCarrier());
      ps.setString(4, d.fault().spec());
      ps.setString(5, verdict.encode());
      ps.setString(6, timeline.encode());
      ps.executeUpdate();
    }
  }

  public void timeline(long runId, JsonArray timeline) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DrillSql.UPDATE_TIMELINE)) {
      ps.setString(1, timeline.encode());
      ps.setLong(2, runId);
      ps.executeUpdate();
    }
  }

  /** Closes a run; false if it was no longer running (another process recovered it). */
  public boolean finish(long runId, String status, JsonObject verdict, JsonArray timeline, Instant restoredAt)
      throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DrillSql.FINISH_RUN)) {
      ps.setString(1, status);
      ps.setString(2, verdict.encode());
      ps.setString(3, timeline.encode());
      if (restoredAt == null) {
        ps.setNull(4, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        ps.setTimestamp(4, Timestamp.from(restoredAt));
      }
      ps.setLong(5, runId);
      return ps.executeUpdate() == 1;
    }
  }

  public List<Running> running() throws SQLException {
    List<Running> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DrillSql.SELECT_RUNNING);
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Running(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
            new JsonArray(rs.getString(6))));
      }
    }
    return out;
  }

  public JsonArray runs(long drillId, int limit) throws SQLException {
    JsonArray out = new JsonArray();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DrillSql.SELECT_RUNS)) {
      ps.setLong(1, drillId);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new JsonObject().put("runId", rs.getLong(1)).put("drillId", rs.getLong(2))
              .put("startedAt", instant(rs.getTimestamp(3))).put("endedAt", instant(rs.getTimestamp(4)))
              .put("status", rs.getString(5)).put("triggeredBy", rs.getString(6)).put("targetCarrier", rs.getString(7))
              .put("fault", rs.getString(8)).put("faultMode", rs.getString(9))
              .put("verdict", rs.getString(10) == null ? null : new JsonObject(rs.getString(10)))
              .put("timeline", new JsonArray(rs.getString(11))).put("restoredAt", instant(rs.getTimestamp(12))));
        }
      }
    }
    return out;
  }

  /** MOS per call id, for the calls the collector has stored with one. */
  public Map<String, Double> mos(List<String> callIds) throws SQLException {
    Map<String, Double> out = new HashMap<>();
    if (callIds.isEmpty()) {
      return out;
    }
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DrillSql.SELECT_MOS)) {
      Array ids = c.createArrayOf("text", callIds.toArray());
      ps.setArray(1, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getDouble(2));
        }
      }
    }
    return out;
  }

  /** A connection for a run's lock, kept open by the caller. */
  public Connection lockConnection() throws SQLException {
    Connection c = dataSource.getConnection();
    c.setAutoCommit(true);
    return c;
  }

  public static boolean tryLock(Connection c, long runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(DrillSql.TRY_LOCK)) {
      ps.setInt(1, (int) runId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** Releases the run's lock and gives the connection back (a pooled session would keep the lock). */
  public static void release(Connection c, long runId) {
    try (c; PreparedStatement ps = c.prepareStatement(DrillSql.UNLOCK)) {
      ps.setInt(1, (int) runId);
      ps.execute();
    } catch (SQLException e) {
      // Closing the connection below is the fallback; if the pool keeps the session, the lock stays
      // until the pool retires it, and recovery waits for that.
    }
  }

  private static String instant(Timestamp t) {
    return t == null ? null : t.toInstant().toString();
  }
}
