package org.telops.cdr.billing.store;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.telops.cdr.billing.rating.Money;
import org.telops.cdr.billing.reconcile.Item;
import org.telops.cdr.billing.reconcile.ItemClass;

/** Reads of stored reconciliations: the summary per class, the items, the dispute CSV, months × carriers. */
public final class ReconciliationReads {
  /** Count and money (their price, our price, variance) of one class. */
  public record ClassTotal(long count, long ourMicros, long billedMicros, long varianceMicros) {}

  /**
   * @param ourSeconds our measured talk seconds over every item
   * @param variancePercent (billed − ours) ÷ ours × 100; 0 when ours is 0
   * @param disputed variance beyond the configured dispute percent (either way)
   */
  public record Summary(long invoiceId, String carrier, YearMonth period, String currency, String status,
                        Map<ItemClass, ClassTotal> classes, long ourSeconds, long ourMicros, long billedSeconds,
                        long billedMicros, long varianceMicros, double variancePercent, boolean disputed,
                        double disputePercent) {}

  /** One month × carrier cell of the overview. */
  public record MonthStatus(String carrier, YearMonth period, long invoiceId, String status, long lines,
                            long billedMicros, Long varianceMicros, Double variancePercent, String currency) {}

  private static final String ITEM_COLUMNS = "kind, carrier_call_id, call_id, line_no::bigint, "
      + "our_seconds::bigint, our_billed_seconds::bigint, expected_micros, billed_seconds::bigint, billed_micros, day, note";

  private final DataSource db;

  public ReconciliationReads(DataSource db) {
    this.db = db;
  }

  public Long invoiceId(String carrier, YearMonth period) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT invoice_id FROM invoices WHERE carrier = ? AND period_start = ?")) {
      ps.setString(1, carrier);
      ps.setObject(2, period.atDay(1));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  public Summary summary(long invoiceId, double disputePercent) throws SQLException {
    try (Connection c = db.getConnection()) {
      String carrier;
      YearMonth period;
      String currency;
      String status;
      try (PreparedStatement ps = c.prepareStatement("SELECT carrier, period_start, currency, status FROM invoices "
          + "WHERE invoice_id = ?")) {
        ps.setLong(1, invoiceId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalArgumentException("no invoice " + invoiceId);
          }
          carrier = rs.getString(1);
          period = YearMonth.from(rs.getObject(2, LocalDate.class));
          currency = rs.getString(3).trim();
          status = rs.getString(4);
        }
      }
      Map<ItemClass, ClassTotal> classes = new LinkedHashMap<>();
      for (ItemClass k : ItemClass.values()) {
        classes.put(k, new ClassTotal(0, 0, 0, 0));
      }
      long[] t = new long[4];
      try (PreparedStatement ps = c.prepareStatement("SELECT kind, count(*), coalesce(sum(expected_micros), 0), "
          + "coalesce(sum(billed_micros), 0), coalesce(sum(delta_micros), 0), coalesce(sum(our_seconds), 0), "
          + "coalesce(sum(billed_seconds), 0) FROM reconciliation_items WHERE invoice_id = ? GROUP BY kind")) {
        ps.setLong(1, invoiceId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            classes.put(ItemClass.of(rs.getString(1)), new ClassTotal(rs.getLong(2), rs.getLong(3), rs.getLong(4),
                rs.getLong(5)));
            t[0] += rs.getLong(6);
            t[1] += rs.getLong(3);
            t[2] += rs.getLong(7);
            t[3] += rs.getLong(4);
          }
        }
      }
      long variance = t[3] - t[1];
      double percent = t[1] == 0 ? 0 : variance * 100.0 / t[1];
      return new Summary(invoiceId, carrier, period, currency, status, classes, t[0], t[1], t[2], t[3], variance,
          Math.round(percent * 100) / 100.0, Math.abs(percent) > disputePercent, disputePercent);
    }
  }

  /** Items of an invoice, discrepancies first unless {@code kind} picks one class; paged. */
  public List<Item> items(long invoiceId, ItemClass kind, int limit, long offset) throws SQLException {
    List<Item> items = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + ITEM_COLUMNS
        + " FROM reconciliation_items WHERE invoice_id = ? AND (?::text IS NULL OR kind = ?) "
        + "ORDER BY kind = 'matched', item_id LIMIT ? OFFSET ?")) {
      ps.setLong(1, invoiceId);
      ps.setString(2, kind == null ? null : kind.id());
      ps.setString(3, kind == null ? null : kind.id());
      ps.setInt(4, limit);
      ps.setLong(5, offset);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          items.add(item(rs));
        }
      }
    }
    return items;
  }

  /** The dispute file: every item that is not {@code matched}, with the evidence, streamed. */
  public void disputeCsv(long invoiceId, String currency, Writer out) throws SQLException, IOException {
    out.write("class,carrier_call_id,call_id,invoice_line,our_seconds,our_billed_seconds,our_price,billed_seconds,"
        + "billed_price,variance,currency,day,evidence\r\n");
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("SELECT " + ITEM_COLUMNS + " FROM reconciliation_items "
          + "WHERE invoice_id = ? AND kind <> 'matched' ORDER BY day, item_id")) {
        ps.setFetchSize(2_000);
        ps.setLong(1, invoiceId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Item i = item(rs);
            out.write(String.join(",", i.kind().id(), csv(i.carrierCallId()), csv(i.callId()), str(i.lineNo()),
                str(i.ourSeconds()), str(i.ourBilledSeconds()), money(i.ourMicros()), str(i.billedSeconds()),
                money(i.billedMicros()), Money.format(i.varianceMicros(), 6), currency, str(i.day()), csv(i.note())));
            out.write("\r\n");
          }
        }
      }
      c.commit();
    }
  }

  /** Every imported invoice, newest month first, with its variance once reconciled. */
  public List<MonthStatus> months() throws SQLException {
    List<MonthStatus> out = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT i.carrier, "
        + "i.period_start, i.invoice_id, i.status, i.line_count, i.total_micros, i.currency, "
        + "(SELECT sum(delta_micros)::bigint FROM reconciliation_items r WHERE r.invoice_id = i.invoice_id), "
        + "(SELECT sum(expected_micros)::bigint FROM reconciliation_items r WHERE r.invoice_id = i.invoice_id) "
        + "FROM invoices i ORDER BY i.period_start DESC, i.carrier");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Long variance = rs.getObject(8, Long.class);
        Long ours = rs.getObject(9, Long.class);
        out.add(new MonthStatus(rs.getString(1), YearMonth.from(rs.getObject(2, LocalDate.class)), rs.getLong(3),
            rs.getString(4), rs.getLong(5), rs.getLong(6), variance,
            variance == null || ours == null || ours == 0 ? null : Math.round(variance * 10_000.0 / ours) / 100.0,
            rs.getString(7).trim()));
      }
    }
    return out;
  }

  private static Item item(ResultSet rs) throws SQLException {
    return new Item(ItemClass.of(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getObject(4, Long.class),
        rs.getObject(5, Long.class), rs.getObject(6, Long.class), rs.getObject(7, Long.class),
        rs.getObject(8, Long.class), rs.getObject(9, Long.class), rs.getObject(10, LocalDate.class), rs.getString(11));
  }

  private static String money(Long micros) {
    return micros == null ? "" : Money.format(micros, 6);
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }

  private static String csv(String s) {
    if (s == null) {
      return "";
    }
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
