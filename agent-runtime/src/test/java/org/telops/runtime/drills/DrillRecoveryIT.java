package org.telops.runtime.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.migrations.EmbeddedDatabase;
import org.telops.runtime.routing.Beds;
import org.telops.runtime.routing.RouterBed;
import org.telops.runtime.routing.SimBed;

@DisplayName("A drill never leaves a carrier broken: not when the process stops, not when it crashes mid-drill")
class DrillRecoveryIT {
  static EmbeddedDatabase db;
  static SimBed sim;

  @BeforeAll
  static void start() throws Exception {
    db = Beds.database();
    sim = SimBed.start("http://127.0.0.1:9");
  }

  @AfterAll
  static void stop() {
    if (sim != null) {
      sim.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private static Map<String, String> env(String faultMode) {
    Map<String, String> env = new HashMap<>(sim.routerEnv());
    env.put("TELOPS_DRILL_FAULT_MODE", faultMode);
    return env;
  }

  @Test
  @DisplayName("A drill interrupted by a crash is found at the next start: fault removed in the sim, run closed as aborted")
  void crashInSimMode() throws Exception {
    RouterBed a = new RouterBed(db).start(env("sim"));
    long drillId = create(a, "crash-sim", "http-error:503");
    long runId = run(a, drillId);
    Beds.until("the fault is on in the sim", Duration.ofSeconds(10), () -> faultCount() == 1);
    Beds.until("the timeline saved with the fault", Duration.ofSeconds(10), () -> String.valueOf(
        text(a, "SELECT timeline::text FROM drill_runs WHERE run_id = " + runId)).contains("fault-injected"));
    a.crash();
    assertThat(sim.faults()).hasSize(1);

    try (RouterBed b = new RouterBed(db).start(env("sim"))) {
      JsonObject run = lastRun(b, drillId);
      assertThat(run.getLong("runId")).isEqualTo(runId);
      assertThat(run.getString("status")).isEqualTo("aborted");
      assertThat(run.getJsonObject("verdict").getString("summary"))
          .startsWith("aborted (interrupted: the process running it stopped mid-drill; recovered at start-up by router-");
      assertThat(run.getString("restoredAt")).isNotNull();
      List<String> events = events(run);
      assertThat(events).startsWith("requested", "started").endsWith("recovered", "restored");
      assertThat(sim.faults()).isEmpty();
      assertThat(b.carrier("twilio").getBoolean("available")).isTrue();
    }
  }

  @Test
  @DisplayName("In breaker mode the forced-open carrier survives the crash in the database, and the next start restores it")
  void crashInBreakerMode() throws Exception {
    RouterBed a = new RouterBed(db).start(env("breaker"));
    long drillId = create(a, "crash-breaker", "down");
    long runId = run(a, drillId);
    Beds.until("twilio forced open by the drill", Duration.ofSeconds(10), () -> ("forced-open|drill:" + runId).equals(
        text(a, "SELECT mode || '|' || changed_by FROM carrier_state WHERE carrier = 'twilio'")));
    a.crash();

    try (RouterBed b = new RouterBed(db).start(env("breaker"))) {
      JsonObject run = lastRun(b, drillId);
      assertThat(run.getString("status")).isEqualTo("aborted");
      assertThat(run.getString("faultMode")).isEqualTo("breaker");
      assertThat(b.carrier("twilio").getString("mode")).isEqualTo("normal");
      Beds.until("restore stored", Duration.ofSeconds(5), () -> ("normal|drill:" + runId).equals(
          text(b, "SELECT mode || '|' || changed_by FROM carrier_state WHERE carrier = 'twilio'")));
      assertThat(b.count("SELECT count(*) FROM failover_events WHERE trigger = 'drill' AND from_carrier = 'twilio'"))
          .isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  @DisplayName("Stopping the platform mid-drill ends the drill properly: fault removed, run aborted saying why")
  void gracefulStop() throws Exception {
    RouterBed c = new RouterBed(db).start(env("sim"));
    long drillId = create(c, "stop-sim", "down");
    run(c, drillId);
    Beds.until("the fault is on in the sim", Duration.ofSeconds(10), () -> faultCount() == 1);
    c.close();
    assertThat(sim.faults()).isEmpty();
    try (RouterBed d = new RouterBed(db).start(env("sim"))) {
      JsonObject run = lastRun(d, drillId);
      assertThat(run.getString("status")).isEqualTo("aborted");
      assertThat(run.getJsonObject("verdict").getString("summary")).startsWith("aborted (the platform is stopping)");
    }
  }

  private static long create(RouterBed bed, String name, String fault) throws Exception {
    HttpResponse<String> r = bed.post("/api/v1/drills", new JsonObject().put("name", name).put("targetCarrier", "twilio")
        .put("fault", fault).put("durationSeconds", 120).put("schedule", "manual").put("by", "alice")
        .put("plan", new JsonObject().put("callsPerSecond", 2).put("inFlightCalls", 1)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body()).getLong("id");
  }

  private static long run(RouterBed bed, long drillId) throws Exception {
    HttpResponse<String> r = bed.post("/api/v1/drills/" + drillId + "/run", new JsonObject().put("by", "alice")
        .put("reason", "recovery proof"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return new JsonObject(r.body()).getLong("runId");
  }

  private static JsonObject lastRun(RouterBed bed, long drillId) throws Exception {
    JsonArray runs = new JsonObject(bed.get("/api/v1/drills/" + drillId + "/runs").body()).getJsonArray("runs");
    return runs.getJsonObject(0);
  }

  private static List<String> events(JsonObject run) {
    return run.getJsonArray("timeline").stream().map(o -> ((JsonObject) o).getString("event")).toList();
  }

  private static int faultCount() {
    try {
      return sim.faults().size();
    } catch (Exception e) {
      return -1;
    }
  }

  private static String text(RouterBed bed, String sql) {
    try {
      return bed.text(sql);
    } catch (Exception e) {
      return null;
    }
  }
}
