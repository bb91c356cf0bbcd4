package org.telops.prober.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The prober end to end on the real carrier-sim (Twilio for us-east and eu-west, Telnyx for ap-south, the
 * sim's default impairment per region) and the real agent runtime answering with its probe-responder
 * engine, on embedded PostgreSQL. One story in order: clean run, outage in one region, prober restart
 * during the outage, recovery, one-way audio. Each step prints what it measured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProberIT {
  /** Longer than one probe (≈ 2–3.3 s with 3 digits), so a clean run never skips. */
  static final int INTERVAL_SECONDS = 4;
  static final long INTERVAL_MS = INTERVAL_SECONDS * 1000L;
  ProberBed bed;
  Instant outageAt;

  @BeforeAll
  void start() throws Exception {
    bed = new ProberBed(Map.of(
        "TELOPS_PROBE_INTERVAL_SECONDS", String.valueOf(INTERVAL_SECONDS),
        "TELOPS_PROBE_DIGITS", "3",
        "TELOPS_PROBE_WER", "false", // the story times the pass/fail steps; ProbeWerIT covers the spoken phrase
        "TELOPS_PROBE_SUCCESSES_TO_RESTORE", "2",
        "TELOPS_PROBE_API_TIMEOUT_MS", "2000",
        "TELOPS_PROBE_CONNECT_TIMEOUT_MS", "5000",
        "TELOPS_PROBE_AUDIO_TIMEOUT_MS", "2000",
        "TELOPS_PROBE_ANSWER_TIMEOUT_MS", "2000",
        "TELOPS_PROBE_ECHO_TIMEOUT_MS", "2000"));
  }

  @AfterAll
  void stop() throws Exception {
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  @Order(1)
  @DisplayName("A clean run stores successful probes for every region, with round trips that follow each region's network")
  void cleanRun() throws Exception {
    ProberBed.until("three successful probes in each region", Duration.ofSeconds(40), ProberBed.check(() -> bed.rows(
        "SELECT region FROM probe_results WHERE outcome = 'success' GROUP BY region HAVING count(*) >= 3").size() == 3));
    List<Map<String, Object>> ok = bed.rows("SELECT * FROM probe_results WHERE outcome = 'success'");
    for (Map<String, Object> p : ok) {
      assertThat(p.get("reason")).isNull();
      assertThat((Integer) p.get("connect_ms")).isPositive();
      assertThat((Integer) p.get("first_audio_ms")).isGreaterThanOrEqualTo((Integer) p.get("connect_ms"));
      assertThat((Integer) p.get("round_trip_ms")).isPositive();
      assertThat((Double) p.get("mos")).isBetween(1.0, 4.5);
      assertThat(p.get("jitter_ms")).isNotNull();
      assertThat(p.get("loss_percent")).isNotNull();
      String sent = (String) p.get("digits_sent");
      assertThat(p.get("digits_received"))
          .isEqualTo(new StringBuilder(sent.substring(0, sent.length() - 1)).reverse() + "#");
      assertThat((Long) p.get("cost_micros")).isPositive();
      assertThat(p.get("currency")).isEqualTo("USD");
    }
    Map<String, Object> twilio = bed.rows("SELECT min(cost_micros) AS c FROM probe_results WHERE carrier = 'twilio' "
        + "AND outcome = 'success'").get(0);
    assertThat(twilio.get("c")).as("Twilio's own price (the sim's 0.0140/min, one minute billed)").isEqualTo(14_000L);
    Map<String, Object> rtt = bed.rows("SELECT min(round_trip_ms) FILTER (WHERE region = 'us-east') AS us, "
        + "min(round_trip_ms) FILTER (WHERE region = 'eu-west') AS eu, min(round_trip_ms) FILTER (WHERE region = 'ap-south') AS ap "
        + "FROM probe_results WHERE outcome = 'success'").get(0);
    System.out.println("clean run: fastest round trip per region (sim one-way latency 0 / 70 / 160 ms): " + rtt);
    assertThat((Integer) rtt.get("us")).isLessThan((Integer) rtt.get("eu"));
    assertThat((Integer) rtt.get("eu")).isLessThan((Integer) rtt.get("ap"));
    assertThat((Integer) rtt.get("ap")).as("ap-south: 2 × 160 ms of sim latency at least").isGreaterThanOrEqualTo(320);

    JsonObject regions = bed.getJson(bed.proberBase, "/api/v1/regions");
    assertThat(regions.getInteger("_status")).isEqualTo(200);
    JsonArray list = regions.getJsonArray("regions");
    assertThat(list).hasSize(3);
    for (Object o : list) {
      JsonObject r = (JsonObject) o;
      assertThat(r.getString("status")).as(r.getString("region")).isIn("healthy", "degraded");
      assertThat(r.getJsonObject("probes").getLong("success")).isGreaterThanOrEqualTo(3);
      assertThat(r.getJsonObject("roundTripMs").getDouble("p50")).isPositive();
      assertThat(r.getJsonObject("roundTripMs").getDouble("p99"))
          .isGreaterThanOrEqualTo(r.getJsonObject("roundTripMs").getDouble("p95"));
    }
    JsonObject probes = bed.getJson(bed.proberBase, "/api/v1/probes?region=ap-south");
    assertThat(probes.getJsonArray("probes")).isNotEmpty()
        .allSatisfy(p -> assertThat(((JsonObject) p).getString("region")).isEqualTo("ap-south"));
    assertThat(probes.getJsonObject("roundTripMs").getDouble("p50")).isGreaterThanOrEqualTo(320);
    double sqlP95 = ((Number) bed.rows("SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY round_trip_ms) AS p FROM "
        + "probe_results WHERE region = 'ap-south' AND probed_at > now() - interval '1 hour'").get(0).get("p")).doubleValue();
    assertThat(probes.getJsonObject("roundTripMs").getDouble("p95")).as("the API's P95 is PostgreSQL's percentile_cont")
        .isCloseTo(sqlP95, org.assertj.core.data.Offset.offset(0.051));
    JsonObject cost = bed.getJson(bed.proberBase, "/api/v1/probes/cost");
    JsonObject total = cost.getJsonArray("totals").getJsonObject(0);
    System.out.println("clean run: cost so far " + total.encode());
    assertThat(total.getString("currency")).isEqualTo("USD");
    assertThat(total.getLong("billedMinutes")).isGreaterThanOrEqualTo(9);
    assertThat(total.getLong("costMicros")).isPositive();
    assertThat(bed.getJson(bed.proberBase, "/api/v1/probes?from=yesterday").getInteger("_status")).isEqualTo(400);
    assertThat(bed.probeMessages).isNotEmpty();
  }

  @Test
  @Order(2)
  @DisplayName("An outage of eu-west's carrier removes eu-west within three probe intervals while the other regions stay in routing")
  void outageRemovesOneRegion() throws Exception {
    outageAt = Instant.now();
    bed.putFault(new JsonObject().put("carrier", "twilio").put("kind", "down").put("region", "eu-west"));
    ProberBed.until("eu-west removed", Duration.ofSeconds(30), ProberBed.check(() -> "removed".equals(bed.status("eu-west"))));
    Map<String, Object> event = bed.rows("SELECT at, from_status, reason FROM region_health_events "
        + "WHERE region = 'eu-west' AND to_status = 'removed' ORDER BY at DESC LIMIT 1").get(0);
    Instant removedAt = ((Timestamp) event.get("at")).toInstant();
    double seconds = Duration.between(outageAt, removedAt).toMillis() / 1000.0;
    System.out.printf("outage: eu-west removed %.1f s after the fault = %.2f probe intervals of %d s (%s)%n", seconds,
        seconds / INTERVAL_SECONDS, INTERVAL_SECONDS, event.get("reason"));
    assertThat(event.get("from_status")).isEqualTo("degraded");
    assertThat((String) event.get("reason")).contains("3 failed probes in a row, last: carrier-error");
    List<Map<String, Object>> failed = bed.rows("SELECT reason, probed_at FROM probe_results WHERE region = 'eu-west' "
        + "AND probed_at >= ? AND outcome = 'failure' ORDER BY probed_at", Timestamp.from(outageAt));
    assertThat(failed).hasSize(3).allSatisfy(f -> assertThat(f.get("reason")).isEqualTo("carrier-error"));
    // The first failing probe comes within an interval (± jitter ≤ 40 % of interval/3), the next two after the
    // confirm delay each: the third started well within three intervals after the outage began.
    Instant third = ((Timestamp) failed.get(2).get("probed_at")).toInstant();
    assertThat(Duration.between(outageAt, third)).isLessThanOrEqualTo(Duration.ofMillis(3 * INTERVAL_MS + 600));

    for (String other : List.of("us-east", "ap-south")) {
      assertThat(bed.status(other)).as(other).isNotEqualTo("removed");
      // Removal now comes within a couple of intervals; the other regions' next success may still be due.
      ProberBed.until(other + " succeeding after the outage began", Duration.ofSeconds(20), ProberBed.check(() -> !bed.rows(
          "SELECT 1 FROM probe_results WHERE region = ? AND probed_at >= ? AND outcome = 'success'",
          other, Timestamp.from(outageAt)).isEmpty()));
      assertThat(bed.status(other)).as(other).isNotEqualTo("removed");
    }
    ProberBed.until("the removal on the bus", Duration.ofSeconds(5), () -> bed.regionHealthMessages.stream()
        .anyMatch(m -> "eu-west".equals(m.getString("region")) && "removed".equals(m.getString("state"))
            && "twilio".equals(m.getString("carrier"))));
    ProberBed.until("a probe-failures alert for eu-west", Duration.ofSeconds(15), ProberBed.check(() -> !bed.rows(
        "SELECT 1 FROM alerts WHERE rule = 'probe-failures' AND region = 'eu-west' AND status = 'open'").isEmpty()));
  }

  @Test
  @Order(3)
  @DisplayName("A restarted prober keeps eu-west removed, announces it again and carries on the schedule from the stored probes")
  void restartKeepsStateAndCadence() throws Exception {
    Map<String, Instant> lastBefore = lastProbes();
    int announcedBefore = bed.regionHealthMessages.size();
    bed.restartProber();
    // Taken after the restart: the stopping prober may still start a confirmation probe while it stops, and that
    // probe is the old instance's, not the first firing of the new one.
    Instant restartedAt = Instant.now();
    JsonObject regions = bed.getJson(bed.proberBase, "/api/v1/regions");
    JsonObject eu = regions.getJsonArray("regions").stream().map(JsonObject.class::cast)
        .filter(r -> r.getString("region").equals("eu-west")).findFirst().orElseThrow();
    assertThat(eu.getString("status")).isEqualTo("removed");
    assertThat(bed.regionHealthMessages.subList(announcedBefore, bed.regionHealthMessages.size()))
        .anySatisfy(m -> assertThat(m.getString("reason")).startsWith("still removed at prober start"));
    ProberBed.until("every region probed again", Duration.ofSeconds(15), ProberBed.check(() -> bed.rows(
        "SELECT region FROM probe_results WHERE probed_at > ? GROUP BY region", Timestamp.from(restartedAt)).size() == 3));
    // The first firing after a restart is ≥ last + interval − interval/(2·3) − jitter (40 % of interval/3).
    long earliestGapMs = INTERVAL_MS - INTERVAL_MS / 6 - INTERVAL_MS * 2 / 15;
    for (Map.Entry<String, Instant> e : lastBefore.entrySet()) {
      Instant first = ((Timestamp) bed.rows("SELECT min(probed_at) AS t FROM probe_results WHERE region = ? AND probed_at > ?",
          e.getKey(), Timestamp.from(restartedAt)).get(0).get("t")).toInstant();
      long gapMs = Duration.between(e.getValue(), first).toMillis();
      System.out.printf("restart: %s probed %d ms after its last probe before the restart%n", e.getKey(), gapMs);
      assertThat(gapMs).as(e.getKey()).isGreaterThanOrEqualTo(earliestGapMs - 50);
    }
  }

  @Test
  @Order(4)
  @DisplayName("When the carrier recovers, eu-west is restored after the configured two successful probes in a row")
  void recoveryRestores() throws Exception {
    Instant clearedAt = Instant.now();
    bed.clearFaults();
    ProberBed.until("eu-west restored", Duration.ofSeconds(30), ProberBed.check(() -> "healthy".equals(bed.status("eu-west"))));
    Map<String, Object> event = bed.rows("SELECT at, from_status, reason FROM region_health_events "
        + "WHERE region = 'eu-west' ORDER BY at DESC LIMIT 1").get(0);
    System.out.printf("recovery: eu-west restored %.1f s after the fault was cleared (%s)%n",
        Duration.between(clearedAt, ((Timestamp) event.get("at")).toInstant()).toMillis() / 1000.0, event.get("reason"));
    assertThat(event.get("from_status")).isEqualTo("removed");
    assertThat((String) event.get("reason")).isEqualTo("2 successful probes in a row");
    ProberBed.until("the restoration on the bus", Duration.ofSeconds(5), () -> bed.regionHealthMessages.stream()
        .anyMatch(m -> "eu-west".equals(m.getString("region")) && "restored".equals(m.getString("state"))));
    assertThat(bed.rows("SELECT 1 FROM region_health_events WHERE region IN ('us-east', 'ap-south') AND to_status = 'removed'"))
        .as("no other region was ever removed").isEmpty();
  }

  @Test
  @Order(5)
  @DisplayName("One-way audio in either direction is reported as one-way-audio, not as wrong digits or no audio")
  void oneWayAudio() throws Exception {
    for (String direction : List.of("agent-to-caller", "caller-to-agent")) {
      Instant from = Instant.now();
      bed.putFault(new JsonObject().put("carrier", "twilio").put("kind", "one-way-audio").put("region", "us-east")
          .put("direction", direction));
      ProberBed.until("a us-east probe with " + direction + " silent", Duration.ofSeconds(20), ProberBed.check(() -> !bed.rows(
          "SELECT 1 FROM probe_results WHERE region = 'us-east' AND probed_at > ? AND outcome = 'failure'",
          Timestamp.from(from)).isEmpty()));
      Map<String, Object> p = bed.rows("SELECT * FROM probe_results WHERE region = 'us-east' AND probed_at > ? "
          + "AND outcome = 'failure' ORDER BY probed_at LIMIT 1", Timestamp.from(from)).get(0);
      System.out.println("one-way audio (" + direction + " silent): " + p.get("reason") + ", digits sent "
          + p.get("digits_sent") + ", received " + p.get("digits_received"));
      assertThat(p.get("reason")).isEqualTo("one-way-audio");
      assertThat(p.get("digits_received")).isNull();
      assertThat(p.get("first_audio_ms")).as("frames did arrive").isNotNull();
    }
    bed.clearFaults();
  }

  private Map<String, Instant> lastProbes() throws Exception {
    Map<String, Instant> m = new java.util.TreeMap<>();
    for (Map<String, Object> r : bed.rows("SELECT region, max(probed_at) AS t FROM probe_results GROUP BY region")) {
      m.put((String) r.get("region"), ((Timestamp) r.get("t")).toInstant());
    }
    return m;
  }
}
