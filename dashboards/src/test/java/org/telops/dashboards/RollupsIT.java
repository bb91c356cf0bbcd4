package org.telops.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telops.migrations.EmbeddedDatabase;

/**
 * The five-minute rollups the dashboards read (V12) against the raw tables they summarise: the same figures over
 * whole buckets, percentiles within a histogram bin, and late writes (an old CDR, an update, a delete) reaching
 * them at the next refresh.
 */
@DisplayName("Dashboard rollups on a migrated database")
class RollupsIT {
  @TempDir
  static Path dir;
  private static EmbeddedDatabase db;
  private static Connection c;

  /** Whole buckets only: the last 24 h cut at bucket boundaries. */
  private static final String CALLS_RANGE = "attempted_at >= telops_bucket5(now()) - interval '24 hours' AND attempted_at < telops_bucket5(now())";
  private static final String TURNS_RANGE = "started_at >= telops_bucket5(now()) - interval '24 hours' AND started_at < telops_bucket5(now())";
  private static final String BUCKETS = "bucket >= telops_bucket5(now()) - interval '24 hours' AND bucket < telops_bucket5(now())";

  @BeforeAll
  static void start() throws Exception {
    db = SeededDatabase.start(dir, false);
    c = db.dataSource().getConnection();
    assertThat(one("SELECT count(*) FROM rollup_dirty")).as("the seed's writes are marked").isPositive();
    assertThat(one("SELECT telops_refresh_rollups()")).isPositive();
    assertThat(one("SELECT count(*) FROM rollup_dirty")).as("a refresh consumes the marks").isZero();
  }

  @AfterAll
  static void stop() throws SQLException {
    if (c != null) {
      c.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  @DisplayName("Calls, answered, MOS, one-way latency and costs per carrier equal the raw CDRs over whole buckets")
  void callsEqualRaw() throws SQLException {
    Map<String, double[]> raw = rows("SELECT coalesce(carrier, 'unknown'), count(*), count(answered_at), avg(mos), "
        + "avg(one_way_latency_ms), sum(cost_total_micros), sum(telephony_seconds) FROM calls WHERE " + CALLS_RANGE + " GROUP BY 1");
    Map<String, double[]> rolled = rows("SELECT carrier, sum(calls), sum(answered), sum(mos_sum) / sum(mos_n), "
        + "sum(latency_sum) / sum(latency_n), sum(cost_total), sum(seconds) FROM rollup_calls_5m WHERE " + BUCKETS + " GROUP BY 1");
    assertThat(raw).isNotEmpty();
    assertThat(rolled.keySet()).isEqualTo(raw.keySet());
    raw.forEach((carrier, r) -> {
      double[] x = rolled.get(carrier);
      for (int i = 0; i < r.length; i++) {
        assertThat(x[i]).as("%s column %d", carrier, i).isCloseTo(r[i], within(1e-6 * Math.max(1, Math.abs(r[i]))));
      }
    });
  }

  @Test
  @DisplayName("The MOS distribution and jitter/loss of samples equal the raw rows")
  void distributionAndSamples() throws SQLException {
    Map<String, double[]> raw = rows("SELECT to_char(floor(mos * 2) / 2, 'FM0.0'), count(*) FROM calls WHERE mos IS NOT NULL AND "
        + CALLS_RANGE + " GROUP BY 1");
    Map<String, double[]> rolled = rows("SELECT to_char((band - 1) / 2.0, 'FM0.0'), sum(mos_bands[band]) FROM rollup_calls_5m, "
        + "generate_series(1, 11) AS band WHERE " + BUCKETS + " GROUP BY 1 HAVING sum(mos_bands[band]) > 0");
    assertThat(rolled.keySet()).isEqualTo(raw.keySet());
    raw.forEach((band, r) -> assertThat(rolled.get(band)[0]).as("band %s", band).isEqualTo(r[0]));
    Map<String, double[]> rawSamples = rows("SELECT coalesce(region, 'unknown'), avg(jitter_ms), avg(loss_percent), count(*) "
        + "FROM call_quality_samples WHERE sampled_at >= telops_bucket5(now()) - interval '24 hours' "
        + "AND sampled_at < telops_bucket5(now()) GROUP BY 1");
    Map<String, double[]> rolledSamples = rows("SELECT region, sum(jitter_sum) / sum(jitter_n), sum(loss_sum) / sum(loss_n), "
        + "sum(samples) FROM rollup_samples_5m WHERE " + BUCKETS + " GROUP BY 1");
    assertThat(rolledSamples.keySet()).isEqualTo(rawSamples.keySet()).isNotEmpty();
    rawSamples.forEach((region, r) -> {
      for (int i = 0; i < r.length; i++) {
        assertThat(rolledSamples.get(region)[i]).isCloseTo(r[i], within(1e-9 * Math.max(1, r[i])));
      }
    });
  }

  @Test
  @DisplayName("The 50 worst calls from the rollup are the raw table's 50 worst, over all calls and narrowed to one carrier and tenant")
  void worstCallsEqualRaw() throws SQLException {
    for (String where : new String[] {"", " AND coalesce(carrier, 'unknown') = 'twilio' AND coalesce(tenant_id, 'none') = 'acme'"}) {
      String rolledWhere = where.replace("coalesce(carrier, 'unknown')", "carrier").replace("coalesce(tenant_id, 'none')", "tenant_id");
      Map<String, double[]> raw = rows("SELECT call_id, mos FROM calls WHERE mos IS NOT NULL AND " + CALLS_RANGE + where
          + " ORDER BY mos, attempted_at DESC LIMIT 50");
      Map<String, double[]> rolled = rows("SELECT call_id, mos FROM rollup_worst_calls_5m WHERE " + CALLS_RANGE + rolledWhere
          + " ORDER BY mos, attempted_at DESC LIMIT 50");
      assertThat(raw).hasSize(50);
      assertThat(rolled.keySet()).as("worst calls%s", where).containsExactlyElementsOf(raw.keySet());
    }
  }

  @Test
  @DisplayName("Turn P50/P95/P99 from the histogram are within 50 ms of percentile_cont on the raw turns")
  void percentilesWithinABin() throws SQLException {
    double[] raw = rows("SELECT 'all', percentile_cont(0.5) WITHIN GROUP (ORDER BY first_audio_ms), "
        + "percentile_cont(0.95) WITHIN GROUP (ORDER BY first_audio_ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY first_audio_ms) "
        + "FROM call_turns WHERE first_audio_ms IS NOT NULL AND " + TURNS_RANGE).get("all");
    double[] rolled = rows("WITH h AS (SELECT bin_ms, sum(turns) AS n FROM rollup_turn_latency_5m WHERE " + BUCKETS
        + " GROUP BY 1), c AS (SELECT bin_ms, sum(n) OVER (ORDER BY bin_ms) AS cum, sum(n) OVER () AS total FROM h) "
        + "SELECT 'all', telops_latency_bin_mid(min(bin_ms) FILTER (WHERE cum >= 0.5 * total)), "
        + "telops_latency_bin_mid(min(bin_ms) FILTER (WHERE cum >= 0.95 * total)), "
        + "telops_latency_bin_mid(min(bin_ms) FILTER (WHERE cum >= 0.99 * total)) FROM c").get("all");
    for (int i = 0; i < 3; i++) {
      assertThat(rolled[i]).as("percentile %d", i).isCloseTo(raw[i], within(50.0));
    }
  }

  @Test
  @DisplayName("A CDR three days old, an update and a delete, each with its writer's mark, reach the rollups at the next refresh")
  void lateWrites() throws SQLException {
    String bucket = "telops_bucket5(now() - interval '3 days')";
    String mark = "INSERT INTO rollup_dirty (source, bucket) VALUES ('calls', " + bucket + ")";
    exec("INSERT INTO calls (call_id, carrier, region, attempted_at, mos, sources) VALUES "
        + "('late-1', 'twilio', 'ap-south', now() - interval '3 days', 2.0, 'test')");
    one("SELECT telops_refresh_rollups()");
    assertThat(one("SELECT count(*) FROM rollup_calls_5m WHERE region = 'ap-south' AND bucket = " + bucket))
        .as("unmarked and older than 15 minutes: not yet in the rollups").isZero();
    exec(mark);
    one("SELECT telops_refresh_rollups()");
    assertThat(one("SELECT sum(calls) FROM rollup_calls_5m WHERE region = 'ap-south' AND bucket = " + bucket)).isEqualTo(1);
    exec("UPDATE calls SET mos = 4.0 WHERE call_id = 'late-1'");
    exec(mark);
    one("SELECT telops_refresh_rollups()");
    assertThat(one("SELECT round(sum(mos_sum))::bigint FROM rollup_calls_5m WHERE region = 'ap-south' AND bucket = " + bucket))
        .isEqualTo(4);
    exec("DELETE FROM calls WHERE call_id = 'late-1'");
    exec(mark);
    one("SELECT telops_refresh_rollups()");
    assertThat(one("SELECT count(*) FROM rollup_calls_5m WHERE region = 'ap-south' AND bucket = " + bucket)).isZero();
  }

  private static void exec(String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static long one(String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** First column the key, the rest as doubles. */
  private static Map<String, double[]> rows(String sql) throws SQLException {
    Map<String, double[]> out = new LinkedHashMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        double[] v = new double[n - 1];
        for (int i = 2; i <= n; i++) {
          v[i - 2] = rs.getDouble(i);
        }
        out.put(rs.getString(1), v);
      }
    }
    return out;
  }
}
