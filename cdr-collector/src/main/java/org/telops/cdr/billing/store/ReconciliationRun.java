package org.telops.cdr.billing.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.telops.cdr.billing.invoice.InvoiceLine;
import org.telops.cdr.billing.rating.Rate;
import org.telops.cdr.billing.reconcile.Item;
import org.telops.cdr.billing.reconcile.OurCall;
import org.telops.cdr.billing.reconcile.Reconciler;
import org.telops.cdr.billing.reconcile.Tolerances;

/**
 * Reconciles one invoice: two server-side cursors sorted by carrier call id (byte order) — the invoice's
 * lines, and the carrier's ended calls of the month ± 1 day — feed {@link Reconciler#run}, whose items are
 * COPYed into reconciliation_items, replacing the invoice's previous items, in one transaction.
 */
public final class ReconciliationRun {
  private final DataSource db;
  private final RateStore rates;

  public ReconciliationRun(DataSource db, RateStore rates) {
    this.db = db;
    this.rates = rates;
  }

  /** Returns the number of items written. */
  public long run(long invoiceId, String carrier, YearMonth period, Tolerances tolerances, String actor)
      throws SQLException, IOException {
    Map<Long, Rate> byId = new HashMap<>();
    rates.all().forEach(r -> byId.put(r.id(), r));
    Instant start = period.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant end = period.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    long[] written = new long[1];
    try (Connection read = db.getConnection(); Connection write = db.getConnection()) {
      read.setAutoCommit(false);
      read.setReadOnly(true);
      write.setAutoCommit(false);
      try (PreparedStatement calls = read.prepareStatement("SELECT call_id, carrier_call_id, attempted_at, "
          + "CASE WHEN answered_at IS NULL THEN 0 WHEN telephony_seconds IS NOT NULL THEN telephony_seconds "
          + "ELSE ceil(extract(epoch FROM ended_at - answered_at))::bigint END, coalesce(billed_seconds, 0), "
          + "cost_telephony_micros, rate_card_id FROM calls WHERE carrier = ? AND state = 'ended' "
          + "AND carrier_call_id IS NOT NULL AND attempted_at >= ? AND attempted_at < ? "
          + "ORDER BY carrier_call_id COLLATE \"C\"");
           PreparedStatement lines = read.prepareStatement("SELECT line_no, carrier_call_id, started_at, "
               + "duration_seconds::bigint, billed_seconds::bigint, rate_micros, amount_micros FROM invoice_lines WHERE invoice_id = ? "
               + "ORDER BY carrier_call_id COLLATE \"C\", line_no")) {
        calls.setFetchSize(5_000);
        calls.setString(1, carrier);
        calls.setTimestamp(2, Timestamp.from(start.minusSeconds(86_400)));
        calls.setTimestamp(3, Timestamp.from(end.plusSeconds(86_400)));
        lines.setFetchSize(5_000);
        lines.setLong(1, invoiceId);
        try (PreparedStatement del = write.prepareStatement("DELETE FROM reconciliation_items WHERE invoice_id = ?")) {
          del.setLong(1, invoiceId);
          del.executeUpdate();
        }
        PGCopyOutputStream copy = new PGCopyOutputStream(write.unwrap(PGConnection.class), "COPY reconciliation_items "
            + "(invoice_id, line_no, call_id, kind, expected_micros, billed_micros, delta_micros, carrier_call_id, "
            + "our_seconds, our_billed_seconds, billed_seconds, day, note) FROM STDIN (FORMAT csv)", 1 << 16);
        try (ResultSet cr = calls.executeQuery(); ResultSet lr = lines.executeQuery();
             Writer out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16)) {
          Iterator<OurCall> ours = rows(cr, rs -> {
            Instant at = rs.getTimestamp(3).toInstant();
            long rateId = rs.getLong(7);
            return new OurCall(rs.getString(1), rs.getString(2), at, rs.getLong(4), rs.getLong(5),
                rs.getObject(6, Long.class), byId.get(rateId),
                !at.isBefore(start) && at.isBefore(end));
          });
          Iterator<InvoiceLine> theirs = rows(lr, rs -> {
            Timestamp t = rs.getTimestamp(3);
            return new InvoiceLine(rs.getLong(1), rs.getString(2), null, null, t == null ? null : t.toInstant(),
                rs.getObject(4, Long.class), rs.getObject(5, Long.class), rs.getObject(6, Long.class), rs.getLong(7),
                null, null, null, null);
          });
          new Reconciler(tolerances).run(ours, theirs, item -> {
            write(out, invoiceId, item);
            written[0]++;
          });
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
        try (PreparedStatement st = write.prepareStatement("UPDATE invoices SET status = 'reconciled' WHERE invoice_id = ?")) {
          st.setLong(1, invoiceId);
          st.executeUpdate();
        }
        Audit.write(write, actor, "billing.reconcile", "invoices/" + invoiceId,
            Audit.json("carrier", carrier, "period", period.toString(), "items", written[0]));
        write.commit();
        read.commit();
        return written[0];
      } catch (SQLException | IOException | RuntimeException e) {
        write.rollback();
        read.rollback();
        throw e;
      }
    }
  }

  private static void write(Writer out, long invoiceId, Item i) {
    try {
      Object[] f = {invoiceId, i.lineNo(), i.callId(), i.kind().id(), i.ourMicros(), i.billedMicros(),
          i.varianceMicros(), i.carrierCallId(), i.ourSeconds(), i.ourBilledSeconds(), i.billedSeconds(), i.day(),
          i.note()};
      for (int k = 0; k < f.length; k++) {
        if (k > 0) {
          out.write(',');
        }
        if (f[k] != null) {
          String s = f[k].toString();
          out.write('"');
          out.write(s.indexOf('"') >= 0 ? s.replace("\"", "\"\"") : s);
          out.write('"');
        }
      }
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  static <T> Iterator<T> rows(ResultSet rs, RowMapper<T> mapper) {
    return new Iterator<>() {
      private Boolean ready;

      @Override
      public boolean hasNext() {
        if (ready == null) {
          try {
            ready = rs.next();
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        }
        return ready;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ready = null;
        try {
          return mapper.map(rs);
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }
}
