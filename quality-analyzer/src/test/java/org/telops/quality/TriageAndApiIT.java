package org.telops.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Triage of every kind of evidence, the latency percentiles and the REST API's errors, on a real
 * PostgreSQL with notifications disabled (no webhook URL). Each test uses its own carrier/region, so
 * the tests do not see each other's incidents.
 */
@DisplayName("Four-stack triage, latency percentiles and the incident API on PostgreSQL")
class TriageAndApiIT {
    static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;
    static Vertx vertx;
    static ModuleHarness h;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        h = ModuleHarness.start(dataDir.resolve("pg"), vertx, Map.of(
                "TELOPS_ALERT_EVALUATION_INTERVAL_MS", "150",
                "TELOPS_ALERT_WINDOW_SECONDS", "60",
                "TELOPS_ALERT_MIN_SAMPLES", "3",
                "TELOPS_ALERT_CLEAR_EVALUATIONS", "2"));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (h != null) {
                h.close();
            }
        } finally {
            ModuleHarness.await(vertx.close());
        }
    }

    @Test
    @DisplayName("Slow turns go to the stack of the stage that took the time (TTS → Output, LLM → Intelligence), with P95 and P99 in one incident per carrier and region.")
    void slowTurnsByStage() throws Exception {
        Instant now = Instant.now();
        Telemetry t = new Telemetry();
        for (int i = 1; i <= 5; i++) {
            t.turn("tts-" + i, 1, "acme", "telnyx", "eu-west", now.minusSeconds(10 + i), 100, 150, 250, 900, 1500);
            t.turn("llm-" + i, 1, "beta", "telnyx", "us-west", now.minusSeconds(10 + i), 100, 150, 1000, 100, 1400);
        }
        t.write(h.dataSource);
        JsonObject output = activeIncident("telnyx", "eu-west", 2);
        assertThat(output.getString("stack")).isEqualTo("output");
        assertThat(output.getInteger("targetResolutionMinutes")).isEqualTo(10);
        assertThat(rules(output)).containsExactlyInAnyOrder("turn-latency-p95", "turn-latency-p99");
        JsonObject p95 = output.getJsonArray("alerts").getJsonObject(0).getJsonObject("evidence");
        assertThat(p95.getString("triage")).contains("TTS first byte takes 900 of 1400 ms");
        assertThat(p95.getJsonObject("opened").getJsonObject("componentsMs").getDouble("ttsFirstByteMs")).isEqualTo(900.0);

        JsonObject intelligence = activeIncident("telnyx", "us-west", 2);
        assertThat(intelligence.getString("stack")).isEqualTo("intelligence");
        assertThat(intelligence.getInteger("targetResolutionMinutes")).isEqualTo(15);
        assertThat(intelligence.getString("tenantId")).isEqualTo("beta");
    }

    @Test
    @DisplayName("Provider failures on the calls' timelines open an incident on the failing stage's stack: TTS → Output, LLM → Intelligence.")
    void providerFailures() throws Exception {
        Instant now = Instant.now();
        Telemetry t = new Telemetry();
        for (int i = 1; i <= 4; i++) {
            t.turn("ptts-" + i, 1, "acme", "pf", "tts-land", now.minusSeconds(10 + i), 100, 150, 250, 90, 600);
            t.turn("pllm-" + i, 1, "acme", "pf", "llm-land", now.minusSeconds(10 + i), 100, 150, 250, 90, 600);
        }
        t.write(h.dataSource);
        try (java.sql.Connection c = h.dataSource.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "INSERT INTO call_events (call_id, at, seq, kind, detail) VALUES (?, now() - interval '5 seconds', 9, 'provider-failure', ?)")) {
            for (int i = 1; i <= 2; i++) {
                ps.setString(1, "ptts-" + i);
                ps.setString(2, "tts openai-speech: java.util.concurrent.TimeoutException");
                ps.addBatch();
                ps.setString(1, "pllm-" + i);
                ps.setString(2, "llm openai-chat: HTTP 503");
                ps.addBatch();
            }
            ps.executeBatch();
        }
        JsonObject output = activeIncident("pf", "tts-land", 1);
        assertThat(output.getString("stack")).isEqualTo("output");
        JsonObject alert = output.getJsonArray("alerts").getJsonObject(0);
        assertThat(alert.getString("rule")).isEqualTo("provider-failures");
        assertThat(alert.getDouble("value")).isEqualTo(50.0);
        assertThat(alert.getJsonObject("evidence").getString("triage")).contains("TTS provider");
        assertThat(alert.getJsonObject("evidence").getJsonObject("opened").getJsonArray("callIds").getList())
                .containsExactlyInAnyOrder("ptts-1", "ptts-2");
        assertThat(activeIncident("pf", "llm-land", 1).getString("stack")).isEqualTo("intelligence");
    }

    @Test
    @DisplayName("Three failed probes in a row open a Telephony incident for the carrier and region with no tenant; probes failing as one-way audio open an Audio one.")
    void probeFailures() throws Exception {
        Instant now = Instant.now();
        Telemetry t = new Telemetry().probe("twilio", "ap-south", now.minusSeconds(50), true, null, "p-0");
        for (int i = 1; i <= 3; i++) {
            t.probe("twilio", "ap-south", now.minusSeconds(40 - 10 * i), false, "no-answer", "p-" + i);
            t.probe("twilio", "eu-central", now.minusSeconds(40 - 10 * i), false, "one-way-audio", "q-" + i);
        }
        t.write(h.dataSource);
        JsonObject telephony = activeIncident("twilio", "ap-south", 1);
        assertThat(telephony.getString("stack")).isEqualTo("telephony");
        assertThat(telephony.getString("tenantId")).isNull();
        JsonObject alert = telephony.getJsonArray("alerts").getJsonObject(0);
        assertThat(alert.getString("rule")).isEqualTo("probe-failures");
        assertThat(alert.getDouble("value")).isEqualTo(3.0);
        assertThat(alert.getJsonObject("evidence").getJsonObject("opened").getJsonArray("callIds").getList())
                .containsExactly("p-3", "p-2", "p-1");
        assertThat(activeIncident("twilio", "eu-central", 1).getString("stack")).isEqualTo("audio");
    }

    @Test
    @DisplayName("Probe WER rising above the region's own 24 h baseline opens an incident: Audio when the probes also lost packets, Intelligence on a clean path; a steady high WER opens none.")
    void werAboveBaseline() throws Exception {
        Instant now = Instant.now();
        Telemetry t = new Telemetry();
        for (int i = 0; i < 10; i++) {
            Instant earlier = now.minus(Duration.ofHours(1 + i));
            t.werProbe("twilio", "wer-lossy", earlier, 0.20, 0.1, 4.3, "wb-l" + i);
            t.werProbe("twilio", "wer-clean", earlier, 0.20, 0.0, 4.4, "wb-c" + i);
            t.werProbe("twilio", "wer-steady", earlier, 0.50, 0.0, 4.4, "wb-s" + i);
        }
        for (int i = 1; i <= 3; i++) {
            t.werProbe("twilio", "wer-lossy", now.minusSeconds(10 * i), 0.50 + 0.25 * (i - 1), 6.0, 3.6, "w-l" + i);
            t.werProbe("twilio", "wer-clean", now.minusSeconds(10 * i), 0.50, 0.0, 4.4, "w-c" + i);
            t.werProbe("twilio", "wer-steady", now.minusSeconds(10 * i), 0.50, 0.0, 4.4, "w-s" + i);
        }
        t.write(h.dataSource);
        JsonObject audio = activeIncident("twilio", "wer-lossy", 1);
        assertThat(audio.getString("stack")).isEqualTo("audio");
        JsonObject alert = audio.getJsonArray("alerts").getJsonObject(0);
        assertThat(alert.getString("rule")).isEqualTo("wer-high");
        assertThat(alert.getDouble("value")).as("mean 75 % against 20 %, in points").isCloseTo(55.0, within(0.01));
        assertThat(alert.getJsonObject("evidence").getString("triage")).contains("garbles")
                .contains("WER 75 % vs 20 % over the previous 24 h (10 probes); loss 6.0 %");
        assertThat(alert.getJsonObject("evidence").getJsonObject("opened").getJsonArray("callIds").getList())
                .as("worst WER first").startsWith("w-l3");
        JsonObject intelligence = activeIncident("twilio", "wer-clean", 1);
        assertThat(intelligence.getString("stack")).isEqualTo("intelligence");
        assertThat(intelligence.getJsonArray("alerts").getJsonObject(0).getJsonObject("evidence").getString("triage"))
                .contains("recogniser hears worse on a clean audio path");
        Thread.sleep(1_000); // several evaluations after the two above opened
        assertThat(new JsonArray(h.get("/api/v1/incidents?state=active&carrier=twilio&region=wer-steady").body()))
                .as("a WER as high as its baseline is the recogniser's usual, not an incident").isEmpty();
    }

    @Test
    @DisplayName("Calls that ended without live samples count with the CDR's own figures: a high one-way latency opens an Audio alert.")
    void cdrOnlyQuality() throws Exception {
        Instant now = Instant.now();
        Telemetry t = new Telemetry();
        for (int i = 1; i <= 3; i++) {
            t.call("cdr-" + i, "acme", "plivo", "sa-east", now.minusSeconds(45), "completed", null, 200.0 + 10 * i);
        }
        t.write(h.dataSource);
        JsonObject incident = activeIncident("plivo", "sa-east", 1);
        assertThat(incident.getString("stack")).isEqualTo("audio");
        JsonObject alert = incident.getJsonArray("alerts").getJsonObject(0);
        assertThat(alert.getString("rule")).isEqualTo("one-way-latency-high");
        assertThat(alert.getDouble("value")).isCloseTo(220.0, within(1e-9));
    }

    @Test
    @DisplayName("Turn and one-way latency P50/P95/P99 by carrier and region equal percentile_cont worked out by hand.")
    void latencyPercentiles() throws Exception {
        Instant now = Instant.now();
        Telemetry t = new Telemetry();
        for (int i = 1; i <= 10; i++) {
            t.turn("lat-" + i, 1, "acme", "lat", "r1", now.minusSeconds(30), null, null, null, null, 10 * i);
        }
        for (int ms : new int[] {5, 15, 25}) {
            t.turn("lat-r2-" + ms, 1, "acme", "lat", "r2", now.minusSeconds(30), null, null, null, null, ms);
        }
        // one-way per call: samples give half the mark round trip (60, 40, 100), a CDR-only call its own 30 ms
        t.sample("ow-a", "acme", "lat", "r1", now.minusSeconds(20), 4.4, 4, 0, 100.0);
        t.sample("ow-a", "acme", "lat", "r1", now.minusSeconds(10), 4.4, 4, 0, 140.0);
        t.sample("ow-b", "acme", "lat", "r1", now.minusSeconds(10), 4.4, 4, 0, 80.0);
        t.sample("ow-c", "acme", "lat", "r1", now.minusSeconds(10), 4.4, 4, 0, 200.0);
        t.call("ow-d", "acme", "lat", "r1", now.minusSeconds(60), "completed", null, 30.0);
        t.write(h.dataSource);
        String window = "&from=" + now.minusSeconds(600) + "&to=" + now.plusSeconds(60);

        JsonObject turn = new JsonObject(h.get("/api/v1/latency?metric=turn&by=carrier,region" + window).body());
        assertThat(turn.getJsonArray("by").getList()).containsExactly("carrier", "region");
        JsonObject r1 = group(turn, "lat", "r1");
        assertThat(r1.getLong("samples")).isEqualTo(10);
        assertPercentiles(r1, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        assertPercentiles(group(turn, "lat", "r2"), 5, 15, 25);

        JsonObject byCarrier = new JsonObject(h.get("/api/v1/latency?by=carrier" + window).body());
        JsonObject lat = byCarrier.getJsonArray("groups").stream().map(JsonObject.class::cast)
                .filter(g -> "lat".equals(g.getString("carrier"))).findFirst().orElseThrow();
        assertThat(lat.containsKey("region")).isFalse();
        assertPercentiles(lat, 5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100);

        JsonObject oneWay = new JsonObject(h.get("/api/v1/latency?metric=one_way" + window).body());
        assertThat(oneWay.getString("metric")).isEqualTo("one_way");
        assertPercentiles(group(oneWay, "lat", "r1"), 30, 40, 60, 100);

        // Past 6 hours the turn percentiles come from the dashboards' rollup: within one 50 ms bin of the exact ones.
        try (java.sql.Connection c = h.dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("SELECT telops_refresh_rollups()");
        }
        JsonObject week = new JsonObject(h.get("/api/v1/latency?metric=turn&by=carrier,region&from="
                + now.minus(java.time.Duration.ofDays(7)) + "&to=" + now.plusSeconds(60)).body());
        assertThat(week.getString("source")).startsWith("rollup");
        JsonObject weekR1 = group(week, "lat", "r1");
        assertThat(weekR1.getLong("samples")).isEqualTo(10);
        assertThat(weekR1.getDouble("p50Ms")).isCloseTo(55.0, org.assertj.core.api.Assertions.within(50.0));
        assertThat(weekR1.getDouble("p95Ms")).isCloseTo(95.5, org.assertj.core.api.Assertions.within(50.0));
        assertThat(turn.getString("source")).startsWith("raw");

        HttpResponse<String> bad = h.get("/api/v1/latency?metric=rtt");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(bad.body()).getString("error")).isEqualTo("metric 'rtt' is not one of turn, one_way");
    }

    @Test
    @DisplayName("Resolving by hand records who and why even while an alert still fires; the API answers 400, 404 and 409 with a sentence; no webhook means no outbox rows.")
    void manualResolveAndErrors() throws Exception {
        Instant now = Instant.now();
        Telemetry t = new Telemetry();
        for (int i = 1; i <= 3; i++) {
            t.sample("m-" + i, "acme", "vonage", "eu-north", now.minusSeconds(5), 4.4, 80, 0, null);
        }
        t.write(h.dataSource);
        long id = activeIncident("vonage", "eu-north", 1).getLong("incidentId");

        HttpResponse<String> r = h.post("/api/v1/incidents/" + id + "/resolve", "{\"by\":\"bob\",\"note\":\"false alarm: test tenant\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject incident = new JsonObject(r.body());
        assertThat(incident.getString("status")).isEqualTo("resolved");
        assertThat(incident.getString("resolvedBy")).isEqualTo("bob");
        JsonObject resolved = incident.getJsonArray("timeline").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("kind").equals("resolved")).findFirst().orElseThrow();
        assertThat(resolved.getString("actor")).isEqualTo("bob");
        assertThat(resolved.getJsonObject("detail").getInteger("alertsStillOpen")).isEqualTo(1);
        assertThat(h.count("SELECT count(*) FROM audit_log WHERE actor = 'bob' AND action = 'incident.resolve' AND target = ?",
                "incident:" + id)).isEqualTo(1);

        HttpResponse<String> again = h.post("/api/v1/incidents/" + id + "/resolve", "{\"by\":\"carol\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(error(again)).contains("already resolved by bob");
        HttpResponse<String> ack = h.post("/api/v1/incidents/" + id + "/acknowledge", "{\"by\":\"carol\"}");
        assertThat(ack.statusCode()).isEqualTo(409);
        assertThat(error(ack)).contains("nothing to acknowledge");
        assertThat(h.post("/api/v1/incidents/999999/acknowledge", "{\"by\":\"carol\"}").statusCode()).isEqualTo(404);
        assertThat(error(h.get("/api/v1/incidents/999999"))).isEqualTo("no incident with id 999999");
        assertThat(error(h.get("/api/v1/incidents/abc"))).contains("positive whole number, got 'abc'");
        HttpResponse<String> noBy = h.post("/api/v1/incidents/" + id + "/resolve", "{\"note\":\"x\"}");
        assertThat(noBy.statusCode()).isEqualTo(400);
        assertThat(error(noBy)).contains("'by'");
        assertThat(h.post("/api/v1/incidents/" + id + "/resolve", "not json").statusCode()).isEqualTo(400);
        assertThat(h.get("/api/v1/alerts?state=closed").statusCode()).isEqualTo(400);
        assertThat(h.get("/api/v1/incidents?stack=network").statusCode()).isEqualTo(400);

        JsonArray firing = new JsonArray(h.get("/api/v1/alerts?state=open&rule=jitter-high&carrier=vonage").body());
        assertThat(firing).hasSize(1);
        assertThat(firing.getJsonObject(0).getLong("incidentId")).isEqualTo(id);
        String future = "&from=" + now.plusSeconds(3600) + "&to=" + now.plusSeconds(7200);
        JsonArray later = new JsonArray(h.get("/api/v1/incidents?state=resolved&carrier=vonage" + future).body());
        assertThat(later).as("resolved before that window began").isEmpty();
        assertThat(h.count("SELECT count(*) FROM notification_outbox")).isZero();
    }

    static JsonObject activeIncident(String carrier, String region, int alerts) throws Exception {
        JsonArray list = ModuleHarness.poll("an active incident on " + carrier + "/" + region + " with " + alerts
                        + " alert(s)", DEADLINE,
                () -> {
                    JsonArray l = new JsonArray(h.get("/api/v1/incidents?state=active&carrier=" + carrier + "&region="
                            + region).body());
                    return l.size() == 1 ? new JsonArray().add(detail(l.getJsonObject(0).getLong("incidentId"))) : l;
                },
                l -> l.size() == 1 && l.getJsonObject(0).getJsonArray("alerts") != null
                        && l.getJsonObject(0).getJsonArray("alerts").size() == alerts);
        return list.getJsonObject(0);
    }

    static JsonObject detail(long id) throws Exception {
        return new JsonObject(h.get("/api/v1/incidents/" + id).body());
    }

    static List<String> rules(JsonObject incident) {
        return incident.getJsonArray("alerts").stream().map(o -> ((JsonObject) o).getString("rule")).toList();
    }

    static JsonObject group(JsonObject latency, String carrier, String region) {
        return latency.getJsonArray("groups").stream().map(JsonObject.class::cast)
                .filter(g -> carrier.equals(g.getString("carrier")) && region.equals(g.getString("region")))
                .findFirst().orElseThrow(() -> new AssertionError("no group " + carrier + "/" + region + " in " + latency));
    }

    /** percentile_cont: linear interpolation at position p·(n−1) of the sorted values. */
    static double percentile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    static void assertPercentiles(JsonObject group, double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        assertThat(group.getLong("samples")).isEqualTo(values.length);
        assertThat(group.getDouble("p50Ms")).isCloseTo(percentile(sorted, 0.50), within(1e-9));
        assertThat(group.getDouble("p95Ms")).isCloseTo(percentile(sorted, 0.95), within(1e-9));
        assertThat(group.getDouble("p99Ms")).isCloseTo(percentile(sorted, 0.99), within(1e-9));
    }

    static String error(HttpResponse<String> r) {
        return new JsonObject(r.body()).getString("error");
    }
}
