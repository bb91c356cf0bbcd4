package org.telops.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opentest4j.TestAbortedException;
import org.telops.migrations.timescale.TimescaleServer;
import org.telops.quality.alerting.AlertingConfig;
import org.telops.quality.evaluation.EvaluationCycle;
import org.telops.quality.incidents.Changes;
import org.telops.quality.incidents.IncidentActions;
import org.telops.quality.incidents.IncidentReads;
import org.telops.quality.incidents.IncidentStore;
import org.telops.quality.incidents.ListQuery;
import org.telops.quality.latency.LatencyApi;
import org.telops.quality.latency.LatencyQuery;
import org.telops.quality.notify.Outbox;

/**
 * The module's SQL on TimescaleDB (PGlite: WASM PostgreSQL 17 + TimescaleDB 2.23), where calls, samples, turns
 * and probes are hypertables: every rule statement, the incident and outbox writes, the list reads and the
 * latency percentiles, driven the way the verticles drive them, on the one connection PGlite serves.
 */
@DisplayName("Alert rules, incidents, outbox and latency SQL on TimescaleDB hypertables")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TimescaleSqlIT {
    static TimescaleServer server;
    static Connection c;
    static String unavailable;
    /**
     * Noon UTC of today, not the wall clock: the test moves rows an hour back in time, and TimescaleDB refuses an
     * UPDATE that moves a row out of its 1-day chunk, so between 00:00 and 01:00 UTC the wall clock failed it.
     * The SQL takes its times from the evaluator's clock, never now(), so any instant does.
     */
    static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(java.time.Duration.ofHours(12));
    static EvaluationCycle cycle;
    static final IncidentStore STORE = new IncidentStore(new Outbox(true));

    @BeforeAll
    static void start() throws Exception {
        try {
            server = TimescaleServer.start();
        } catch (TestAbortedException e) {
            unavailable = e.getMessage();
            return;
        }
        c = server.connect();
        TimescaleServer.migrate(c);
        cycle = new EvaluationCycle(AlertingConfig.fromEnv(Map.of("TELOPS_ALERT_WINDOW_SECONDS", "60",
                "TELOPS_ALERT_MIN_SAMPLES", "3", "TELOPS_ALERT_CLEAR_EVALUATIONS", "2")), STORE);
    }

    @BeforeEach
    void skipWhenUnavailable() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (c != null) {
                c.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    @Order(1)
    @DisplayName("The schema under test really is TimescaleDB with calls, quality samples, turns and probe results as hypertables.")
    void hypertables() throws SQLException {
        assertThat(strings("SELECT hypertable_name FROM timescaledb_information.hypertables"))
                .contains("calls", "call_quality_samples", "call_turns", "probe_results");
    }

    @Test
    @Order(2)
    @DisplayName("One evaluation opens every expected alert, triages four incidents to their stacks and queues one notification each; the next opens nothing more.")
    void evaluation() throws Exception {
        Telemetry t = new Telemetry();
        for (int i = 1; i <= 4; i++) {
            t.sample("bad-" + i, "acme", "twilio", "us-east", NOW.minusSeconds(10), 3.3, 70, 3.0, 120.0);
        }
        t.call("ok-1", "acme", "twilio", "us-east", NOW.minusSeconds(50), "completed", null, null);
        t.call("ok-2", "acme", "twilio", "us-east", NOW.minusSeconds(50), "completed", null, null);
        for (int i = 1; i <= 3; i++) {
            t.call("fail-" + i, "acme", "twilio", "us-east", NOW.minusSeconds(30), "failed", "carrier-error", null);
            t.call("cdr-" + i, "acme", "plivo", "sa-east", NOW.minusSeconds(45), "completed", null, 220.0);
            t.probe("twilio", "ap-south", NOW.minusSeconds(10 * i), false, "no-answer", "p-" + i);
        }
        for (int i = 1; i <= 5; i++) {
            t.turn("tts-" + i, 1, "acme", "telnyx", "eu-west", NOW.minusSeconds(10 + i), 100, 150, 250, 900, 1500);
        }
        t.write(c);

        EvaluationCycle.Result r = cycle.run(c, NOW);
        assertThat(r.ran()).isTrue();
        assertThat(r.opened()).as("mos, jitter, loss, success on us-east; p95, p99 on eu-west; probes; one-way").isEqualTo(8);
        assertThat(r.incidentsOpened()).isEqualTo(4);
        assertThat(r.changes().notificationsQueued()).isEqualTo(4);
        Map<String, String> stacks = new HashMap<>();
        JsonArray active = IncidentReads.incidents(c, ListQuery.incidents(Map.of("state", "active")));
        active.forEach(o -> stacks.put(((JsonObject) o).getString("region"), ((JsonObject) o).getString("stack")));
        assertThat(stacks).containsExactlyInAnyOrderEntriesOf(Map.of("us-east", "telephony", "eu-west", "output",
                "ap-south", "telephony", "sa-east", "audio"));
        JsonArray success = IncidentReads.alerts(c, ListQuery.alerts(Map.of("rule", "call-success-low")));
        assertThat(success.getJsonObject(0).getDouble("value")).isEqualTo(40.0);

        List<Outbox.Pending> due = Outbox.lease(c, NOW, java.time.Duration.ofSeconds(30), 10);
        assertThat(due).hasSize(4).allSatisfy(p -> assertThat(p.dedupeKey()).endsWith(":opened"));
        assertThat(Outbox.lease(c, NOW, java.time.Duration.ofSeconds(30), 10)).as("leased rows are not handed out twice").isEmpty();
        for (Outbox.Pending p : due) {
            Outbox.sent(c, p.id(), NOW);
        }

        EvaluationCycle.Result again = cycle.run(c, NOW.plusSeconds(1));
        assertThat(again.opened()).isZero();
        assertThat(count("SELECT count(*) FROM alerts")).isEqualTo(8);
    }

    @Test
    @Order(3)
    @DisplayName("Acknowledge, SLA breach, manual resolve and self-resolution all run on TimescaleDB.")
    void incidentLifecycle() throws Exception {
        long usEast = incidentIn("us-east");
        Changes changes = new Changes();
        c.setAutoCommit(false);
        IncidentActions actions = new IncidentActions(STORE);
        assertThat(actions.acknowledge(c, usEast, "alice", "on it", NOW.plusSeconds(2), changes).status()).isEqualTo(200);
        assertThat(actions.acknowledge(c, usEast, "bob", null, NOW.plusSeconds(2), changes).status()).isEqualTo(409);
        assertThat(actions.resolve(c, incidentIn("ap-south"), "bob", "probe target moved", NOW.plusSeconds(2), changes)
                .status()).isEqualTo(200);
        c.commit();
        c.setAutoCommit(true);

        try (Statement s = c.createStatement()) {
            s.execute("UPDATE incidents SET opened_at = opened_at - INTERVAL '6 minutes'");
        }
        EvaluationCycle.Result breach = cycle.run(c, NOW.plusSeconds(3));
        assertThat(count("SELECT count(*) FROM incidents WHERE sla_breached")).as("5-min targets passed, 10-min ones not; "
                + "the resolved one is not flagged").isEqualTo(1);
        assertThat(breach.changes().notificationsQueued()).isEqualTo(1);

        try (Statement s = c.createStatement()) {
            s.execute("UPDATE call_quality_samples SET sampled_at = sampled_at - INTERVAL '1 hour'");
            s.execute("UPDATE calls SET attempted_at = attempted_at - INTERVAL '1 hour', ended_at = ended_at - INTERVAL '1 hour'");
            s.execute("UPDATE call_turns SET started_at = started_at - INTERVAL '1 hour'");
            s.execute("UPDATE probe_results SET probed_at = probed_at - INTERVAL '1 hour'");
        }
        EvaluationCycle.Result clean = cycle.run(c, NOW.plusSeconds(4));
        assertThat(clean.resolved()).as("one clean evaluation is not enough").isZero();
        EvaluationCycle.Result healed = cycle.run(c, NOW.plusSeconds(5));
        assertThat(healed.resolved()).isEqualTo(8);
        assertThat(count("SELECT count(*) FROM alerts WHERE status = 'open'")).isZero();
        assertThat(count("SELECT count(*) FROM incidents WHERE status <> 'resolved'")).isZero();
        assertThat(strings("SELECT resolved_by FROM incidents ORDER BY incident_id"))
                .containsExactlyInAnyOrder("quality-analyzer", "quality-analyzer", "quality-analyzer", "bob");
    }

    @Test
    @Order(4)
    @DisplayName("Latency P50/P95/P99 by carrier and region come out of percentile_cont on hypertables as on plain PostgreSQL.")
    void latency() throws Exception {
        Telemetry t = new Telemetry();
        for (int i = 1; i <= 10; i++) {
            t.turn("lat-" + i, 1, "acme", "lat", "r1", NOW.minusSeconds(30), null, null, null, null, 10 * i);
        }
        t.sample("ow-a", "acme", "lat", "r1", NOW.minusSeconds(10), 4.4, 4, 0, 100.0);
        t.sample("ow-b", "acme", "lat", "r1", NOW.minusSeconds(10), 4.4, 4, 0, 200.0);
        t.call("ow-c", "acme", "lat", "r1", NOW.minusSeconds(60), "completed", null, 30.0);
        t.write(c);
        LatencyApi api = new LatencyApi(TimescaleServer.sharing(c), Clock.fixed(NOW, ZoneOffset.UTC));
        Map<String, String> window = Map.of("from", NOW.minusSeconds(600).toString(), "to", NOW.plusSeconds(60).toString());

        JsonObject turn = group(api.query(LatencyQuery.parse(window, NOW)), "r1");
        assertThat(turn.getLong("samples")).isEqualTo(10);
        assertThat(turn.getDouble("p50Ms")).isCloseTo(55.0, within(1e-9));
        assertThat(turn.getDouble("p95Ms")).isCloseTo(95.5, within(1e-9));
        assertThat(turn.getDouble("p99Ms")).isCloseTo(99.1, within(1e-9));

        Map<String, String> oneWayParams = new HashMap<>(window);
        oneWayParams.put("metric", "one_way");
        JsonObject oneWay = group(api.query(LatencyQuery.parse(oneWayParams, NOW)), "r1");
        assertThat(oneWay.getLong("samples")).isEqualTo(3);
        assertThat(oneWay.getDouble("p50Ms")).isCloseTo(50.0, within(1e-9)); // 30 (CDR), 50 and 100 (rtt / 2)
        assertThat(oneWay.getDouble("p99Ms")).isCloseTo(99.0, within(1e-9));
    }

    static JsonObject group(JsonObject latency, String region) {
        return latency.getJsonArray("groups").stream().map(JsonObject.class::cast)
                .filter(g -> "lat".equals(g.getString("carrier")) && region.equals(g.getString("region")))
                .findFirst().orElseThrow(() -> new AssertionError("no lat/" + region + " in " + latency));
    }

    static long incidentIn(String region) throws SQLException {
        return count("SELECT incident_id FROM incidents WHERE region = '" + region + "'");
    }

    static long count(String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
