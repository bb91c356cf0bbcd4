package org.telops.runtime.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.bus.Addresses;
import org.telops.migrations.EmbeddedDatabase;
import org.telops.runtime.routing.Beds;
import org.telops.runtime.routing.RouterBed;
import org.telops.runtime.routing.SimBed;

@DisplayName("Chaos drills against the carrier-sim, end to end, on a real PostgreSQL")
class DrillIT {
  static EmbeddedDatabase db;
  static SimBed sim;
  static RouterBed bed;

  @BeforeAll
  static void start() throws Exception {
    db = Beds.database();
    bed = new RouterBed(db);
    sim = SimBed.start(bed.base);
    Map<String, String> env = new HashMap<>(sim.routerEnv());
    env.put("TELOPS_CARRIER_RESET_TIMEOUT_MS", "500");
    env.put("TELOPS_DRILL_CHECK_SECONDS", "1");
    bed.start(env);
    // Plays the agent runtime's part: quality samples for calls on telnyx (the secondary), MOS 4.35.
    bed.cdrHook = f -> {
      if ("telnyx".equals(f.getString("carrier")) && f.getString("carrierCallId") != null) {
        bed.vertx.setTimer(200, t -> bed.vertx.eventBus().publish(Addresses.QUALITY_SAMPLES, new JsonObject()
            .put("callId", f.getString("callId")).put("carrier", "telnyx").put("mos", 4.35)
            .put("sampledAt", Instant.now().toString())));
      }
    };
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

  @AfterEach
  void healthy() throws Exception {
    Beds.until("no drill running", Duration.ofSeconds(30), () -> bed.module.drills().current() == null);
    sim.clearFaults();
    bed.router().restore("twilio", "it", "test reset", "manual", null);
    bed.router().restore("telnyx", "it", "test reset", "manual", null);
  }

  @Test
  @DisplayName("A 503 drill on twilio passes: failover measured, no call in flight dropped, MOS and success met, all restored")
  void endToEnd() throws Exception {
    long id = create(new JsonObject().put("name", "twilio-503").put("fault", "http-error:503").put("durationSeconds", 3));
    JsonObject started = json(bed.post("/api/v1/drills/" + id + "/run", who("alice", "monthly proof")), 202);
    long runId = started.getLong("runId");
    JsonObject run = finished(id);
    assertThat(run.getLong("runId")).isEqualTo(runId);
    JsonObject verdict = run.getJsonObject("verdict");
    assertThat(run.getString("status")).as(verdict.encodePrettily()).isEqualTo("passed");
    assertThat(criterion(verdict, "failover").getString("status")).isEqualTo("passed");
    assertThat(criterion(verdict, "failover").getString("actual")).matches("\\d+ ms to telnyx");
    assertThat(criterion(verdict, "droppedInFlight").getString("actual")).isEqualTo("0 of 2 dropped");
    assertThat(criterion(verdict, "secondaryMos").getString("status")).isEqualTo("passed");
    assertThat(criterion(verdict, "successRate").getString("status")).isEqualTo("passed");
    assertThat(events(run)).containsSubsequence("requested", "started", "in-flight-placed", "fault-injected",
        "first-failover", "duration-over", "restored", "hung-up", "verdict");
    assertThat(run.getString("restoredAt")).isNotNull();
    assertThat(run.getString("faultMode")).isEqualTo("sim");
    assertThat(sim.faults()).isEmpty();
    assertThat(bed.carrier("twilio").getString("mode")).isEqualTo("normal");
    assertThat(bed.carrier("twilio").getBoolean("available")).isTrue();
    assertThat(bed.count("SELECT count(*) FROM failover_events WHERE trigger = 'drill' AND drill_run_id = " + runId
        + " AND from_carrier = 'twilio' AND to_carrier = 'telnyx' AND detection_ms IS NOT NULL")).isEqualTo(1);
    assertThat(bed.count("SELECT count(*) FROM audit_log WHERE action = 'drill.run' AND actor = 'alice' "
        + "AND reason = 'monthly proof'")).isEqualTo(1);
    assertThat(bed.count("SELECT count(*) FROM audit_log WHERE action = 'drill.create' AND target = 'twilio-503'")).isEqualTo(1);
  }

  @Test
  @DisplayName("A call in flight that drops during the drill fails it, naming how many")
  void droppedInFlight() throws Exception {
    long id = create(new JsonObject().put("name", "twilio-down-drop").put("fault", "down").put("durationSeconds", 3));
    AtomicBoolean dropOne = new AtomicBoolean(true);
    var previous = bed.cdrHook;
    bed.cdrHook = f -> {
      previous.accept(f);
      // The first call placed on twilio is one of the drill's calls in flight: the runtime reports it dropped.
      if ("twilio".equals(f.getString("carrier")) && dropOne.compareAndSet(true, false)) {
        bed.vertx.setTimer(500, t -> bed.vertx.eventBus().publish(Addresses.CALL_EVENTS, new JsonObject().put("type", "ended")
            .put("callId", f.getString("callId")).put("at", Instant.now().toString())
            .put("attributes", new JsonObject().put("outcome", "dropped"))));
      }
    };
    try {
      json(bed.post("/api/v1/drills/" + id + "/run", who("bob", "drop check")), 202);
      JsonObject run = finished(id);
      assertThat(run.getString("status")).isEqualTo("failed");
      assertThat(criterion(run.getJsonObject("verdict"), "droppedInFlight").getString("actual")).isEqualTo("1 of 2 dropped");
      assertThat(events(run)).contains("in-flight-dropped");
      assertThat(sim.faults()).isEmpty();
    } finally {
      bed.cdrHook = previous;
    }
  }

  @Test
  @DisplayName("When the secondary fails too, a guard aborts the drill and the target is restored anyway")
  void guard() throws Exception {
    long id = create(new JsonObject().put("name", "twilio-down-guard").put("fault", "down").put("durationSeconds", 30));
    json(bed.post("/api/v1/drills/" + id + "/run", who("carol", "guard check")), 202);
    Beds.until("fault injected", Duration.ofSeconds(10), () -> !faults().isEmpty());
    sim.putFault(new JsonObject().put("carrier", "telnyx").put("kind", "http-error").put("httpStatus", 503));
    JsonObject run = finished(id);
    assertThat(run.getString("status")).isEqualTo("aborted");
    assertThat(run.getJsonObject("verdict").getString("summary")).startsWith("aborted (guard: ");
    assertThat(events(run)).containsSubsequence("aborted", "restored", "verdict");
    JsonArray left = sim.faults();
    assertThat(left).hasSize(1);
    assertThat(left.getJsonObject(0).getString("carrier")).isEqualTo("telnyx");
    assertThat(bed.carrier("twilio").getString("mode")).isEqualTo("normal");
  }

  @Test
  @DisplayName("Runs that cannot prove anything are refused: unknown drill, bad definition, no secondary, one at a time")
  void refusals() throws Exception {
    assertThat(bed.post("/api/v1/drills/999999/run", who("dan", "x")).statusCode()).isEqualTo(404);
    HttpResponse<String> bad = bed.post("/api/v1/drills", new JsonObject().put("name", "bad").put("targetCarrier", "twilio")
        .put("fault", "meteor").put("durationSeconds", 3).put("by", "dan"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getString("error")).startsWith("fault: 'meteor' is not one of");
    HttpResponse<String> never = bed.post("/api/v1/drills", new JsonObject().put("name", "noon").put("targetCarrier", "twilio")
        .put("fault", "down").put("durationSeconds", 3).put("schedule", "0 12 * * *").put("window", "Sun 03:00-05:00 UTC")
        .put("by", "dan"));
    assertThat(new JsonObject(never.body()).getString("error")).contains("never falls inside the window");
    long id = create(new JsonObject().put("name", "refusals").put("fault", "down").put("durationSeconds", 3));
    assertThat(bed.post("/api/v1/drills", new JsonObject().put("name", "refusals").put("targetCarrier", "twilio")
        .put("fault", "down").put("durationSeconds", 3).put("schedule", "manual").put("by", "dan")).statusCode()).isEqualTo(409);
    assertThat(bed.post("/api/v1/drills/" + id + "/run", new JsonObject().put("by", "dan")).statusCode()).isEqualTo(400);

    bed.router().forceOpen("telnyx", "dan", "maintenance", "manual", null);
    HttpResponse<String> noSecondary = bed.post("/api/v1/drills/" + id + "/run", who("dan", "x"));
    assertThat(noSecondary.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(noSecondary.body()).getString("error")).startsWith("no other carrier can take new calls");
    bed.router().restore("telnyx", "dan", "done", "manual", null);

    json(bed.post("/api/v1/drills/" + id + "/run", who("dan", "first")), 202);
    HttpResponse<String> second = bed.post("/api/v1/drills/" + id + "/run", who("dan", "second"));
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(second.body()).getString("error")).contains("one at a time");
    JsonObject aborted = json(bed.post("/api/v1/drills/" + id + "/abort", who("dan", "enough")), 200);
    assertThat(aborted.getString("status")).isEqualTo("aborting");
    JsonObject run = finished(id);
    assertThat(run.getString("status")).isEqualTo("aborted");
    assertThat(run.getJsonObject("verdict").getString("summary")).startsWith("aborted (aborted by dan: enough)");
  }

  @Test
  @DisplayName("A scheduled drill starts by itself once its time comes inside the window, and only once")
  void scheduled() throws Exception {
    Instant now = Instant.now();
    String from = now.minus(1, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC).toLocalTime().truncatedTo(ChronoUnit.MINUTES).toString();
    String to = now.plus(1, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC).toLocalTime().truncatedTo(ChronoUnit.MINUTES).toString();
    long id = create(new JsonObject().put("name", "nightly").put("fault", "down").put("durationSeconds", 2)
        .put("schedule", "@daily").put("window", "daily " + from + "-" + to + " UTC"));
    JsonObject listed = drill(id);
    assertThat(listed.getString("nextRunAt")).isNotNull();
    // As if it had been created two days ago: today's window opening has passed and nothing ran yet.
    bed.count("WITH u AS (UPDATE drills SET created_at = now() - interval '2 days' WHERE drill_id = " + id
        + " RETURNING 1) SELECT count(*) FROM u");
    JsonObject run = finished(id);
    assertThat(run.getString("triggeredBy")).isEqualTo("scheduler");
    Beds.sleep(2_500);
    assertThat(runs(id)).hasSize(1);
  }

  static long create(JsonObject d) throws Exception {
    JsonObject body = d.copy().put("targetCarrier", "twilio").put("by", "alice")
        .put("plan", new JsonObject().put("callsPerSecond", 4).put("inFlightCalls", 2));
    if (!body.containsKey("schedule")) {
      body.put("schedule", "manual");
    }
    return json(bed.post("/api/v1/drills", body), 201).getLong("id");
  }

  static JsonObject finished(long drillId) {
    return Beds.value("a finished run of drill " + drillId, Duration.ofSeconds(60), () -> {
      JsonArray runs = runs(drillId);
      if (runs.isEmpty() || "running".equals(runs.getJsonObject(0).getString("status"))) {
        return null;
      }
      return runs.getJsonObject(0);
    });
  }

  static JsonArray runs(long drillId) {
    try {
      return new JsonObject(bed.get("/api/v1/drills/" + drillId + "/runs").body()).getJsonArray("runs");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static JsonObject drill(long id) throws Exception {
    for (Object o : new JsonObject(bed.get("/api/v1/drills").body()).getJsonArray("drills")) {
      if (((JsonObject) o).getLong("id") == id) {
        return (JsonObject) o;
      }
    }
    throw new AssertionError("no drill " + id);
  }

  static JsonObject criterion(JsonObject verdict, String name) {
    for (Object o : verdict.getJsonArray("criteria")) {
      if (name.equals(((JsonObject) o).getString("name"))) {
        return (JsonObject) o;
      }
    }
    throw new AssertionError("no criterion " + name + " in " + verdict.encode());
  }

  static List<String> events(JsonObject run) {
    return run.getJsonArray("timeline").stream().map(o -> ((JsonObject) o).getString("event")).toList();
  }

  static JsonArray faults() {
    try {
      return sim.faults();
    } catch (Exception e) {
      return new JsonArray();
    }
  }

  static JsonObject who(String by, String reason) {
    return new JsonObject().put("by", by).put("reason", reason);
  }

  static JsonObject json(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return new JsonObject(r.body());
  }
}
