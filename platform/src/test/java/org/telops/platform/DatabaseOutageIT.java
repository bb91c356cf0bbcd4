package org.telops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.bus.Addresses;
import org.telops.runtime.AgentRuntimeModule;

/**
 * PostgreSQL away for 60 s during live calls, as an operator would meet it: the calls go on (media keeps flowing,
 * new calls are answered), readiness names what is degraded, and once the database is back every CDR, quality
 * sample and turn of those calls is stored — counted against what the runtime produced on the bus.
 */
class DatabaseOutageIT {
  private static final String SID = "AC0123456789abcdef0123456789abcdef";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  @DisplayName("A 60 s PostgreSQL outage during live calls: calls go on, readiness says degraded, and every CDR, sample and turn is stored after")
  void outageDuringLiveCalls() throws Exception {
    try (TestPlatform p = TestPlatform.start(Map.of("TELOPS_TWILIO_ACCOUNT_SID", SID,
        "TELOPS_SIM_CALLBACK_REORDER_PERCENT", "0", "TELOPS_SIM_CALLBACK_DUPLICATE_PERCENT", "0"))) {
      AgentRuntimeModule runtime = (AgentRuntimeModule) p.platform.modules().stream()
          .filter(m -> m.role().equals("agent-runtime")).findFirst().orElseThrow();
      AtomicInteger samples = new AtomicInteger();
      AtomicInteger turns = new AtomicInteger();
      java.util.concurrent.atomic.AtomicLong framesIn = new java.util.concurrent.atomic.AtomicLong();
      p.platform.vertx().eventBus().<JsonObject>consumer(Addresses.QUALITY_SAMPLES, m -> {
        samples.incrementAndGet();
        framesIn.addAndGet(m.body().getLong("framesReceived", 0L));
      });
      p.platform.vertx().eventBus().consumer(Addresses.CALL_TURNS, m -> turns.incrementAndGet());

      String callerUrl = callerApp(p);
      List<String> before = place(p, 8, 0, callerUrl);
      awaitInFlight(runtime, 8);
      Thread.sleep(2_000);

      p.platform.embeddedDatabase().stop();
      long outageStart = System.nanoTime();
      // A write that starts after the database stopped sees the port refuse and spools at once; one in flight when it
      // stopped gives up after one pool attempt (~1 s, Databases.pool) instead of the 10 s wait of a busy pool.
      while (p.metric("telops_runtime_spool_rows") == 0 && System.nanoTime() - outageStart < 12_000_000_000L) {
        Thread.sleep(50);
      }
      long firstSpooledMs = (System.nanoTime() - outageStart) / 1_000_000;
      System.out.printf("first quality/turn rows spooled %d ms after PostgreSQL stopped%n", firstSpooledMs);
      assertThat(p.metric("telops_runtime_spool_rows")).as("quality/turn rows spooled within 12 s of the outage").isPositive();
      // The calls speak in step every 4 s, so this is mostly the wait for the next row; a 10 s pool wait would exceed it.
      assertThat(firstSpooledMs).as("ms from the stop to the first quality/turn rows spooled").isLessThan(7_000);
      long t0 = System.nanoTime();
      HttpResponse<String> posted = p.postJson("/api/v1/cdrs", new io.vertx.core.json.JsonArray().add(new JsonObject()
          .put("callId", "outage-cdr").put("carrier", "twilio").put("attemptedAt", "2026-12-01T10:00:00Z")).encode());
      assertThat(posted.statusCode()).isEqualTo(200);
      assertThat((System.nanoTime() - t0) / 1_000_000).as("a CDR posted during the outage is acknowledged from the spool, ms")
          .isLessThan(1_500);
      long framesAtStop = framesIn.get();
      Thread.sleep(12_000);
      // New calls are answered while the database is away.
      List<String> during = place(p, 4, 100, callerUrl);
      awaitInFlight(runtime, 12);
      HttpResponse<String> ready = p.get("/health/ready");
      assertThat(ready.statusCode()).as("degraded, not out of rotation: %s", ready.body()).isEqualTo(200);
      assertThat(ready.body()).contains("PostgreSQL unreachable: records are spooled to local disk");
      Thread.sleep(25_000);
      // Calls end during the outage: their CDRs are produced with PostgreSQL away.
      for (String sid : before.subList(0, 4)) {
        hangUp(p, sid);
      }
      for (String sid : during.subList(0, 2)) {
        hangUp(p, sid);
      }
      while (System.nanoTime() - outageStart < Duration.ofSeconds(60).toNanos()) {
        Thread.sleep(200);
      }
      assertThat(framesIn.get() - framesAtStop).as("media frames the agent received during the outage (its 10 s samples)")
          .isGreaterThan(8 * 50 * 40); // 8 calls × 50 frames/s × ≥ 40 s of sampled windows
      ready = p.get("/health/ready");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("CDRs are spooled to local disk")
          .contains("quality samples and turns are spooled to local disk");
      assertThat(p.metric("telops_runtime_spool_rows")).as("quality/turn rows in the spool").isPositive();
      assertThat(p.metric("telops_cdr_spool_records")).as("CDR fragments in the spool").isPositive();
      p.platform.embeddedDatabase().restart();

      for (String sid : before.subList(4, 8)) {
        hangUp(p, sid);
      }
      for (String sid : during.subList(2, 4)) {
        hangUp(p, sid);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (runtime.callsInFlight() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(runtime.callsInFlight()).isZero();
      Thread.sleep(1_500); // the last sample and turn rows reach the writer
      assertThat(runtime.writer().awaitDrained(Duration.ofSeconds(30))).isTrue();
      p.awaitWritten();
      long stored = 0;
      for (int i = 0; i < 100 && stored < 12; i++) {
        Thread.sleep(200);
        stored = p.count("SELECT count(*) FROM calls WHERE state = 'ended' AND direction = 'inbound' AND from_number LIKE '+1202555%'");
      }
      assertThat(stored).as("ended CDRs of the 12 calls").isEqualTo(12);
      assertThat(p.count("SELECT count(*) FROM call_quality_samples")).as("quality samples stored vs produced")
          .isEqualTo(samples.get()).isGreaterThanOrEqualTo(8 * 5);
      assertThat(p.count("SELECT count(*) FROM call_turns")).as("turns stored vs produced")
          .isEqualTo(turns.get()).isGreaterThanOrEqualTo(12 * 3);
      assertThat(p.metric("telops_runtime_rows_dropped_total")).isZero();
      assertThat(p.metric("telops_runtime_spool_rows")).isZero();
      assertThat(p.metric("telops_cdr_spool_records")).isZero();
      assertThat(p.get("/health/ready").body()).doesNotContain("degraded");
    }
  }

  /**
   * The callers' side: a Twilio media-stream app the sim's caller legs connect to, which "speaks" (a 1.2 s, 300 Hz
   * burst the agent's VAD hears as an utterance) every 4 s, so the agent answers with turns.
   */
  private static String callerApp(TestPlatform p) throws Exception {
    short[] utterance = org.telops.audio.ToneGenerator.tone(300, 1_200, 8_000);
    byte[] cycle = new byte[4_000 * 8];
    java.util.Arrays.fill(cycle, org.telops.audio.MuLaw.encode((short) 0));
    for (int i = 0; i < utterance.length; i++) {
      cycle[i] = org.telops.audio.MuLaw.encode(utterance[i]);
    }
    io.vertx.core.Vertx vertx = p.platform.vertx();
    io.vertx.core.http.HttpServer server = vertx.createHttpServer().webSocketHandler(ws -> {
      long[] timer = {-1};
      int[] at = {0};
      ws.textMessageHandler(text -> {
        JsonObject m = new JsonObject(text);
        if ("start".equals(m.getString("event")) && timer[0] < 0) {
          String streamSid = m.getString("streamSid", m.getJsonObject("start").getString("streamSid"));
          timer[0] = vertx.setPeriodic(20, id -> {
            byte[] frame = java.util.Arrays.copyOfRange(cycle, at[0], at[0] + 160);
            at[0] = (at[0] + 160) % cycle.length;
            ws.writeTextMessage(new JsonObject().put("event", "media").put("streamSid", streamSid)
                .put("media", new JsonObject().put("payload", Base64.getEncoder().encodeToString(frame))).encode());
          });
        }
      });
      ws.closeHandler(v -> vertx.cancelTimer(timer[0]));
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    return "ws://127.0.0.1:" + server.actualPort() + "/caller";
  }

  /** Calls from distinct numbers to the agent's hosted number, each caller leg streaming to the caller app. */
  private static List<String> place(TestPlatform p, int n, int offset, String callerUrl) throws Exception {
    List<String> sids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String form = "To=" + enc("+15550100") + "&From=" + enc("+1202555" + String.format("%04d", offset + i))
          + "&Twiml=" + enc("<Response><Connect><Stream url=\"" + callerUrl + "\"/></Connect></Response>");
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(p.base() + "/sim/twilio/2010-04-01/Accounts/"
              + SID + "/Calls.json")).header("Authorization", basic()).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      sids.add(new JsonObject(r.body()).getString("sid"));
    }
    return sids;
  }

  private static void hangUp(TestPlatform p, String sid) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(p.base() + "/sim/twilio/2010-04-01/Accounts/"
            + SID + "/Calls/" + sid + ".json")).header("Authorization", basic())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("Status=completed")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static void awaitInFlight(AgentRuntimeModule runtime, int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (runtime.callsInFlight() < n && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(runtime.callsInFlight()).as("calls in flight").isEqualTo(n);
  }

  private static String basic() {
    return "Basic " + Base64.getEncoder().encodeToString((SID + ":" + TestPlatform.TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
