package org.telops.runtime.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.bus.Addresses;
import org.telops.migrations.EmbeddedDatabase;

@DisplayName("Carrier failover with two simulated carriers (carrier-sim) on a real PostgreSQL")
class CarrierFailoverIT {
  static EmbeddedDatabase db;
  static SimBed sim;
  static RouterBed bed;
  static java.util.Map<String, String> env;

  @BeforeAll
  static void start() throws Exception {
    db = Beds.database();
    bed = new RouterBed(db);
    sim = SimBed.start(bed.base);
    env = new java.util.HashMap<>(sim.routerEnv());
    env.put("TELOPS_CARRIER_TIMEOUT_MS", "2000");
    env.put("TELOPS_CARRIER_FAILOVER_MS", "1000");
    env.put("TELOPS_CARRIER_RESET_TIMEOUT_MS", "500");
    env.put("TELOPS_CARRIER_HEALTH_PUBLISH_MS", "200");
    env.put("TELOPS_DRILL_SCHEDULER", "false");
    bed.start(env);
  }

  @AfterAll
  static void stop() {
    if (bed != null) {
      bed.close();
    }
    if (sim != null) {
      sim.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @BeforeEach
  void healthy() throws Exception {
    sim.clearFaults();
    bed.router().restore("twilio", "it", "test reset", "manual", null);
    bed.router().restore("telnyx", "it", "test reset", "manual", null);
  }

  @Test
  @DisplayName("Primary down: the same new call fails over at once, the circuit opens after 3 failures, calls in flight continue")
  void primaryDown() throws Exception {
    List<String> inFlight = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonObject c = json(bed.call(null), 201);
      assertThat(c.getString("carrier")).isEqualTo("twilio");
      inFlight.add(c.getString("carrierCallId"));
    }
    for (String sid : inFlight) {
      Beds.until("call " + sid + " answered", Duration.ofSeconds(10), () -> "in-progress".equals(status(sid)));
    }
    int flyingBefore = bed.router().inFlight().count("twilio");
    sim.putFault(new JsonObject().put("carrier", "twilio").put("kind", "down"));

    JsonObject first = json(bed.call(null), 201);
    assertThat(first.getString("carrier")).isEqualTo("telnyx");
    assertThat(first.getBoolean("failedOver")).isTrue();
    JsonArray attempts = first.getJsonArray("attempts");
    assertThat(attempts.getJsonObject(0).getString("carrier")).isEqualTo("twilio");
    assertThat(attempts.getJsonObject(0).getString("outcome")).isEqualTo("down");
    assertThat(attempts.getJsonObject(1).getString("outcome")).isEqualTo("connected");
    json(bed.call(null), 201);
    json(bed.call(null), 201);
    Beds.until("twilio circuit open", Duration.ofSeconds(5), () -> "open".equals(field("twilio", "circuit")));
    JsonObject fourth = json(bed.call(null), 201);
    assertThat(fourth.getJsonArray("attempts")).hasSize(1);
    assertThat(fourth.getString("carrier")).isEqualTo("telnyx");
    JsonObject opened = Beds.value("state event", Duration.ofSeconds(5), () -> bed.stateEvents.stream()
        .filter(e -> "twilio".equals(e.getString("carrier")) && "open".equals(e.getString("circuit"))).findFirst().orElse(null));
    assertThat(opened.getString("message")).startsWith("carrier twilio: circuit OPEN after 3 failures (last: connection failed "
        + "to /Calls.json").endsWith("; new calls go to telnyx");
    assertThat(opened.getString("failoverTo")).isEqualTo("telnyx");
    Beds.until("carrier_state stored", Duration.ofSeconds(5), () -> "open".equals(sql("SELECT circuit FROM carrier_state WHERE carrier = 'twilio'")));
    assertThat(bed.count("SELECT count(*) FROM failover_events WHERE trigger = 'breaker' AND from_carrier = 'twilio' "
        + "AND to_carrier = 'telnyx' AND detection_ms >= 0")).isGreaterThanOrEqualTo(1);

    // Nothing was done to the calls already up on twilio.
    assertThat(bed.router().inFlight().count("twilio")).isEqualTo(flyingBefore);
    sim.clearFaults();
    for (String sid : inFlight) {
      assertThat(status(sid)).isEqualTo("in-progress");
    }
    // After the reset timeout the next call is the half-open trial; it succeeds and twilio is primary again.
    Beds.until("calls back on twilio", Duration.ofSeconds(10), () -> "twilio".equals(callCarrier()));
    Beds.until("twilio circuit closed", Duration.ofSeconds(5), () -> "closed".equals(field("twilio", "circuit")));
  }

  @Test
  @DisplayName("A 503 storm opens the circuit with the operator sentence; new calls go to telnyx")
  void storm503() throws Exception {
    sim.putFault(new JsonObject().put("carrier", "twilio").put("kind", "http-error").put("httpStatus", 503));
    for (int i = 0; i < 3; i++) {
      JsonObject c = json(bed.call(null), 201);
      assertThat(c.getString("carrier")).isEqualTo("telnyx");
      assertThat(c.getJsonArray("attempts").getJsonObject(0).getString("outcome")).isEqualTo("server-error");
    }
    Beds.until("twilio circuit open", Duration.ofSeconds(5), () -> "open".equals(field("twilio", "circuit")));
    assertThat(bed.stateEvents).extracting(e -> e.getString("message"))
        .contains("carrier twilio: circuit OPEN after 3 failures (last: HTTP 503 from /Calls.json); new calls go to telnyx");
    assertThat(bed.carrier("twilio").getString("reason")).isEqualTo("circuit OPEN after 3 failures (last: HTTP 503 from /Calls.json)");
    assertThat(bed.carrier("twilio").getString("state")).isEqualTo("circuit-open");
  }

  @Test
  @DisplayName("A silent API fails the new call over after the failover wait, before the breaker's timeout; the late twilio call is hung up, not left ringing")
  void slowApi() throws Exception {
    sim.putFault(new JsonObject().put("carrier", "twilio").put("kind", "slow-api").put("delayMs", 3_500));
    double orphansBefore = orphans();
    JsonObject c = json(bed.call(null), 201);
    assertThat(c.getString("carrier")).isEqualTo("telnyx");
    JsonObject a = c.getJsonArray("attempts").getJsonObject(0);
    assertThat(a.getString("outcome")).isEqualTo("timeout");
    assertThat(a.getString("error")).isEqualTo("carrier twilio: no answer from /Calls.json within 1000 ms");
    assertThat(a.getLong("ms")).as("failed over at TELOPS_CARRIER_FAILOVER_MS, not the 2 s breaker timeout").isLessThan(1_900);
    Beds.until("the late twilio call hung up", Duration.ofSeconds(10), () -> orphans() > orphansBefore);
    assertThat(bed.carrier("twilio").getString("circuit")).isEqualTo("closed");
  }

  @Test
  @DisplayName("HTTP 429 fails the call over and backs twilio off for Retry-After without opening its circuit")
  void throttled() throws Exception {
    sim.putFault(new JsonObject().put("carrier", "twilio").put("kind", "http-error").put("httpStatus", 429)
        .put("retryAfterSeconds", 1));
    JsonObject c = json(bed.call(null), 201);
    assertThat(c.getString("carrier")).isEqualTo("telnyx");
    assertThat(c.getJsonArray("attempts").getJsonObject(0).getString("outcome")).isEqualTo("throttled");
    JsonObject next = json(bed.call(null), 201);
    assertThat(next.getJsonArray("attempts")).hasSize(1);
    assertThat(bed.carrier("twilio").getString("state")).isEqualTo("throttled");
    assertThat(bed.carrier("twilio").getString("circuit")).isEqualTo("closed");
    sim.clearFaults();
    Beds.until("twilio takes calls again after Retry-After", Duration.ofSeconds(5), () -> "twilio".equals(callCarrier()));
  }

  @Test
  @DisplayName("A burst of 100 calls/s is let through at no more than 30 per second; the rest are refused with when to retry")
  void cpsBurst() throws Exception {
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    String body = new JsonObject().put("to", "+14155550100").put("from", "+15550100199").put("tenant", "demo").encode();
    int arrivalsBefore = sim.twilioCreateNanos.size();
    long t0 = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      // 100 calls/s for 2 s, paced by the clock rather than by sleeps that drift.
      long due = t0 + i * 10_000_000L;
      java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
      sent.add(client.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(bed.base + "/api/v1/calls"))
          .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    int placed = 0;
    int refused = 0;
    for (var f : sent) {
      HttpResponse<String> r = f.get(30, java.util.concurrent.TimeUnit.SECONDS);
      if (r.statusCode() == 201) {
        placed++;
        assertThat(new JsonObject(r.body()).getString("carrier")).as(r.body()).isEqualTo("twilio");
      } else {
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(new JsonObject(r.body()).getString("error"))
            .matches("carrier twilio: 30 calls/s limit, queue of 30 full — retry in \\d+ ms");
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        refused++;
      }
    }
    assertThat(placed + refused).isEqualTo(200);
    assertThat(refused).isGreaterThan(0);
    List<Long> arrivals = new ArrayList<>(sim.twilioCreateNanos.subList(arrivalsBefore, sim.twilioCreateNanos.size()));
    assertThat(arrivals).hasSize(placed);
    java.util.Collections.sort(arrivals);
    // The router sends them ≥ 1/30 s apart; at the carrier, transport jitter may squeeze one more into a second.
    int maxInAnySecond = 0;
    for (int i = 0, j = 0; i < arrivals.size(); i++) {
      while (arrivals.get(i) - arrivals.get(j) >= 1_000_000_000L) {
        j++;
      }
      maxInAnySecond = Math.max(maxInAnySecond, i - j + 1);
    }
    assertThat(maxInAnySecond).isBetween(25, 31);
  }

  @Test
  @DisplayName("Force-open, drain and restore need who and why, are audited and stored, and steer only new calls")
  void operatorOverrides() throws Exception {
    json(bed.call(null), 201);
    int flying = bed.router().inFlight().count("twilio");
    HttpResponse<String> noWho = bed.post("/api/v1/carriers/twilio/force-open", new JsonObject().put("reason", "x"));
    assertThat(noWho.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(noWho.body()).getString("field")).isEqualTo("by");
    assertThat(bed.post("/api/v1/carriers/vonage/force-open", who("alice", "x")).statusCode()).isEqualTo(404);
    assertThat(bed.post("/api/v1/carriers/twilio/explode", who("alice", "x")).statusCode()).isEqualTo(404);

    JsonObject forced = json(bed.post("/api/v1/carriers/twilio/force-open", who("alice", "carrier incident #42")), 200);
    assertThat(forced.getString("message")).isEqualTo("carrier twilio: forced open by alice (carrier incident #42); "
        + "new calls go to telnyx; " + flying + (flying == 1 ? " call in flight continues" : " calls in flight continue"));
    assertThat(bed.count("SELECT count(*) FROM audit_log WHERE actor = 'alice' AND action = 'carrier.force-open' "
        + "AND target = 'twilio' AND reason = 'carrier incident #42'")).isEqualTo(1);
    Beds.until("mode stored", Duration.ofSeconds(5),
        () -> "forced-open|alice".equals(sql("SELECT mode || '|' || changed_by FROM carrier_state WHERE carrier = 'twilio'")));
    Beds.until("failover event stored", Duration.ofSeconds(5), () -> count("SELECT count(*) FROM failover_events WHERE "
        + "trigger = 'manual' AND from_carrier = 'twilio' AND to_carrier = 'telnyx'") == 1);
    assertThat(json(bed.call(null), 201).getJsonArray("attempts")).hasSize(1);
    assertThat(bed.router().inFlight().count("twilio")).isEqualTo(flying);

    json(bed.post("/api/v1/carriers/telnyx/drain", who("bob", "maintenance window")), 200);
    HttpResponse<String> none = bed.call(null);
    assertThat(none.statusCode()).isEqualTo(503);
    assertThat(new JsonObject(none.body()).getString("error")).startsWith("no carrier can take a new call: twilio forced open "
        + "by alice (carrier incident #42); telnyx draining by bob (maintenance window)");

    json(bed.post("/api/v1/carriers/twilio/restore", who("alice", "incident over")), 200);
    assertThat(json(bed.call(null), 201).getString("carrier")).isEqualTo("twilio");
    json(bed.post("/api/v1/carriers/telnyx/restore", who("bob", "done")), 200);
    assertThat(bed.count("SELECT count(*) FROM audit_log WHERE action LIKE 'carrier.%' AND actor IN ('alice', 'bob')")).isEqualTo(4);
    assertThat(bed.carrier("twilio").getString("mode")).isEqualTo("normal");
    assertThat(bed.stateEvents).extracting(e -> e.getString("message")).contains("carrier twilio: restored by alice "
        + "(incident over); it takes new calls again");
  }

  @Test
  @DisplayName("A region the prober removes is skipped for that region's new calls only, and comes back when restored")
  void regionHealth() throws Exception {
    bed.vertx.eventBus().publish(Addresses.REGION_HEALTH, new JsonObject().put("region", "eu-west").put("carrier", "twilio")
        .put("state", "removed").put("reason", "3 probes failed"));
    Beds.until("region removed", Duration.ofSeconds(5), () -> !bed.router().board().removedRegions().isEmpty());
    JsonObject eu = json(bed.call("eu-west"), 201);
    assertThat(eu.getString("carrier")).isEqualTo("telnyx");
    assertThat(eu.getJsonArray("attempts")).hasSize(1);
    assertThat(json(bed.call("us-east"), 201).getString("carrier")).isEqualTo("twilio");
    Beds.until("region failover stored", Duration.ofSeconds(5), () -> count("SELECT count(*) FROM failover_events WHERE "
        + "trigger = 'region' AND from_carrier = 'twilio'") == 1);
    bed.vertx.eventBus().publish(Addresses.REGION_HEALTH, new JsonObject().put("region", "eu-west").put("carrier", "twilio")
        .put("state", "restored"));
    Beds.until("region restored", Duration.ofSeconds(5), () -> bed.router().board().removedRegions().isEmpty());
    assertThat(json(bed.call("eu-west"), 201).getString("carrier")).isEqualTo("twilio");
  }

  @Test
  @DisplayName("A restarted router starts from the prober's stored verdicts: a removed region stays skipped")
  void regionsSurviveRestart() throws Exception {
    bed.count("WITH i AS (INSERT INTO region_health (region, carrier, status, last_reason) "
        + "VALUES ('ap-south', 'twilio', 'removed', '3 probes failed') RETURNING 1) SELECT count(*) FROM i");
    try (RouterBed restarted = new RouterBed(db).start(env)) {
      JsonObject c = json(restarted.call("ap-south"), 201);
      assertThat(c.getString("carrier")).isEqualTo("telnyx");
      assertThat(c.getJsonArray("attempts")).hasSize(1);
      assertThat(json(restarted.call("us-east"), 201).getString("carrier")).isEqualTo("twilio");
    } finally {
      bed.count("WITH d AS (DELETE FROM region_health WHERE region = 'ap-south' RETURNING 1) SELECT count(*) FROM d");
    }
  }

  @Test
  @DisplayName("Health figures: API latency, error rate, connect success and calls in flight, as metrics and on the bus")
  void healthFigures() throws Exception {
    JsonObject c = json(bed.call(null), 201);
    String callId = c.getString("callId");
    int flying = bed.router().inFlight().count("twilio");
    bed.vertx.eventBus().publish(Addresses.CALL_EVENTS, new JsonObject().put("type", "answered").put("callId", callId)
        .put("at", java.time.Instant.now().toString()));
    Beds.until("answer counted", Duration.ofSeconds(5), () -> bed.router().health("twilio").answered() >= 1);
    bed.vertx.eventBus().publish(Addresses.CALL_EVENTS, new JsonObject().put("type", "ended").put("callId", callId)
        .put("at", java.time.Instant.now().toString()).put("attributes", new JsonObject().put("outcome", "completed")));
    Beds.until("call no longer in flight", Duration.ofSeconds(5), () -> bed.router().inFlight().count("twilio") == flying - 1);

    JsonObject health = bed.carrier("twilio").getJsonObject("health");
    assertThat(health.getLong("apiAttempts")).isGreaterThanOrEqualTo(1);
    assertThat(health.getDouble("apiLatencyMeanMs")).isNotNull();
    assertThat(health.getDouble("errorRatePercent")).isNotNull();
    assertThat(health.getDouble("connectSuccessPercent")).isNotNull();
    JsonObject event = Beds.value("health event", Duration.ofSeconds(5), () -> bed.healthEvents.stream()
        .filter(e -> "twilio".equals(e.getString("carrier")) && e.getLong("apiAttempts", 0L) > 0).findFirst().orElse(null));
    assertThat(event.fieldNames()).contains("inFlight", "errorRatePercent", "apiLatencyP95Ms", "connectSuccessPercent", "circuit");
    Timer latency = bed.meters.find("telops_carrier_api_latency").tag("carrier", "twilio").tag("outcome", "ok").timer();
    assertThat(latency).isNotNull();
    assertThat(latency.count()).isGreaterThanOrEqualTo(1);
    Gauge inFlight = bed.meters.find("telops_carrier_calls_in_flight").tag("carrier", "twilio").gauge();
    assertThat(inFlight.value()).isEqualTo(bed.router().inFlight().count("twilio"));
    // The call's first CDR fragment went to the collector's address, keyed by the id every module derives.
    assertThat(bed.cdrFragments).anySatisfy(f -> {
      assertThat(f.getString("callId")).isEqualTo(callId);
      assertThat(f.getString("direction")).isEqualTo("outbound");
      assertThat(f.getString("carrier")).isEqualTo("twilio");
    });
  }

  private static JsonObject who(String by, String reason) {
    return new JsonObject().put("by", by).put("reason", reason);
  }

  private static JsonObject json(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return new JsonObject(r.body());
  }

  private static String status(String sid) {
    try {
      return sim.twilioStatus(sid);
    } catch (Exception e) {
      return null;
    }
  }

  private static String field(String carrier, String name) {
    try {
      return bed.carrier(carrier).getString(name);
    } catch (Exception e) {
      return null;
    }
  }

  private static String callCarrier() {
    try {
      HttpResponse<String> r = bed.call(null);
      return r.statusCode() == 201 ? new JsonObject(r.body()).getString("carrier") : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static String sql(String q) {
    try {
      return bed.text(q);
    } catch (Exception e) {
      return null;
    }
  }

  private static long count(String q) {
    try {
      return bed.count(q);
    } catch (Exception e) {
      return -1;
    }
  }

  private static double orphans() {
    var c = bed.meters.find("telops_carrier_orphans_hung_up").tag("carrier", "twilio").counter();
    return c == null ? 0 : c.count();
  }
}
