package org.telops.admin.home;

import java.time.Instant;
import java.util.List;
import org.telops.admin.Db;

/** The last hour per region: calls ended, success rate, mean MOS, P95 time to first agent audio. */
record LastHour(String region, long calls, Double successPercent, Double mos, Double turnP95Ms) {

  static List<LastHour> byRegion(Instant now) {
    Instant since = now.minusSeconds(3600);
    return Db.list("""
        WITH c AS (
          SELECT coalesce(region, '—') AS region, count(*) AS calls,
                 100.0 * count(*) FILTER (WHERE outcome = 'completed') / nullif(count(*), 0) AS success,
                 avg(mos) AS mos
          FROM calls WHERE attempted_at >= ? AND attempted_at < ? AND state = 'ended' GROUP BY 1),
        t AS (
          SELECT coalesce(region, '—') AS region,
                 percentile_cont(0.95) WITHIN GROUP (ORDER BY first_audio_ms) AS p95
          FROM call_turns WHERE started_at >= ? AND started_at < ? AND first_audio_ms IS NOT NULL GROUP BY 1)
        SELECT coalesce(c.region, t.region) AS region, coalesce(c.calls, 0) AS calls, c.success, c.mos, t.p95
        FROM c FULL JOIN t ON t.region = c.region ORDER BY 1
        """, rs -> new LastHour(rs.getString("region"), rs.getLong("calls"), Db.dbl(rs, "success"), Db.dbl(rs, "mos"),
        Db.dbl(rs, "p95")), since, now, since, now);
  }
}
