package org.telops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The database away: CDRs are acknowledged from the fsynced spool, readiness says so, and all are stored once after. */
class SpoolIT {
  @Test
  @DisplayName("With PostgreSQL stopped, posted CDRs are answered 200 from the spool; after the restart each is stored exactly once")
  void spoolWhileDatabaseAway() throws Exception {
    try (TestPlatform p = TestPlatform.start(Map.of())) {
      p.platform.embeddedDatabase().stop();
      for (int b = 0; b < 3; b++) {
        HttpResponse<String> r = p.postJson("/api/v1/cdrs", batch(b).encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
      HttpResponse<String> ready = p.get("/health/ready");
      assertThat(ready.statusCode()).as("degraded, still ready: records are durable in the spool: %s", ready.body()).isEqualTo(200);
      assertThat(ready.body()).contains("PostgreSQL unreachable: CDRs are spooled to local disk");
      assertThat(p.metric("telops_cdr_spool_records")).isEqualTo(300.0);
      assertThat(java.nio.file.Files.list(p.dataDir.resolve("spool")).mapToLong(f -> f.toFile().length()).sum()).isPositive();

      p.platform.embeddedDatabase().restart();
      p.awaitWritten();
      assertThat(p.count("SELECT count(*) FROM calls WHERE call_id LIKE 'spool-%'")).isEqualTo(300);
      assertThat(p.count("SELECT count(DISTINCT call_id) FROM calls WHERE call_id LIKE 'spool-%'")).isEqualTo(300);
      assertThat(java.nio.file.Files.list(p.dataDir.resolve("spool")).mapToLong(f -> f.toFile().length()).sum())
          .as("the spool is emptied once written").isZero();
    }
  }

  /**
   * A CDR whose write begins while PostgreSQL is stopping: the writer's port check still passes (the server is shutting
   * down, its port open), and the pooled connection it then validates is dead. Rounds at several offsets into the stop,
   * each after the writer sat idle past Hikari's 500 ms validation window, so some land in that gap.
   */
  @Test
  @DisplayName("A CDR whose write is in flight when PostgreSQL stops is answered from the spool within seconds, not after the pool's 10 s wait")
  void writeInFlightWhenDatabaseStops() throws Exception {
    try (TestPlatform p = TestPlatform.start(Map.of())) {
      org.telops.cdr.CdrCollectorModule collector = (org.telops.cdr.CdrCollectorModule) p.platform.modules().stream()
          .filter(m -> m.role().equals("cdr-collector")).findFirst().orElseThrow();
      long worst = 0;
      int[] offsets = {0, 30, 60, 90, 120, 150};
      for (int round = 0; round < offsets.length; round++) {
        assertThat(p.postJson("/api/v1/cdrs", cdr("inflight-warm-" + round)).statusCode()).isEqualTo(200);
        p.awaitWritten();
        // Dirty buffers make the shutdown checkpoint last a while: the port stays open, connections are refused.
        try (java.sql.Connection c = p.platform.dataSource().getConnection(); java.sql.Statement s = c.createStatement()) {
          s.execute("CREATE UNLOGGED TABLE IF NOT EXISTS spool_it_ballast (n int, pad text)");
          s.execute("INSERT INTO spool_it_ballast SELECT g, repeat('x', 500) FROM generate_series(1, 60000) g");
        }
        Thread.sleep(1_200);
        long stopAt = System.nanoTime();
        long[] stopMs = {0};
        Thread stopper = new Thread(() -> {
          p.platform.embeddedDatabase().stop();
          stopMs[0] = (System.nanoTime() - stopAt) / 1_000_000;
        }, "stop-postgres");
        stopper.start();
        Thread.sleep(offsets[round]);
        HttpResponse<String> r = p.postJson("/api/v1/cdrs", cdr("inflight-" + round));
        long answeredMs = (System.nanoTime() - stopAt) / 1_000_000;
        stopper.join();
        System.out.printf("in-flight round %d: stop took %d ms; posted %d ms into it, answered %d %d ms after it began; "
            + "the writer saw: %s%n", round, stopMs[0], offsets[round], r.statusCode(), answeredMs,
            collector.writer().lastError());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        worst = Math.max(worst, answeredMs);
        p.platform.embeddedDatabase().restart();
        p.awaitWritten();
      }
      System.out.printf("in-flight CDR write: answered from the spool at most %d ms after PostgreSQL's stop began%n", worst);
      assertThat(worst).as("ms from PostgreSQL's stop to the in-flight CDR being spooled").isLessThan(5_000);
      assertThat(p.count("SELECT count(DISTINCT call_id) FROM calls WHERE call_id LIKE 'inflight-%'"))
          .isEqualTo(p.count("SELECT count(*) FROM calls WHERE call_id LIKE 'inflight-%'")).isEqualTo(2L * offsets.length);
    }
  }

  private static String cdr(String callId) {
    return new JsonArray().add(new JsonObject().put("callId", callId).put("carrier", "twilio")
        .put("attemptedAt", "2026-12-01T10:00:00Z")).encode();
  }

  private static JsonArray batch(int b) {
    JsonArray a = new JsonArray();
    for (int i = 0; i < 100; i++) {
      a.add(new JsonObject().put("callId", "spool-" + b + "-" + i).put("carrier", "twilio").put("region", "us-east")
          .put("attemptedAt", "2026-12-01T10:00:00Z"));
    }
    return a;
  }
}
