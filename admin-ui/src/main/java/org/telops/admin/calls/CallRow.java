package org.telops.admin.calls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.telops.admin.Db;

/** A CDR as the search grid and the export show it. Money in micros with its currency. */
public record CallRow(String callId, Instant attemptedAt, Instant answeredAt, Instant endedAt, String direction,
                      String carrier, String region, String fromNumber, String toNumber, String outcome,
                      String hangupCause, Double mos, Double jitterMs, Double lossPercent, Integer turnP95Ms,
                      Long costTotalMicros, String currency, String mediaPath) {

  static final String COLUMNS = "call_id, attempted_at, answered_at, ended_at, direction, carrier, region, from_number, "
      + "to_number, outcome, hangup_cause, mos, jitter_ms, loss_percent, turn_latency_p95_ms, cost_total_micros, currency, "
      + "media_path";

  static CallRow map(ResultSet rs) throws SQLException {
    return new CallRow(rs.getString("call_id"), Db.instant(rs, "attempted_at"), Db.instant(rs, "answered_at"),
        Db.instant(rs, "ended_at"), rs.getString("direction"), rs.getString("carrier"), rs.getString("region"),
        rs.getString("from_number"), rs.getString("to_number"), rs.getString("outcome"), rs.getString("hangup_cause"),
        Db.dbl(rs, "mos"), Db.dbl(rs, "jitter_ms"), Db.dbl(rs, "loss_percent"), (Integer) rs.getObject("turn_latency_p95_ms"),
        Db.lng(rs, "cost_total_micros"), rs.getString("currency"), rs.getString("media_path"));
  }

  /** Talk time (answered → ended), or null for a call never answered or not ended. */
  public Duration talk() {
    return answeredAt == null || endedAt == null ? null : Duration.between(answeredAt, endedAt);
  }

  public static String money(Long micros, String currency) {
    if (micros == null) {
      return "—";
    }
    return String.format(java.util.Locale.ROOT, "%.4f %s", micros / 1_000_000.0, currency == null ? "" : currency.trim());
  }
}
