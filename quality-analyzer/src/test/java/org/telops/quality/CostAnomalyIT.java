package org.telops.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed rule R19 on a real PostgreSQL: twilio's cost per call triples against its 7-day baseline and opens a
 * cost-anomaly alert that goes to finance's webhook, with no incident; telnyx at its usual price opens nothing.
 */
class CostAnomalyIT {
  @TempDir
  static Path dataDir;
  static Vertx vertx;
  static FakeSlack finance;
  static ModuleHarness h;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    finance = FakeSlack.start(vertx);
    Map<String, String> env = new HashMap<>(Map.of("TELOPS_ALERT_EVALUATION_INTERVAL_MS", "200",
        "TELOPS_ALERT_NOTIFY_POLL_MS", "50", "TELOPS_FINANCE_WEBHOOK_URL", finance.url()));
    h = ModuleHarness.start(dataDir.resolve("pg"), vertx, env);
  }

  @AfterAll
  static void stop() throws Exception {
    if (h != null) h.close();
    if (finance != null) finance.close();
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Test
  @DisplayName("A tripled cost per call opens a finance alert (no incident, finance notified); a steady carrier stays quiet")
  void costSpike() throws Exception {
    // Baseline: 40 calls per carrier over the past 7 days at 0.0100 per 60 s call.
    h.exec("INSERT INTO calls (call_id, tenant_id, carrier, attempted_at, ended_at, state, outcome, telephony_seconds, "
        + "currency, cost_total_micros, sources) SELECT 'base-' || c || '-' || g, 'demo', c, now() - g * interval '4 hours', "
        + "now() - g * interval '4 hours' + interval '60 seconds', 'ended', 'completed', 60, 'USD', 10000, 'test' "
        + "FROM generate_series(2, 41) g, unnest(ARRAY['twilio', 'telnyx']) c");
    // The last hour: twilio at 0.0300 per call (3×), telnyx at its usual 0.0100.
    h.exec("INSERT INTO calls (call_id, tenant_id, carrier, attempted_at, ended_at, state, outcome, telephony_seconds, "
        + "currency, cost_total_micros, sources) SELECT 'now-' || c || '-' || g, 'demo', c, now() - g * interval '2 minutes', "
        + "now() - g * interval '2 minutes' + interval '60 seconds', 'ended', 'completed', 60, 'USD', "
        + "CASE WHEN c = 'twilio' THEN 30000 ELSE 10000 END, 'test' FROM generate_series(1, 25) g, unnest(ARRAY['twilio', 'telnyx']) c");
    long open = ModuleHarness.poll("the cost alert", Duration.ofSeconds(20),
        () -> h.count("SELECT count(*) FROM alerts WHERE rule = 'cost-anomaly' AND status = 'open' AND carrier = 'twilio'"), n -> n == 1);
    assertThat(open).isEqualTo(1);
    assertThat(h.count("SELECT count(*) FROM alerts WHERE rule = 'cost-anomaly' AND carrier = 'telnyx'")).isZero();
    assertThat(h.count("SELECT count(*) FROM alerts WHERE rule = 'cost-anomaly' AND incident_id IS NOT NULL")).as("no incident").isZero();
    assertThat(h.count("SELECT count(*) FROM incidents")).as("nobody is paged").isZero();
    assertThat(((Number) h.value("SELECT value FROM alerts WHERE rule = 'cost-anomaly'")).doubleValue()).isBetween(2.9, 3.1);
    ModuleHarness.poll("finance's webhook", Duration.ofSeconds(10), () -> finance.all().size(), n -> n >= 1);
    assertThat(finance.all().get(0).toString()).contains("cost-anomaly").contains("twilio").contains("cost per call");
    // The sender marks the row sent once the webhook has answered: a moment after the webhook saw the request.
    assertThat(ModuleHarness.poll("the outbox row marked sent", Duration.ofSeconds(10),
        () -> h.count("SELECT count(*) FROM notification_outbox WHERE target = 'finance' AND sent_at IS NOT NULL"), n -> n == 1))
        .isEqualTo(1);
  }
}
