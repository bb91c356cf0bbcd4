package org.telops.cdr.billing.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import javax.sql.DataSource;
import org.telops.cdr.billing.rating.CallRater;
import org.telops.cdr.billing.rating.CallRater.CallUsage;
import org.telops.cdr.billing.rating.CallRater.RatedCost;

/**
 * Applies {@link CallRater} to stored CDRs with a follow-up UPDATE, never inside the collector's writer:
 * {@link #rateEnded} rates ended calls not yet rated (rated_at null — the writer clears it whenever it
 * rewrites a row, so a late fragment is re-rated); {@link #rerate} rates a period again after a rate change.
 * The carrier's own price (a callback's Price, which the merge stores as cost_telephony) is moved to
 * carrier_price_micros on the first rating, so ours never overwrites theirs.
 */
public final class CallRating {
  private static final String SELECT = "SELECT call_id, attempted_at, carrier, direction, from_number, to_number, "
      + "answered_at, ended_at, telephony_seconds, stt_seconds, llm_tokens_in, llm_tokens_out, tts_characters, "
      + "CASE WHEN position('telephonyMicros' in carrier_fields) > 0 THEN cost_telephony_micros END AS carrier_price "
      + "FROM calls ";
  private static final String UPDATE = "UPDATE calls SET currency = ?, cost_telephony_micros = ?, cost_stt_micros = ?, "
      + "cost_llm_micros = ?, cost_tts_micros = ?, cost_total_micros = ?, billed_seconds = ?, rate_card_id = ?, "
      + "carrier_price_micros = COALESCE(carrier_price_micros, ?), rated_at = now() "
      + "WHERE call_id = ? AND attempted_at = ?";

  private final DataSource db;
  private final RateStore rates;

  public CallRating(DataSource db, RateStore rates) {
    this.db = db;
    this.rates = rates;
  }

  /** Rates up to {@code limit} ended, unrated calls; returns how many. */
  public int rateEnded(int limit) throws SQLException {
    CallRater rater = new CallRater(rates.book(), rates.prices(Instant.now()));
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE state = 'ended' AND rated_at IS NULL "
          + "ORDER BY attempted_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
        ps.setInt(1, limit);
        int n = apply(c, ps, rater, false);
        c.commit();
        return n;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Rates every ended call attempted in [from, to) (of one carrier, or all when null) in batches; progress to {@code done}. */
  public long rerate(Instant from, Instant to, String carrier, int batch, java.util.function.LongConsumer done)
      throws SQLException {
    CallRater rater = new CallRater(rates.book(), rates.prices(Instant.now()));
    long total = 0;
    Instant cursorAt = from;
    String cursorId = "";
    while (true) {
      try (Connection c = db.getConnection()) {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE state = 'ended' AND attempted_at < ? "
            + "AND (attempted_at, call_id) > (?, ?) AND (?::text IS NULL OR carrier = ?) "
            + "ORDER BY attempted_at, call_id LIMIT ?")) {
          ps.setTimestamp(1, Timestamp.from(to));
          ps.setTimestamp(2, Timestamp.from(cursorAt));
          ps.setString(3, cursorId);
          ps.setString(4, carrier);
          ps.setString(5, carrier);
          ps.setInt(6, batch);
          String[] last = new String[2];
          int n = apply(c, ps, rater, true, last);
          c.commit();
          total += n;
          done.accept(total);
          if (n < batch) {
            return total;
          }
          cursorAt = Instant.parse(last[0]);
          cursorId = last[1];
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      }
    }
  }

  private int apply(Connection c, PreparedStatement select, CallRater rater, boolean keyset) throws SQLException {
    return apply(c, select, rater, keyset, new String[2]);
  }

  private int apply(Connection c, PreparedStatement select, CallRater rater, boolean keyset, String[] last)
      throws SQLException {
    int n = 0;
    java.util.List<Instant> rated = new java.util.ArrayList<>();
    try (ResultSet rs = select.executeQuery(); PreparedStatement up = c.prepareStatement(UPDATE)) {
      while (rs.next()) {
        Timestamp attempted = rs.getTimestamp(2);
        rated.add(attempted.toInstant());
        RatedCost cost = rater.rate(new CallUsage(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
            attempted.toInstant(), instant(rs, 7), instant(rs, 8), rs.getObject(9, Long.class),
            rs.getObject(10, Double.class), rs.getObject(11, Long.class), rs.getObject(12, Long.class),
            rs.getObject(13, Long.class)));
        up.setString(1, cost.currency());
        setLong(up, 2, cost.telephonyMicros());
        setLong(up, 3, cost.sttMicros());
        setLong(up, 4, cost.llmMicros());
        setLong(up, 5, cost.ttsMicros());
        setLong(up, 6, cost.totalMicros());
        up.setInt(7, (int) cost.billedSeconds());
        setLong(up, 8, cost.rateId() == 0 ? null : cost.rateId());
        setLong(up, 9, rs.getObject(14, Long.class));
        up.setString(10, rs.getString(1));
        up.setTimestamp(11, attempted);
        up.addBatch();
        n++;
        last[0] = attempted.toInstant().toString();
        last[1] = rs.getString(1);
      }
      if (n > 0) {
        up.executeBatch();
        // Costs changed: the dashboards' rollups of those buckets are recomputed at their next refresh.
        org.telops.contracts.store.RollupMarks.mark(c, org.telops.contracts.store.RollupMarks.CALLS, rated);
      }
    }
    return n;
  }

  private static Instant instant(ResultSet rs, int i) throws SQLException {
    Timestamp t = rs.getTimestamp(i);
    return t == null ? null : t.toInstant();
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }
}
