package org.telops.prober.store;

import java.io.IOException;
import java.nio.file.Path;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.store.FrameSpool;
import org.telops.prober.probe.ProbeResult;
import org.telops.prober.region.HealthStatus;
import org.telops.prober.region.HealthTransition;
import org.telops.prober.schedule.ProbeSlot;

/**
 * The prober's writes (it is the one writer of probe_results, region_health, region_health_events) and
 * what it reads back at start. Blocking JDBC: call it from a worker thread, never the event loop.
 *
 * <p>While PostgreSQL is unreachable a probe's write goes to a local spool
 * ({@code <data dir>/spool/probe-results.spool}, fsynced) and the spool is written back in order when the
 * database answers again ({@link #replay}, also tried before each new write). A result already stored is
 * skipped with its health row and transition (they were one transaction), so a replay cut short is redone safely.
 */
public final class ProbeStore {
  private static final Logger log = LoggerFactory.getLogger(ProbeStore.class);

  private final DataSource dataSource;
  private final FrameSpool spool;
  private final java.util.function.BooleanSupplier reachable;
  private long nextReplayNanos;

  public ProbeStore(DataSource dataSource) {
    this(dataSource, null);
  }

  /** @param spoolFile where writes go while PostgreSQL is unreachable; null = none (a failed write is lost) */
  public ProbeStore(DataSource dataSource, Path spoolFile) {
    this(dataSource, spoolFile, () -> true);
  }

  /** @param reachable whether PostgreSQL's port answers: while it does not, results are spooled at once */
  public ProbeStore(DataSource dataSource, Path spoolFile, java.util.function.BooleanSupplier reachable) {
    this.reachable = reachable;
    this.dataSource = dataSource;
    FrameSpool s = FrameSpool.openOrNull(spoolFile, "probe result", "results are lost while PostgreSQL is away");
    this.spool = s;
  }

  /** Probe writes in the local spool now, waiting for PostgreSQL. */
  public synchronized long spooled() {
    return spool == null ? 0 : spool.size();
  }

  /**
   * One probe, the region's state after it and the transition it caused, in one transaction — or, while
   * PostgreSQL is unreachable, in the spool (durable when this returns).
   *
   * @throws SQLException PostgreSQL refused the data (or it is away and there is no spool)
   * @throws IOException it is away and the spool refused the write too
   */
  public synchronized void record(ProbeResult r, HealthRow health, Optional<HealthTransition> transition)
      throws SQLException, IOException {
    ProbeSpoolJson.Entry e = new ProbeSpoolJson.Entry(r, health, transition);
    if (spool != null && !spool.isEmpty()) {
      spool.append(java.util.List.of(ProbeSpoolJson.encode(e))); // in order behind what waits
      replay();
      return;
    }
    try {
      if (spool != null && !reachable.getAsBoolean()) {
        throw new SQLException("PostgreSQL refuses connections on its port", "08001");
      }
      write(e);
    } catch (SQLException ex) {
      String state = ex.getSQLState() == null ? "" : ex.getSQLState();
      if (spool == null || state.startsWith("22") || state.startsWith("23")) {
        throw ex;
      }
      spool.append(java.util.List.of(ProbeSpoolJson.encode(e)));
      nextReplayNanos = System.nanoTime() + 2_000_000_000L;
      log.warn("PostgreSQL unreachable ({}): probe results go to the spool {} (fsynced) and are written when it "
          + "answers again", ex.getMessage(), spool.file());
    }
  }

  /** Writes the spool back in order and empties it; false if PostgreSQL is still away (tried again later). */
  public synchronized boolean replay() {
    if (spool == null || spool.isEmpty()) {
      return true;
    }
    if (System.nanoTime() < nextReplayNanos || !reachable.getAsBoolean()) {
      return false;
    }
    try {
      java.util.List<byte[]> frames = spool.readAll();
      for (byte[] f : frames) {
        write(ProbeSpoolJson.decode(f));
      }
      spool.clear();
      log.info("PostgreSQL is back: {} spooled probe result(s) written", frames.size());
      return true;
    } catch (SQLException | IOException | RuntimeException ex) {
      nextReplayNanos = System.nanoTime() + 2_000_000_000L;
      return false;
    }
  }

  public synchronized void close() {
    if (spool != null) {
      spool.close();
    }
  }

  private void write(ProbeSpoolJson.Entry entry) throws SQLException {
    ProbeResult r = entry.result();
    Optional<HealthTransition> transition = entry.transition();
    HealthRow health = entry.health();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (insertResult(c, r) == 0) {
          c.rollback(); // stored before (a replay redone): its health row and transition were in that transaction
          return;
        }
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

  private static int insertResult(Connection c, ProbeResult r) throws SQLException {
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
      setDouble(ps, i++, r.wer());
      ps.setString(i++, r.phrase());
      ps.setString(i++, r.transcript());
      setInt(ps, i++, r.durationSeconds());
      ps.setString(i++, r.currency());
      if (r.costMicros() == null) {
        ps.setNull(i, Types.BIGINT);
      } else {
        ps.setLong(i, r.costMicros());
      }
      return ps.executeUpdate();
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
