package org.telops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.bus.Addresses;

/** One role per process on a shared database and a clustered event bus (Hazelcast, TCP/IP on loopback). */
class ClusterIT {

  @Test
  @DisplayName("A CDR sent on the event bus by a process without the collector is stored by the collector running in another process")
  void busCrossesProcesses() throws Exception {
    int portA = TestPlatform.freePort();
    int portB = TestPlatform.freePort();
    String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
    String name = "telops-it-" + System.nanoTime();
    try (TestPlatform collector = TestPlatform.start(Map.of("TELOPS_CLUSTER", "hazelcast", "TELOPS_CLUSTER_PORT",
        String.valueOf(portA), "TELOPS_CLUSTER_MEMBERS", members, "TELOPS_CLUSTER_NAME", name), Set.of("cdr-collector"))) {
      var db = collector.platform.embeddedDatabase();
      try (TestPlatform other = TestPlatform.start(Map.of("TELOPS_CLUSTER", "hazelcast", "TELOPS_CLUSTER_PORT",
          String.valueOf(portB), "TELOPS_CLUSTER_MEMBERS", members, "TELOPS_CLUSTER_NAME", name,
          "TELOPS_DB_URL", db.jdbcUrl(), "TELOPS_DB_USER", db.user()), Set.of("quality-analyzer"))) {
        assertThat(other.platform.modules()).extracting(m -> m.role()).doesNotContain("cdr-collector");
        JsonObject cdr = new JsonObject().put("callId", "cluster-call-1").put("carrier", "twilio")
            .put("attemptedAt", Instant.parse("2026-11-21T03:00:00Z").toString()).put("outcome", "completed");

        Object reply = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (reply == null) {
          try {
            // The collector's consumer reaches the other member's view of the cluster shortly after it joins.
            reply = other.platform.vertx().eventBus().request(Addresses.CDR_INGEST, cdr).toCompletionStage()
                .toCompletableFuture().get(5, TimeUnit.SECONDS).body();
          } catch (Exception e) {
            if (System.nanoTime() > deadline) {
              throw new AssertionError("the CDR never reached the collector across the cluster", e);
            }
            Thread.sleep(200);
          }
        }
        assertThat(reply).isEqualTo("queued");
        collector.awaitWritten();
        assertThat(collector.count("SELECT count(*) FROM calls WHERE call_id = 'cluster-call-1'")).isEqualTo(1);
      }
    }
  }
}
