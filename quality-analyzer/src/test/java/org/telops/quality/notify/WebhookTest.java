package org.telops.quality.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.config.ConfigException;

class WebhookTest {

    @Test
    @DisplayName("Without a URL notifications are off; with one, its secret path is masked in the configuration log.")
    void config() {
        assertThat(WebhookConfig.fromEnv(Map.of()).enabled()).isFalse();
        WebhookConfig c = WebhookConfig.fromEnv(Map.of("TELOPS_ALERT_WEBHOOK_URL",
                "https://hooks.slack.com/services/T000/B000/XXXXSECRET"));
        assertThat(c.enabled()).isTrue();
        assertThat(c.describe().get("TELOPS_ALERT_WEBHOOK_URL")).isEqualTo("https://hooks.slack.com/****")
                .doesNotContain("SECRET");
        assertThatThrownBy(() -> WebhookConfig.fromEnv(Map.of("TELOPS_ALERT_WEBHOOK_URL", "hooks.slack.com/x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("is not an http(s) URL");
    }

    @Test
    @DisplayName("Retries back off exponentially from the configured first delay and never wait more than 10 minutes.")
    void backoff() {
        WebhookConfig c = WebhookConfig.fromEnv(Map.of("TELOPS_ALERT_NOTIFY_BACKOFF_MS", "1000"));
        assertThat(c.backoffAfter(1).toMillis()).isEqualTo(1000);
        assertThat(c.backoffAfter(2).toMillis()).isEqualTo(2000);
        assertThat(c.backoffAfter(4).toMillis()).isEqualTo(8000);
        assertThat(c.backoffAfter(30).toMinutes()).isEqualTo(10);
    }

    @Test
    @DisplayName("The body is Slack-compatible text plus metadata carrying the idempotency key, the incident and its alerts.")
    void payload() {
        JsonObject incident = new JsonObject().put("incidentId", 42L).put("stack", "telephony").put("carrier", "twilio")
                .put("region", "us-east").put("tenantId", "acme").put("targetResolutionMinutes", 5)
                .put("dueAt", "2026-11-21T12:05:00Z").put("openedAt", "2026-11-21T12:00:00Z").put("slaBreached", false);
        JsonArray alerts = new JsonArray().add(new JsonObject().put("alertId", 7L).put("rule", "call-success-low")
                .put("status", "open").put("value", 50.0).put("threshold", 95.0)
                .put("evidence", new JsonObject().put("latest", new JsonObject().put("summary", "call success 50.0 % < 95.0 %"))));
        JsonObject body = WebhookMessages.incident("opened", "incident:42:opened", incident, alerts);
        assertThat(body.getString("text")).startsWith(":rotating_light: *Incident #42 opened* — Telephony on twilio/us-east (tenant acme), target 5 min")
                .contains("• call-success-low: call success 50.0 % < 95.0 %");
        JsonObject meta = body.getJsonObject("metadata");
        assertThat(meta.getString("event_type")).isEqualTo("telops_incident_opened");
        assertThat(meta.getJsonObject("event_payload").getString("idempotencyKey")).isEqualTo("incident:42:opened");
        assertThat(meta.getJsonObject("event_payload").getJsonArray("alerts").getJsonObject(0).getString("rule"))
                .isEqualTo("call-success-low");
        assertThat(WebhookMessages.incident("resolved", "k", incident.copy().put("resolvedBy", "alice").put("slaBreached", true),
                new JsonArray()).getString("text")).contains("resolved* by alice").contains("target missed");
    }
}
