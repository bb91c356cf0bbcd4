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

  private static JsonArray batch(int b) {
    JsonArray a = new JsonArray();
    for (int i = 0; i < 100; i++) {
      a.add(new JsonObject().put("callId", "spool-" + b + "-" + i).put("carrier", "twilio").put("region", "us-east")
          .put("attemptedAt", "2026-12-01T10:00:00Z"));
    }
    return a;
  }
}
