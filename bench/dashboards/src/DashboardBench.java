package org.telops.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.telops.migrations.EmbeddedDatabase;
import org.telops.migrations.Migrate;

/**
 * Loads CALLS CDRs spread over 30 days (with one quality sample and two turns per call, one probe per 100 calls)
 * into an embedded PostgreSQL, then times every PostgreSQL panel of every dashboard over the last 24 h and 7 days
 * with every variable at All, as the telops_grafana role, on the rollups (the provisioned panels) beside the same panels
 * on the raw tables. Prints the median of 3 runs after one warm-up.
 */
public final class DashboardBench {
  public static void main(String[] args) throws Exception {
    // --reuse DIR: time the panels again on a data directory an earlier run loaded (it is kept), without loading.
    boolean reuse = args.length > 1 && args[0].equals("--reuse");
    long calls = reuse ? 0 : args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    Path data = reuse ? Path.of(args[1]) : Files.createTempDirectory("telops-dash-bench");
    System.out.println("data directory (reuse it with --reuse): " + data);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (EmbeddedDatabase db = EmbeddedDatabase.start(data.resolve("pg"), port)) {
      if (!reuse) {
        Migrate.run(db.dataSource(), Migrate.TimescaleMode.OFF);
      }
      try (Connection c = db.dataSource().getConnection()) {
        if (!reuse) {
          load(c, calls);
        } else if (args.length > 2) {
          // A schema change to try on the loaded data (e.g. a new rollup) before timing.
          long t0 = System.nanoTime();
          try (Statement st = c.createStatement()) {
            st.execute(Files.readString(Path.of(args[2])));
          }
          System.out.printf(Locale.ROOT, "%s applied in %d s%n", args[2], (System.nanoTime() - t0) / 1_000_000_000);
        }
        try (Statement st = c.createStatement()) {
          st.execute("SET ROLE telops_grafana");
        }
        Instant to = Instant.now();
        time(c, "24 h", new GrafanaSql(to.minus(Duration.ofHours(24)), to, false));
        time(c, "7 d", new GrafanaSql(to.minus(Duration.ofDays(7)), to, false));
      }
    }
  }

  private static void load(Connection c, long calls) throws SQLException {
    long t0 = System.nanoTime();
    long chunk = 1_000_000;
    try (Statement st = c.createStatement()) {
      st.execute("INSERT INTO tenants (tenant_id, name) VALUES ('acme', 'Acme'), ('globex', 'Globex')");
      st.execute("INSERT INTO carrier_state (carrier) VALUES ('twilio'), ('telnyx')");
      st.execute("INSERT INTO region_health (region, carrier, status) VALUES ('us-east','twilio','healthy'), ('eu-west','telnyx','healthy')");
      double step = 30 * 86400.0 / calls;
      for (long lo = 1; lo <= calls; lo += chunk) {
        long hi = Math.min(calls, lo + chunk - 1);
        st.execute(String.format(Locale.ROOT, """
            INSERT INTO calls (call_id, carrier, region, tenant_id, direction, attempted_at, answered_at, ended_at,
              state, outcome, mos, jitter_ms, loss_percent, one_way_latency_ms, telephony_seconds, currency,
              cost_telephony_micros, cost_stt_micros, cost_llm_micros, cost_tts_micros, cost_total_micros,
              carrier_price_micros, rated_at, sources)
            SELECT 'c' || g, (ARRAY['twilio','telnyx'])[1 + g %% 2], (ARRAY['us-east','eu-west','ap-south'])[1 + g %% 3],
                   (ARRAY['acme','globex'])[1 + g %% 2], 'outbound', now() - (g * %f) * interval '1 second',
                   now() - (g * %f) * interval '1 second' + interval '3 s', now() - (g * %f) * interval '1 second' + interval '2 min',
                   'ended', 'completed', 1 + (g %% 35) / 10.0, (g %% 40) / 2.0, (g %% 10) / 5.0, 40 + g %% 120, 120, 'USD',
                   17000, 7956, 330000, 13500, 368456, 17000, now(), 'carrier,runtime'
            FROM generate_series(%d, %d) g""", step, step, step, lo, hi));
        st.execute(String.format(Locale.ROOT, """
            INSERT INTO call_quality_samples (call_id, sampled_at, tenant_id, carrier, region, mos, jitter_ms, loss_percent)
            SELECT call_id, attempted_at + interval '10 s', tenant_id, carrier, region, mos, jitter_ms, loss_percent
            FROM calls WHERE call_id IN (SELECT 'c' || g FROM generate_series(%d, %d) g)""", lo, hi));
        st.execute(String.format(Locale.ROOT, """
            INSERT INTO call_turns (call_id, turn_no, started_at, tenant_id, carrier, region, eos_detect_ms, stt_ms,
              llm_first_token_ms, tts_first_byte_ms, first_audio_ms)
            SELECT call_id, t, attempted_at + t * interval '15 s', tenant_id, carrier, region, 200, 120, 250, 90,
                   500 + (length(call_id) * 97 + t * 131) %% 600
            FROM calls, generate_series(1, 2) t WHERE call_id IN (SELECT 'c' || g FROM generate_series(%d, %d) g)""", lo, hi));
        System.out.printf(Locale.ROOT, "loaded %,d calls (%d s)%n", hi, (System.nanoTime() - t0) / 1_000_000_000);
      }
      st.execute(String.format(Locale.ROOT, """
          INSERT INTO probe_results (probe_id, probed_at, region, carrier, target, outcome, reason, round_trip_ms)
          SELECT gen_random_uuid(), now() - (g * %f) * interval '1 second', (ARRAY['us-east','eu-west'])[1 + g %% 2],
                 (ARRAY['twilio','telnyx'])[1 + g %% 2], '+14155550142',
                 CASE WHEN g %% 5 = 0 THEN 'failure' ELSE 'success' END, CASE WHEN g %% 5 = 0 THEN 'no-audio' END, 300 + g %% 80
          FROM generate_series(1, %d) g""", 30 * 86400.0 / Math.max(1, calls / 100), Math.max(1, calls / 100)));
      long r0 = System.nanoTime();
      try (ResultSet rs = st.executeQuery("SELECT telops_refresh_rollups()")) {
        rs.next();
        System.out.printf(Locale.ROOT, "rollups built by one refresh: %,d five-minute buckets in %d s%n", rs.getInt(1),
            (System.nanoTime() - r0) / 1_000_000_000);
      }
      st.execute("VACUUM ANALYZE");
    }
    System.out.printf(Locale.ROOT, "loaded %,d calls, %,d samples, %,d turns, %,d probes over 30 days in %d s%n",
        calls, calls, 2 * calls, calls / 100, (System.nanoTime() - t0) / 1_000_000_000);
  }

  /**
   * Every panel (and variable) query of the provisioned dashboards (on the rollups) beside the same panel's query on
   * the raw tables ({@code bench/dashboards/raw}, the panels as they were before the rollups), same run.
   */
  private static void time(Connection c, String range, GrafanaSql sql) throws SQLException {
    System.out.printf(Locale.ROOT, "%n%-80s %12s %10s %8s%n", "panel (" + range + ", all values)", "rollups ms", "raw ms", "rows");
    Path rawDir = Path.of(System.getProperty("telops.dashboards.raw.dir"));
    for (Path file : Dashboards.files()) {
      JsonNode d = Dashboards.dashboard(file);
      JsonNode raw = Dashboards.dashboard(rawDir.resolve(file.getFileName()));
      Map<String, String> rawByPanel = new LinkedHashMap<>();
      for (Dashboards.Query q : Dashboards.panelQueries(raw)) {
        rawByPanel.put(q.where(), q.sql());
      }
      Map<String, String> rawVars = new LinkedHashMap<>();
      for (JsonNode v : Dashboards.variables(raw)) {
        rawVars.put(v.path("name").asText(), v.path("query").asText());
      }
      Map<String, List<String>> vars = new LinkedHashMap<>();
      for (JsonNode v : Dashboards.variables(d)) {
        if ("query".equals(v.path("type").asText())) {
          String name = v.path("name").asText();
          String q = sql.expandMacros(v.path("query").asText());
          List<String> values = new ArrayList<>();
          try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q)) {
            while (rs.next()) {
              values.add(rs.getString(1));
            }
          }
          vars.put(name, values);
          String rq = rawVars.get(name) == null ? null : sql.expandMacros(rawVars.get(name));
          print(c, d.path("title").asText() + " / $" + name, q, rq);
        }
      }
      for (Dashboards.Query q : Dashboards.panelQueries(d)) {
        if (q.sql() == null) {
          continue;
        }
        String rq = rawByPanel.get(q.where());
        print(c, q.where(), sql.expandMacros(GrafanaSql.interpolate(q.sql(), vars)),
            rq == null || rq.equals(q.sql()) ? null : sql.expandMacros(GrafanaSql.interpolate(rq, vars)));
      }
    }
  }

  /** Median of 3 after a warm-up; the raw column is "same" when the panel already read a small table. */
  private static void print(Connection c, String where, String query, String rawQuery) throws SQLException {
    long[] t = median(c, query);
    String rawMs = rawQuery == null ? "same" : String.valueOf(median(c, rawQuery)[0]);
    System.out.printf(Locale.ROOT, "%-80s %12d %10s %8d%n", where, t[0], rawMs, t[1]);
  }

  private static long[] median(Connection c, String sql) throws SQLException {
    long[] ms = new long[3];
    int rows = run(c, sql);
    for (int i = 0; i < ms.length; i++) {
      long t0 = System.nanoTime();
      rows = run(c, sql);
      ms[i] = (System.nanoTime() - t0) / 1_000_000;
    }
    Arrays.sort(ms);
    return new long[] {ms[1], rows};
  }

  private static int run(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int n = 0;
      while (rs.next()) {
        n++;
      }
      return n;
    }
  }
}
