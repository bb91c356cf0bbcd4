package org.telops.admin.regions;

import java.time.Instant;
import java.util.List;
import org.telops.admin.Db;

/** What the prober stored: region health, round-trip percentiles per 15 min, failure reasons, latest probes. */
final class RegionReads {
  private RegionReads() {}

  record Health(String region, String carrier, String status, int failures, String reason, Instant changedAt) {}

  record Bucket(Instant at, String region, Double p50, Double p95, Double p99) {}

  record Reason(String region, String reason, long count) {}

  record Probe(Instant at, String region, String carrier, String outcome, String reason, Integer roundTripMs,
               Double mos, Double wer, String phrase, String heard, String callId) {}

  static List<Health> health() {
    return Db.list("SELECT region, carrier, status, consecutive_failures, last_reason, changed_at FROM region_health ORDER BY region",
        rs -> new Health(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), Db.instant(rs, "changed_at")));
  }

  static List<Bucket> roundTrip(Instant from, Instant to) {
    return Db.list("""
        SELECT to_timestamp(floor(extract(epoch FROM probed_at) / 900) * 900) AS bucket, region,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY round_trip_ms) AS p50,
               percentile_cont(0.95) WITHIN GROUP (ORDER BY round_trip_ms) AS p95,
               percentile_cont(0.99) WITHIN GROUP (ORDER BY round_trip_ms) AS p99
        FROM probe_results WHERE probed_at >= ? AND probed_at < ? AND round_trip_ms IS NOT NULL
        GROUP BY 1, 2 ORDER BY 1, 2
        """, rs -> new Bucket(Db.instant(rs, "bucket"), rs.getString("region"), Db.dbl(rs, "p50"), Db.dbl(rs, "p95"),
        Db.dbl(rs, "p99")), from, to);
  }

  static List<Reason> reasons(Instant from, Instant to) {
    return Db.list("SELECT region, coalesce(reason, 'unnamed') AS reason, count(*) AS n FROM probe_results "
        + "WHERE probed_at >= ? AND probed_at < ? AND outcome = 'failure' GROUP BY 1, 2 ORDER BY n DESC LIMIT 50",
        rs -> new Reason(rs.getString(1), rs.getString(2), rs.getLong(3)), from, to);
  }

  static List<Probe> latest(int limit) {
    return Db.list("SELECT probed_at, region, carrier, outcome, reason, round_trip_ms, mos, wer, phrase_sent, phrase_heard, "
        + "call_id FROM probe_results "
        + "ORDER BY probed_at DESC LIMIT ?", rs -> new Probe(Db.instant(rs, "probed_at"), rs.getString("region"),
        rs.getString("carrier"), rs.getString("outcome"), rs.getString("reason"), (Integer) rs.getObject("round_trip_ms"),
        Db.dbl(rs, "mos"), Db.dbl(rs, "wer"), rs.getString("phrase_sent"), rs.getString("phrase_heard"),
        rs.getString("call_id")), limit);
  }
}
