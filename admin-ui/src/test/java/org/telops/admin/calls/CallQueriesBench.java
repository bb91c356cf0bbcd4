package org.telops.admin.calls;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.telops.admin.ConsoleBedAccess;
import org.telops.admin.Services;

/**
 * Not part of the test run (no *Test/*IT name): {@code bench/console/run.sh} runs it. Loads N CDRs spread over 30
 * days (default 10 M), then prints the time to data of the console's CDR search (first page, a deep keyset page,
 * filters, partial number, call id) and of one call's page, median of 7 runs each.
 */
class CallQueriesBench {
  @Test
  void run() throws Exception {
    long n = Long.getLong("console.bench.rows", 10_000_000L);
    ConsoleBedAccess.ensure();
    Instant now = Instant.now();
    long t0 = System.nanoTime();
    try (Connection c = Services.get().db().getConnection(); Statement s = c.createStatement()) {
      s.execute("SET synchronous_commit = off");
      long batch = 1_000_000;
      for (long from = 0; from < n; from += batch) {
        long to = Math.min(n, from + batch) - 1;
        s.execute("INSERT INTO calls (call_id, carrier_call_id, carrier, region, tenant_id, direction, from_number, to_number, "
            + "attempted_at, answered_at, ended_at, state, outcome, hangup_cause, mos, jitter_ms, loss_percent, sources) "
            + "SELECT 'bench-' || g, 'CA' || md5(g::text), (ARRAY['twilio','telnyx'])[1 + g % 2], "
            + "(ARRAY['us-east','eu-west','ap-south'])[1 + g % 3], 'demo', (ARRAY['inbound','outbound'])[1 + g % 2], "
            + "'+1415' || lpad((g % 10000000)::text, 7, '0'), '+1646' || lpad(((g * 7) % 10000000)::text, 7, '0'), "
            + "timestamptz '" + now + "' - (g * (2592000.0 / " + n + ")) * interval '1 second', "
            + "timestamptz '" + now + "' - (g * (2592000.0 / " + n + ")) * interval '1 second' + interval '3 seconds', "
            + "timestamptz '" + now + "' - (g * (2592000.0 / " + n + ")) * interval '1 second' + interval '60 seconds', "
            + "'ended', CASE WHEN g % 20 = 0 THEN 'failed' ELSE 'completed' END, 'caller-hangup', "
            + "3.0 + (g % 15) / 10.0, (g % 30)::float, (g % 5)::float, 'bench' "
            + "FROM generate_series(" + from + ", " + to + ") g");
        System.out.printf("loaded %,d CDRs (%.0f s)%n", to + 1, (System.nanoTime() - t0) / 1e9);
      }
      s.execute("ANALYZE calls");
    }
    System.out.printf("load: %,d CDRs in %.0f s%n", n, (System.nanoTime() - t0) / 1e9);
    Instant at = now.plusSeconds(1);
    report("first page, last 24 h, no filter", () -> new CallPager(q("24h", null, null, null, null, null), at).fetch(0, 50));
    report("first page, last 30 days, no filter", () -> new CallPager(q("30d", null, null, null, null, null), at).fetch(0, 50));
    report("20 pages in a row by keyset (rows 0-999), 7 d", () -> {
      CallPager p = new CallPager(q("7d", null, null, null, null, null), at);
      for (int off = 0; off < 1000; off += 50) {
        p.fetch(off, 50);
      }
      return List.of();
    });
    report("first page, 24 h, twilio+eu-west+failed", () -> new CallPager(q("24h", "twilio", "eu-west", "failed", null, null), at).fetch(0, 50));
    report("first page, 24 h, MOS below 3.2", () -> new CallPager(q("24h", null, null, null, 3.2, null), at).fetch(0, 50));
    report("first page, 24 h, number contains 4151234", () -> new CallPager(q("24h", null, null, null, null, "4151234"), at).fetch(0, 50));
    report("exact call id", () -> new CallPager(new CallQuery("24h", null, null, null, null, null, null, null, null, null, "bench-4242"), at).fetch(0, 50));
    report("one call's page (CDR, samples, turns, failovers)", () -> {
      CallDetail.load("bench-4242");
      return List.of();
    });
  }

  private static CallQuery q(String preset, String carrier, String region, String outcome, Double mos, String number) {
    return new CallQuery(preset, null, null, carrier, region, null, outcome, null, mos, number, null);
  }

  private interface Query {
    List<?> run() throws Exception;
  }

  private static void report(String what, Query q) throws Exception {
    List<Double> ms = new ArrayList<>();
    int rows = 0;
    for (int i = 0; i < 7; i++) {
      long t = System.nanoTime();
      rows = q.run().size();
      ms.add((System.nanoTime() - t) / 1e6);
    }
    Collections.sort(ms);
    System.out.printf("%-55s median %7.1f ms  (min %.1f, max %.1f; %d rows)%n", what, ms.get(3), ms.get(0), ms.get(6), rows);
  }
}
