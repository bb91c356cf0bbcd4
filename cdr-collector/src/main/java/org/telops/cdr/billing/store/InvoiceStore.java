package org.telops.cdr.billing.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.telops.cdr.billing.invoice.CsvLineException;
import org.telops.cdr.billing.invoice.InvoiceFormat;
import org.telops.cdr.billing.invoice.InvoiceLine;

/**
 * Imports an invoice in one transaction, streamed in constant memory: the CSV is parsed line by line and
 * COPYed into a temporary staging table while its SHA-256 is computed; then either the whole file is kept
 * (invoice row + INSERT … SELECT from staging) or nothing is (a bad line, the same file again, or a second
 * file for a period that already has one unless {@code replace}).
 */
public final class InvoiceStore {
  /** Outcome: {@code created}, {@code duplicate} (same file: nothing added) or {@code conflict}. */
  public record ImportResult(String status, long invoiceId, long lines, long totalMicros, String currency,
                             String sha256, String message) {}

  private final DataSource db;

  public InvoiceStore(DataSource db) {
    this.db = db;
  }

  public ImportResult importCsv(String carrier, YearMonth period, InputStream body, String sourceName, String actor,
                                boolean replace, LongConsumer progress) throws SQLException, IOException {
    InvoiceFormat format = InvoiceFormat.of(carrier);
    MessageDigest sha = sha256();
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (Statement st = c.createStatement()) {
          st.execute("CREATE TEMP TABLE invoice_stage (LIKE invoice_lines INCLUDING DEFAULTS) ON COMMIT DROP");
          st.execute("ALTER TABLE invoice_stage ALTER COLUMN invoice_id DROP NOT NULL");
        }
        long[] totals = new long[2];
        String[] currency = new String[1];
        AtomicLong lines = new AtomicLong();
        PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), "COPY invoice_stage (line_no, "
            + "carrier_call_id, call_leg_id, call_session_id, started_at, duration_seconds, billed_seconds, rate_micros, "
            + "amount_micros, currency, direction, from_number, to_number) FROM STDIN (FORMAT csv)", 1 << 16);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
             InputStreamReader in = new InputStreamReader(new DigestInputStream(body, sha), StandardCharsets.UTF_8)) {
          format.read(in, "USD", line -> {
            if (currency[0] == null) {
              currency[0] = line.currency();
            } else if (!currency[0].equals(line.currency())) {
              throw new CsvLineException(line.lineNo(), "currency", line.currency() + " differs from " + currency[0]
                  + " on the lines before: one invoice, one currency");
            }
            write(out, line);
            totals[0] += line.amountMicros();
            long n = lines.incrementAndGet();
            if (n % 10_000 == 0) {
              progress.accept(n);
            }
          });
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
        progress.accept(lines.get());
        String hash = HexFormat.of().formatHex(sha.digest());
        Long same = existing(c, "SELECT invoice_id FROM invoices WHERE file_sha256 = ?", hash);
        if (same != null) {
          c.rollback();
          return new ImportResult("duplicate", same, lines.get(), totals[0], currency[0], hash, "this file (sha256 "
              + hash + ") was already imported as invoice " + same + ": nothing added");
        }
        Long other = existing(c, "SELECT invoice_id FROM invoices WHERE carrier = ? AND period_start = ?", carrier,
            period.atDay(1));
        if (other != null && !replace) {
          c.rollback();
          return new ImportResult("conflict", other, lines.get(), totals[0], currency[0], hash, carrier + " " + period
              + " already has invoice " + other + " from another file: nothing added; import with replace=true "
              + "(CLI --replace) to replace it");
        }
        if (other != null) {
          try (PreparedStatement del = c.prepareStatement("DELETE FROM invoices WHERE invoice_id = ?")) {
            del.setLong(1, other);
            del.executeUpdate();
          }
        }
        long id;
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO invoices (carrier, period_start, period_end, "
            + "currency, total_micros, line_count, source_file, imported_by, file_sha256, format) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING invoice_id")) {
          ins.setString(1, carrier);
          ins.setObject(2, period.atDay(1));
          ins.setObject(3, period.atEndOfMonth());
          ins.setString(4, currency[0] == null ? "USD" : currency[0]);
          ins.setLong(5, totals[0]);
          ins.setInt(6, (int) lines.get());
          ins.setString(7, sourceName);
          ins.setString(8, actor);
          ins.setString(9, hash);
          ins.setString(10, format.carrier());
          try (ResultSet rs = ins.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
          }
        }
        try (PreparedStatement move = c.prepareStatement("INSERT INTO invoice_lines (invoice_id, line_no, carrier_call_id, "
            + "call_leg_id, call_session_id, started_at, duration_seconds, billed_seconds, rate_micros, amount_micros, "
            + "currency, direction, from_number, to_number) SELECT ?, line_no, carrier_call_id, call_leg_id, "
            + "call_session_id, started_at, duration_seconds, billed_seconds, rate_micros, amount_micros, currency, "
            + "direction, from_number, to_number FROM invoice_stage")) {
          move.setLong(1, id);
          move.executeUpdate();
        }
        Audit.write(c, actor, "billing.invoice.import", "invoices/" + id, Audit.json("carrier", carrier, "period",
            period.toString(), "lines", lines.get(), "totalMicros", totals[0], "sha256", hash, "file", sourceName,
            "replaced", other));
        c.commit();
        return new ImportResult("created", id, lines.get(), totals[0], currency[0], hash,
            "imported " + lines.get() + " lines" + (other == null ? "" : ", replacing invoice " + other));
      } catch (SQLException | IOException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static void write(Writer out, InvoiceLine l) {
    try {
      out.write(Long.toString(l.lineNo()));
      for (Object v : new Object[] {l.carrierCallId(), l.callLegId(), l.callSessionId(), l.startedAt(),
          l.durationSeconds(), l.billedSeconds(), l.rateMicros(), l.amountMicros(), l.currency(), l.direction(),
          l.fromNumber(), l.toNumber()}) {
        out.write(',');
        if (v != null) {
          String s = v.toString();
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

  private static Long existing(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
