package org.telops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackpressureIT {
  @Test
  @DisplayName("A batch larger than the free queue is answered 503 with Retry-After and none of it is stored")
  void queueFull() throws Exception {
    try (TestPlatform p = TestPlatform.start(Map.of("TELOPS_CDR_QUEUE_CAPACITY", "100"))) {
      JsonArray a = new JsonArray();
      for (int i = 0; i < 150; i++) {
        a.add(new JsonObject().put("callId", "bp-" + i).put("attemptedAt", "2026-11-20T10:00:00Z"));
      }
      HttpResponse<String> r = p.postJson("/api/v1/cdrs", a.encode());
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("retry-after")).contains("1");
      assertThat(new JsonObject(r.body()).getString("error")).contains("nothing stored");
      p.awaitWritten();
      assertThat(p.count("SELECT count(*) FROM calls WHERE call_id LIKE 'bp-%'")).isZero();
      JsonArray small = new JsonArray();
      for (int i = 0; i < 100; i++) {
        small.add(new JsonObject().put("callId", "bp-" + i).put("attemptedAt", "2026-11-20T10:00:00Z"));
      }
      assertThat(p.postJson("/api/v1/cdrs", small.encode()).statusCode()).isEqualTo(200);
      p.awaitWritten();
      assertThat(p.count("SELECT count(*) FROM calls WHERE call_id LIKE 'bp-%'")).isEqualTo(100);
    }
  }
}
