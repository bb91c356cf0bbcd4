package org.telops.admin.calls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import org.telops.admin.Services;

/** Calls for the search tests: {@code n} twilio calls over the last hours, every 7th failed, numbers +1415555NNNN. */
final class CallsFixture {
  static final String PASSWORD = "password-for-console-tests";
  static long FAILED;

  private CallsFixture() {}

  static void seed(int n, Instant now) throws Exception {
    org.telops.admin.ConsoleBedAccess.ensure();
    FAILED = 0;
    try (Connection c = Services.get().db().getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO calls (call_id, carrier, region, direction, from_number, to_number, attempted_at, answered_at, ended_at, "
            + "state, outcome, hangup_cause, mos, sources) VALUES (?, 'twilio', 'us-east', 'inbound', ?, ?, ?, ?, ?, 'ended', ?, ?, ?, 'test') "
            + "ON CONFLICT (call_id) DO NOTHING")) {
      for (int i = 0; i < n; i++) {
        Instant at = now.minusSeconds(60L * i + 5);
        boolean failed = i % 7 == 0;
        FAILED += failed ? 1 : 0;
        ps.setString(1, String.format("search-call-%03d", i));
        ps.setString(2, "+1415555" + String.format("%04d", 1000 + i));
        ps.setString(3, "+1415555" + String.format("%04d", 9000 + i));
        ps.setTimestamp(4, Timestamp.from(at));
        ps.setTimestamp(5, failed ? null : Timestamp.from(at.plusSeconds(2)));
        ps.setTimestamp(6, Timestamp.from(at.plusSeconds(40)));
        ps.setString(7, failed ? "failed" : "completed");
        ps.setString(8, failed ? "carrier-error" : "caller-hangup");
        ps.setObject(9, failed ? null : 4.1);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
