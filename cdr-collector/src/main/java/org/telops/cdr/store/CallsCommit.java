package org.telops.cdr.store;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.telops.contracts.call.CallRecord;

/**
 * One batch of CDR fragments into {@code calls}, in one transaction: fold the fragments per call id in
 * arrival order, read the stored rows of those ids, merge ({@link CdrMerge}), delete them and re-insert
 * everything with COPY. Replaying a batch therefore stores each call exactly once, and delete + insert
 * works the same on a plain table and on a TimescaleDB hypertable (where a changed attemptedAt moves the
 * row to another chunk).
 *
 * <p>Each writer lane takes the advisory lock of its lane first. Lanes split calls by call id, so two
 * lanes never hold the same call, and every collector process that uses the same lane count serialises
 * with its peers on the same calls.
 */
final class CallsCommit {
  private CallsCommit() {}

  static void write(DataSource dataSource, int lane, List<CallRecord> batch) throws SQLException {
    Map<String, CdrMerge.Stored> folded = new LinkedHashMap<>();
    for (CallRecord r : batch) {
      folded.put(r.callId(), CdrMerge.merge(folded.get(r.callId()), r));
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement lock = c.prepareStatement(CallsSql.LOCK_WRITER_LANE)) {
          lock.setInt(1, lane);
          lock.execute();
        }
        Map<String, CdrMerge.Stored> existing = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(CallsSql.SELECT_BY_IDS)) {
          ps.setArray(1, c.createArrayOf("text", folded.keySet().toArray(String[]::new)));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              CdrMerge.Stored s = CallsSql.read(rs);
              existing.put(s.record().callId(), s);
            }
          }
        }
        Instant now = Instant.now();
        StringBuilder copy = new StringBuilder(folded.size() * 320);
        for (Map.Entry<String, CdrMerge.Stored> e : folded.entrySet()) {
          CdrMerge.Stored old = existing.get(e.getKey());
          CallsSql.appendCopyRow(copy, old == null ? e.getValue() : replay(old, batch, e.getKey()), now);
        }
        if (!existing.isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement(CallsSql.DELETE_BY_IDS)) {
            ps.setArray(1, c.createArrayOf("text", existing.keySet().toArray(String[]::new)));
            ps.executeUpdate();
          }
        }
        c.unwrap(PGConnection.class).getCopyAPI().copyIn(CallsSql.COPY_IN, new StringReader(copy.toString()));
        // The dashboards' rollups: the buckets of the rows replaced and written (a merge may move attempted_at).
        List<Instant> times = new java.util.ArrayList<>(folded.size() + existing.size());
        folded.values().forEach(s -> times.add(s.record().attemptedAt()));
        existing.values().forEach(s -> times.add(s.record().attemptedAt()));
        org.telops.contracts.store.RollupMarks.mark(c, org.telops.contracts.store.RollupMarks.CALLS, times);
        c.commit();
      } catch (SQLException | RuntimeException | java.io.IOException e) {
        try {
          c.rollback();
        } catch (SQLException ignored) {
          // the connection is likely gone; the retry opens a new one
        }
        if (e instanceof SQLException sql) {
          throw sql;
        }
        if (e instanceof RuntimeException re) {
          throw re;
        }
        throw new SQLException("COPY failed: " + e.getMessage(), e);
      }
    }
  }

  /** Merges this batch's fragments for one call, in arrival order, onto the stored row. */
  private static CdrMerge.Stored replay(CdrMerge.Stored stored, List<CallRecord> batch, String callId) {
    CdrMerge.Stored s = stored;
    for (CallRecord r : batch) {
      if (r.callId().equals(callId)) {
        s = CdrMerge.merge(s, r);
      }
    }
    return s;
  }
}
