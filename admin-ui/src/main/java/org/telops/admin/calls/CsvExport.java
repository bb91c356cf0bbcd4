package org.telops.admin.calls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The filtered CDRs as CSV, streamed from a server-side cursor (constant memory at any size), times in the zone the
 * operator chose (the browser's), named in the header so a spreadsheet never guesses.
 */
final class CsvExport {
  static final String[] HEADER = {"call_id", "attempted_at", "answered_at", "ended_at", "time_zone", "direction",
      "carrier", "region", "from_number", "to_number", "outcome", "hangup_cause", "talk_seconds", "mos", "jitter_ms",
      "loss_percent", "turn_latency_p95_ms", "cost_total", "currency", "media_path"};
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  private CsvExport() {}

  /** Writes every row of the query; returns how many. */
  static long write(DataSource db, CallQuery query, Instant now, ZoneId zone, OutputStream out) throws IOException, SQLException {
    List<Object> args = new ArrayList<>();
    String sql = "SELECT " + CallRow.COLUMNS + " FROM calls" + query.where(now, args) + " ORDER BY attempted_at DESC, call_id DESC";
    long n = 0;
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false); // PgJDBC streams with a fetch size only inside a transaction
      c.setReadOnly(true);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setFetchSize(1000);
        for (int i = 0; i < args.size(); i++) {
          Object a = args.get(i);
          ps.setObject(i + 1, a instanceof Instant t ? java.sql.Timestamp.from(t) : a);
        }
        CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(HEADER).get());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            CallRow r = CallRow.map(rs);
            csv.printRecord(r.callId(), local(r.attemptedAt(), zone), local(r.answeredAt(), zone), local(r.endedAt(), zone),
                zone.getId(), r.direction(), r.carrier(), r.region(), r.fromNumber(), r.toNumber(), r.outcome(),
                r.hangupCause(), r.talk() == null ? null : r.talk().toSeconds(), r.mos(), r.jitterMs(), r.lossPercent(),
                r.turnP95Ms(), r.costTotalMicros() == null ? null : java.math.BigDecimal.valueOf(r.costTotalMicros(), 6).toPlainString(),
                r.currency() == null ? null : r.currency().trim(), r.mediaPath());
            n++;
          }
        }
        csv.flush();
      } finally {
        c.rollback();
        c.setAutoCommit(true);
        c.setReadOnly(false);
      }
    }
    return n;
  }

  private static String local(Instant t, ZoneId zone) {
    return t == null ? null : LOCAL.format(t.atZone(zone));
  }
}
