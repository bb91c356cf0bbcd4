package org.telops.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.telops.contracts.bus.Addresses;

/**
 * One incident's life on twilio/us-east, on a real PostgreSQL, through the module's HTTP API, the event
 * bus and a local webhook receiver: degraded audio opens alerts and an Audio incident, failed connects
 * join it and make it Telephony, on-call acknowledges, the target passes, the data heals and everything
 * resolves. Evaluations run every 150 ms; "time passes" by moving stored rows into the past.
 */
@DisplayName("Alert lifecycle on twilio/us-east: open, join, reclassify, acknowledge, breach, resolve")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertLifecycleIT {
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final Map<String, String> ENV = Map.of(
            "TELOPS_ALERT_EVALUATION_INTERVAL_MS", "150",
            "TELOPS_ALERT_WINDOW_SECONDS", "60",
            "TELOPS_ALERT_MIN_SAMPLES", "3",
            "TELOPS_ALERT_CLEAR_EVALUATIONS", "2",
            "TELOPS_ALERT_NOTIFY_BACKOFF_MS", "100",
            "TELOPS_ALERT_NOTIFY_POLL_MS", "50");

    @TempDir
    static Path dataDir;
    static Vertx vertx;
    static FakeSlack slack;
    static ModuleHarness h;
    static final List<JsonObject> alertEvents = new CopyOnWriteArrayList<>();
    static final List<JsonObject> incidentEvents = new CopyOnWriteArrayList<>();
    static long incidentId;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        slack = FakeSlack.start(vertx);
        vertx.eventBus().<JsonObject>consumer(Addresses.ALERTS, m -> alertEvents.add(m.body()));
        vertx.eventBus().<JsonObject>consumer(Addresses.INCIDENTS, m -> incidentEvents.add(m.body()));
        java.util.HashMap<String, String> env = new java.util.HashMap<>(ENV);
        env.put("TELOPS_ALERT_WEBHOOK_URL", slack.url());
        h = ModuleHarness.start(dataDir.resolve("pg"), vertx, env);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (h != null) {
                h.close();
            }
            if (slack != null) {
                slack.close();
            }
        } finally {
            ModuleHarness.await(vertx.close());
        }
    }

    @Test
    @Order(1)
    @DisplayName("Degraded audio opens one alert per breached rule with its evidence, all in one Audio incident, and the webhook gets 'opened' once after a 500 and a retry.")
    void degradedAudioOpensAnAudioIncident() throws Exception {
        Instant now = Instant.now();
        Telemetry t = new Telemetry();
        for (int i = 1; i <= 4; i++) {
            t.sample("bad-" + i, "acme", "twilio", "us-east", now.minusSeconds(20), 3.4, 65, 3.0, 120.0);
            t.sample("bad-" + i, "acme", "twilio", "us-east", now.minusSeconds(10), 3.2, 75, 3.0, 120.0);
        }
        t.write(h.dataSource);

        JsonArray open = ModuleHarness.poll("three open alerts", DEADLINE,
                () -> new JsonArray(h.get("/api/v1/alerts?state=open&carrier=twilio&region=us-east").body()),
                a -> a.size() == 3);
        assertThat(rules(open)).containsExactlyInAnyOrder("jitter-high", "loss-high", "mos-low");
        JsonObject jitter = byRule(open, "jitter-high");
        incidentId = jitter.getLong("incidentId");
        assertThat(open).allSatisfy(a -> assertThat(((JsonObject) a).getLong("incidentId")).isEqualTo(incidentId));
        assertThat(jitter.getDouble("value")).isEqualTo(70.0);
        assertThat(jitter.getDouble("threshold")).isEqualTo(40.0);
        assertThat(jitter.getInteger("windowSeconds")).isEqualTo(60);
        JsonObject opened = jitter.getJsonObject("evidence").getJsonObject("opened");
        assertThat(opened.getLong("samples")).isEqualTo(4);
        assertThat(opened.getLong("affectedCalls")).isEqualTo(4);
        assertThat(opened.getJsonArray("callIds").getList()).containsExactlyInAnyOrder("bad-1", "bad-2", "bad-3", "bad-4");
        assertThat(opened.getString("summary")).isEqualTo("jitter 70.0 ms > 40.0 ms");
        assertThat(jitter.getJsonObject("evidence").getString("stack")).isEqualTo("audio");

        JsonObject incident = incident(incidentId);
        assertThat(incident.getString("stack")).isEqualTo("audio");
        assertThat(incident.getString("status")).isEqualTo("open");
        assertThat(incident.getInteger("targetResolutionMinutes")).isEqualTo(10);
        assertThat(incident.getString("tenantId")).isEqualTo("acme");
        assertThat(incident.getString("title")).startsWith("Audio: ");
        assertThat(kinds(incident)).containsExactly("opened", "alert-joined", "alert-joined");

        String key = "incident:" + incidentId + ":opened";
        List<FakeSlack.Delivery> sent = ModuleHarness.poll("the opened notification", DEADLINE, () -> slack.forKey(key),
                d -> d.stream().anyMatch(x -> x.answered() == 200));
        assertThat(sent).extracting(FakeSlack.Delivery::answered).containsExactly(500, 200);
        assertThat(sent).extracting(FakeSlack.Delivery::attempt).containsExactly(1, 2);
        assertThat(sent.get(1).body().getString("text")).contains("Incident #" + incidentId + " opened").contains("Audio")
                .contains("jitter-high");
        assertThat(sent.get(1).body().getJsonObject("metadata").getJsonObject("event_payload").getString("idempotencyKey"))
                .isEqualTo(key);
        // The sender records the delivery after Slack's answer arrives: wait for that commit, not just the answer.
        assertThat(ModuleHarness.poll("the delivery recorded in the outbox", DEADLINE, () -> h.count(
                "SELECT attempts FROM notification_outbox WHERE dedupe_key = ? AND sent_at IS NOT NULL", key), n -> n > 0))
                .isEqualTo(2);
        assertThat(events(alertEvents, "opened")).hasSize(3);
        assertThat(events(incidentEvents, "opened")).hasSize(1);
    }

    @Test
    @Order(2)
    @DisplayName("Failed connects on the same carrier and region join that incident and reclassify it to Telephony (5 min); repeated evaluations open nothing twice.")
    void failedConnectsJoinAndReclassify() throws Exception {
        Instant now = Instant.now();
        Telemetry t = new Telemetry();
        t.call("ok-1", "acme", "twilio", "us-east", now.minusSeconds(50), "completed", null, null);
        t.call("ok-2", "acme", "twilio", "us-east", now.minusSeconds(45), "completed", null, null);
        for (int i = 1; i <= 3; i++) {
            t.call("fail-" + i, "acme", "twilio", "us-east", now.minusSeconds(20 + i), "failed", "carrier-error", null);
        }
        t.write(h.dataSource);

        JsonObject success = ModuleHarness.poll("a call-success alert", DEADLINE,
                () -> new JsonArray(h.get("/api/v1/alerts?rule=call-success-low&carrier=twilio").body()), a -> a.size() == 1)
                .getJsonObject(0);
        assertThat(success.getLong("incidentId")).isEqualTo(incidentId);
        assertThat(success.getDouble("value")).isEqualTo(40.0);
        JsonObject evidence = success.getJsonObject("evidence");
        assertThat(evidence.getString("stack")).isEqualTo("telephony");
        assertThat(evidence.getJsonObject("opened").getString("topReason")).isEqualTo("carrier-error");
        assertThat(evidence.getJsonObject("opened").getJsonArray("callIds").getList())
                .containsExactlyInAnyOrder("fail-1", "fail-2", "fail-3");

        JsonObject incident = incident(incidentId);
        assertThat(incident.getString("stack")).isEqualTo("telephony");
        assertThat(incident.getInteger("targetResolutionMinutes")).isEqualTo(5);
        assertThat(incident.getString("title")).startsWith("Telephony: call success 40.0 % < 95.0 %");
        JsonObject reclassified = timeline(incident, "reclassified").get(0);
        assertThat(reclassified.getJsonObject("detail").getString("from")).isEqualTo("audio");
        assertThat(reclassified.getJsonObject("detail").getString("to")).isEqualTo("telephony");
        assertThat(events(incidentEvents, "reclassified")).hasSize(1);

        double ok = evaluations();
        ModuleHarness.poll("five more evaluations", DEADLINE, AlertLifecycleIT::evaluations, n -> n >= ok + 5);
        assertThat(h.count("SELECT count(*) FROM alerts WHERE carrier = 'twilio' AND region = 'us-east'")).isEqualTo(4);
        assertThat(h.count("SELECT count(*) FROM incidents WHERE carrier = 'twilio' AND region = 'us-east'")).isEqualTo(1);
        assertThat(slack.forKey("incident:" + incidentId + ":opened")).hasSize(2);
    }

    @Test
    @Order(3)
    @DisplayName("On-call acknowledges with name and note: the incident records who and when, the timeline and audit log show it, and a second acknowledge is a 409.")
    void acknowledge() throws Exception {
        HttpResponse<String> r = h.post("/api/v1/incidents/" + incidentId + "/acknowledge",
                "{\"by\":\"alice\",\"note\":\"twilio status page shows us-east trouble\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject incident = new JsonObject(r.body());
        assertThat(incident.getString("status")).isEqualTo("acknowledged");
        assertThat(incident.getString("acknowledgedBy")).isEqualTo("alice");
        assertThat(Instant.parse(incident.getString("acknowledgedAt"))).isAfter(Instant.parse(incident.getString("openedAt")));
        JsonObject ack = timeline(incident, "acknowledged").get(0);
        assertThat(ack.getString("actor")).isEqualTo("alice");
        assertThat(ack.getJsonObject("detail").getString("note")).isEqualTo("twilio status page shows us-east trouble");
        assertThat(h.count("SELECT count(*) FROM audit_log WHERE actor = 'alice' AND action = 'incident.acknowledge' "
                + "AND target = ? AND reason LIKE 'twilio status%'", "incident:" + incidentId)).isEqualTo(1);
        ModuleHarness.poll("the acknowledged bus event", DEADLINE, () -> events(incidentEvents, "acknowledged"), e -> e.size() == 1);

        HttpResponse<String> again = h.post("/api/v1/incidents/" + incidentId + "/acknowledge", "{\"by\":\"bob\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(again.body()).getString("error")).contains("already acknowledged by alice");
    }

    @Test
    @Order(4)
    @DisplayName("Open past its 5-minute target, the incident is flagged as an SLA breach once, on the timeline and to the webhook.")
    void slaBreach() throws Exception {
        h.exec("UPDATE incidents SET opened_at = opened_at - INTERVAL '6 minutes' WHERE incident_id = ?", incidentId);
        JsonObject incident = ModuleHarness.poll("the breach flag", DEADLINE, () -> incident(incidentId),
                i -> i.getBoolean("slaBreached"));
        assertThat(incident.getString("status")).isEqualTo("acknowledged");
        String key = "incident:" + incidentId + ":breached";
        ModuleHarness.poll("the breach notification", DEADLINE, () -> slack.forKey(key), d -> !d.isEmpty());
        double ok = evaluations();
        ModuleHarness.poll("three more evaluations", DEADLINE, AlertLifecycleIT::evaluations, n -> n >= ok + 3);
        assertThat(timeline(incident(incidentId), "breached")).hasSize(1);
        assertThat(slack.forKey(key)).singleElement().satisfies(d -> {
            assertThat(d.answered()).isEqualTo(200);
            assertThat(d.body().getString("text")).contains("past its 5 min target").contains("acknowledged by alice");
        });
        assertThat(events(incidentEvents, "breached")).hasSize(1);
    }

    @Test
    @Order(5)
    @DisplayName("When the data is healthy again every alert resolves after two clean evaluations, then the incident resolves itself and the webhook gets 'resolved' once.")
    void healthyAgainResolves() throws Exception {
        // An hour passes for the degraded rows: they leave the 60 s window.
        h.exec("UPDATE call_quality_samples SET sampled_at = sampled_at - INTERVAL '1 hour' WHERE carrier = 'twilio' "
                + "AND region = 'us-east'");
        h.exec("UPDATE calls SET attempted_at = attempted_at - INTERVAL '1 hour', ended_at = ended_at - INTERVAL '1 hour' "
                + "WHERE carrier = 'twilio' AND region = 'us-east'");
        Instant now = Instant.now();
        Telemetry t = new Telemetry();
        for (int i = 1; i <= 4; i++) {
            t.sample("good-" + i, "acme", "twilio", "us-east", now.minusSeconds(5), 4.4, 6, 0.0, 80.0);
            t.call("good-call-" + i, "acme", "twilio", "us-east", now.minusSeconds(40), "completed", null, null);
        }
        t.write(h.dataSource);

        JsonObject incident = ModuleHarness.poll("the incident to resolve", DEADLINE, () -> incident(incidentId),
                i -> i.getString("status").equals("resolved"));
        assertThat(incident.getString("resolvedBy")).isEqualTo("quality-analyzer");
        assertThat(incident.getBoolean("slaBreached")).isTrue();
        JsonArray alerts = incident.getJsonArray("alerts");
        assertThat(alerts).hasSize(4).allSatisfy(o -> {
            JsonObject a = (JsonObject) o;
            assertThat(a.getString("status")).isEqualTo("resolved");
            assertThat(a.getString("resolvedAt")).isNotNull();
            assertThat(a.getJsonObject("evidence").getInteger("cleanEvaluations")).isEqualTo(2);
        });
        assertThat(kinds(incident)).containsSubsequence("opened", "reclassified", "acknowledged", "breached",
                "alert-resolved", "resolved");

        String key = "incident:" + incidentId + ":resolved";
        ModuleHarness.poll("the resolved notification", DEADLINE, () -> slack.forKey(key), d -> !d.isEmpty());
        assertThat(slack.forKey(key).get(0).body().getString("text")).contains("resolved* by quality-analyzer")
                .contains("target missed");
        List<FakeSlack.Delivery> mine = slack.all().stream()
                .filter(d -> d.idempotencyKey().startsWith("incident:" + incidentId + ":")).toList();
        assertThat(mine.stream().filter(d -> d.answered() == 200).map(FakeSlack.Delivery::idempotencyKey))
                .as("each notification delivered exactly once, in order")
                .containsExactly("incident:" + incidentId + ":opened", "incident:" + incidentId + ":breached", key);
        assertThat(ModuleHarness.poll("the three deliveries recorded", DEADLINE, () -> h.count(
                "SELECT count(*) FROM notification_outbox WHERE dedupe_key LIKE ? AND sent_at IS NOT NULL",
                "incident:" + incidentId + ":%"), n -> n >= 3)).isEqualTo(3);
        ModuleHarness.poll("four alert-resolved bus events", DEADLINE, () -> events(alertEvents, "resolved"), e -> e.size() == 4);
        assertThat(events(incidentEvents, "resolved")).hasSize(1);
        assertThat(new JsonArray(h.get("/api/v1/incidents?state=active&carrier=twilio&region=us-east").body())).isEmpty();
    }

    static double evaluations() {
        var c = h.meters.find("telops.alert.evaluations").tag("result", "ok").counter();
        return c == null ? 0 : c.count();
    }

    static JsonObject incident(long id) throws Exception {
        HttpResponse<String> r = h.get("/api/v1/incidents/" + id);
        assertThat(r.statusCode()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    static List<String> rules(JsonArray alerts) {
        return alerts.stream().map(o -> ((JsonObject) o).getString("rule")).toList();
    }

    static JsonObject byRule(JsonArray alerts, String rule) {
        return alerts.stream().map(JsonObject.class::cast).filter(a -> a.getString("rule").equals(rule)).findFirst()
                .orElseThrow();
    }

    static List<String> kinds(JsonObject incident) {
        return incident.getJsonArray("timeline").stream().map(o -> ((JsonObject) o).getString("kind")).toList();
    }

    static List<JsonObject> timeline(JsonObject incident, String kind) {
        return incident.getJsonArray("timeline").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("kind").equals(kind)).toList();
    }

    static List<JsonObject> events(List<JsonObject> events, String event) {
        return events.stream().filter(e -> e.getString("event").equals(event)).toList();
    }
}
