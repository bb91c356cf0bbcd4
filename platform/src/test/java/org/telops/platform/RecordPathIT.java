package org.telops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.audio.MuLaw;
import org.telops.audio.speech.Espeak;
import org.telops.contracts.bus.Addresses;

/**
 * The record path through carrier-sim, with spoken caller audio (espeak-ng): a Twilio call whose agent stream the
 * carrier drops mid-call goes on over {@code <Play>}/{@code <Record>} with the same engine and call id, and a number
 * whose webhook asks for it ({@code ?path=record}) runs a whole call without a stream. The caller hears the agent's
 * replies (the sim plays the runtime's WAVs), its recorded turns reach the engine, and the CDR says which path.
 */
class RecordPathIT {
  private static final String SID = "AC" + "5".repeat(32);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static TestPlatform p;
  private static final List<JsonObject> moments = new CopyOnWriteArrayList<>();
  private static final List<JsonObject> turns = new CopyOnWriteArrayList<>();
  private static byte[] speech;
  private static byte[] hours;
  private static Caller lastCaller;

  @BeforeAll
  static void start() throws Exception {
    speech = Espeak.ulaw8k("I would like to book an appointment for tomorrow morning", 165, 50, 20_000);
    hours = Espeak.ulaw8k("what are your opening hours", 160, 50, 20_000);
    int port = TestPlatform.freePort();
    p = TestPlatform.start(Map.of("TELOPS_HTTP_PORT", String.valueOf(port), "TELOPS_TWILIO_ACCOUNT_SID", SID,
        "TELOPS_SIM_CALLBACK_REORDER_PERCENT", "0", "TELOPS_SIM_CALLBACK_DUPLICATE_PERCENT", "0",
        "TELOPS_STREAM_RESUME_SECONDS", "5", "TELOPS_RECORD_PATH_SILENCE_SECONDS", "1",
        // The whole-call case runs the pipeline engine (offline: pocketsphinx, the flow's intents, espeak-ng).
        "TELOPS_AGENT_ENGINE_BY_NUMBER", "+15550100=probe-responder,+15550177=pipeline",
        "TELOPS_SIM_NUMBERS", "+15550177=twilio|http://127.0.0.1:" + port + "/carriers/twilio/voice?path=record,"
            + "+15550188=telnyx|http://127.0.0.1:" + port + "/carriers/telnyx/texml"));
    p.platform.vertx().eventBus().<JsonObject>consumer(Addresses.CALL_MOMENTS, m -> moments.add(m.body()));
    p.platform.vertx().eventBus().<JsonObject>consumer(Addresses.CALL_TURNS, m -> turns.add(m.body()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (p != null) {
      p.close();
    }
  }

  @Test
  @DisplayName("a Twilio stream dropped mid-call: the call goes on over <Play>/<Record>, same call id, CDR stream+record")
  void droppedStreamGoesOnOverTheRecordPath() throws Exception {
    Caller caller = caller();
    java.util.Set<String> before = callIds();
    String sid = place("+15550150", caller.url); // +15550100 is the probe responder's number
    until("the agent's stream started", () -> newCallId(before, "stream-start") != null);
    String callId = newCallId(before, "stream-start");
    until("the greeting reached the caller", () -> caller.heard.get() > 25);
    put(new JsonObject().put("carrier", "twilio").put("kind", "media-drop").put("afterSeconds", 0).put("leg", "agent"));
    until("the call moved to the record path", () -> kinds(callId).contains("record-path"));
    assertThat(p.send("DELETE", "/sim/faults", TestPlatform.ADMIN_TOKEN, null, null).statusCode()).isLessThan(300);
    assertThat(kinds(callId)).as("the drop was not the end of the call").doesNotContain("stream-stop");

    int turnsBefore = turnsOf(callId);
    caller.awaitQuiet(); // the sim plays what the agent had to say, then records the caller
    caller.say(speech);
    int heardBefore = caller.heard.get();
    until("the caller's recorded turn reached the engine", () -> turnsOf(callId) > turnsBefore || kinds(callId)
        .stream().filter("playback-finished"::equals).count() > 1, 30);
    until("the agent's reply was played to the caller", () -> caller.heard.get() > heardBefore + 25, 30);
    hangUp(sid);
    until("the call ended", () -> kinds(callId).contains("stream-stop"));
    until("the CDR stored", () -> row(callId) != null);
    String[] cdr = row(callId);
    System.out.println("record path after a drop: " + kinds(callId) + "; CDR " + String.join(", ", cdr));
    assertThat(cdr[0]).as("outcome").isEqualTo("completed");
    assertThat(cdr[1]).as("media path").isEqualTo("stream+record");
    assertThat(count(callId)).as("one call, not two").isEqualTo(1);
  }

  @Test
  @DisplayName("TeXML: a Telnyx TeXML call's stream dropped: the <Connect action> continues it over <Play>/<Record>")
  void texmlStreamDropGoesOnOverTheRecordPath() throws Exception {
    Caller caller = caller();
    java.util.Set<String> before = callIds();
    String sid = place("+15550188", caller.url); // a Twilio caller dials a number a TeXML application answers on Telnyx
    until("the agent's Telnyx stream started", () -> newCallId(before, "stream-start") != null);
    String callId = newCallId(before, "stream-start");
    until("the greeting reached the caller", () -> caller.heard.get() > 25);
    put(new JsonObject().put("carrier", "telnyx").put("kind", "media-drop").put("afterSeconds", 0).put("leg", "agent"));
    until("the call moved to the record path", () -> kinds(callId).contains("record-path"));
    assertThat(p.send("DELETE", "/sim/faults", TestPlatform.ADMIN_TOKEN, null, null).statusCode()).isLessThan(300);
    assertThat(kinds(callId)).as("not restarted with Call Control, not ended").doesNotContain("stream-resumed", "stream-stop");
    caller.awaitQuiet();
    caller.say(speech);
    int heardBefore = caller.heard.get();
    until("the agent's reply was played to the caller", () -> caller.heard.get() > heardBefore + 25, 30);
    hangUp(sid);
    until("the call ended (the TeXML status callback)", () -> kinds(callId).contains("stream-stop"));
    until("the CDR stored", () -> row(callId) != null);
    String[] cdr = row(callId);
    System.out.println("TeXML record path after a drop: " + kinds(callId) + "; CDR " + String.join(", ", cdr));
    assertThat(cdr[0]).as("outcome").isEqualTo("completed");
    assertThat(cdr[1]).as("media path").isEqualTo("stream+record");
    assertThat(count(callId)).as("one call, not two").isEqualTo(1);
  }

  @Test
  @DisplayName("a number whose webhook asks for ?path=record, pipeline engine: greeting, a spoken turn transcribed (STT seconds on the CDR), a reply, CDR record")
  void wholeCallOnTheRecordPath() throws Exception {
    Caller caller = caller();
    java.util.Set<String> before = callIds();
    String sid = place("+15550177", caller.url);
    until("the call started on the record path", () -> newCallId(before, "record-path") != null);
    String callId = newCallId(before, "record-path");
    until("the greeting (a <Play> of the runtime's WAV) reached the caller", () -> caller.heard.get() > 25);
    caller.awaitQuiet(); // the greeting and menu played; the sim records the caller now
    caller.say(hours);
    int heardBefore = caller.heard.get();
    until("the agent's reply was played to the caller", () -> caller.heard.get() > heardBefore + 25, 30);
    hangUp(sid);
    until("the call ended", () -> kinds(callId).contains("stream-stop"));
    until("the CDR stored", () -> row(callId) != null);
    String[] cdr = row(callId);
    System.out.println("record path from the start (pipeline): " + kinds(callId) + "; CDR " + String.join(", ", cdr)
        + "; turns " + turns.stream().filter(t -> callId.equals(t.getString("callId"))).toList());
    assertThat(cdr[0]).as("outcome").isEqualTo("completed");
    assertThat(cdr[1]).as("media path").isEqualTo("record");
    assertThat(turnsOf(callId)).as("the caller's turn was a turn of the call").isGreaterThanOrEqualTo(1);
    assertThat(Double.parseDouble(cdr[3])).as("STT seconds: the recorded turn was transcribed").isPositive();
  }

  /** The caller's app: a Twilio media stream that sends silence, or speech on demand, and counts voiced agent frames. */
  private static final class Caller {
    String url;
    final AtomicInteger heard = new AtomicInteger();
    final AtomicInteger frames = new AtomicInteger();
    final AtomicInteger loudest = new AtomicInteger();
    final java.util.concurrent.ConcurrentLinkedQueue<byte[]> toSay = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @Override
    public String toString() {
      return "heard " + heard + " voiced of " + frames + " frames, loudest " + loudest;
    }

    /**
     * Until the agent has been silent for 1.5 s: its prompts played (the flow's greeting is 9.8 s, its menu 8.8 s, with
     * a silent 1 s <Record> between them) and the sim is recording the caller.
     */
    void awaitQuiet() throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int last = heard.get();
      long quietSince = System.nanoTime();
      while (System.nanoTime() < deadline) {
        Thread.sleep(50);
        int now = heard.get();
        if (now != last) {
          last = now;
          quietSince = System.nanoTime();
        } else if (System.nanoTime() - quietSince > 1_500_000_000L) {
          return;
        }
      }
      throw new AssertionError("the agent never went quiet: " + this);
    }

    /** Queues speech and waits until it has been sent (20 ms a frame). */
    void say(byte[] ulaw) throws InterruptedException {
      sayLater(ulaw);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!toSay.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the caller's stream stopped taking audio (the call ended?): " + this + "; moments: "
              + moments.stream().map(m -> m.getString("callId") + " " + m.getString("kind")).toList());
        }
        Thread.sleep(20);
      }
    }

    void sayLater(byte[] ulaw) {
      for (int i = 0; i < ulaw.length; i += 160) {
        byte[] f = java.util.Arrays.copyOfRange(ulaw, i, i + 160);
        if (i + 160 > ulaw.length) {
          java.util.Arrays.fill(f, ulaw.length - i, 160, (byte) 0xFF);
        }
        toSay.add(f);
      }
    }
  }

  private static Caller caller() throws Exception {
    Caller c = new Caller();
    io.vertx.core.Vertx vertx = p.platform.vertx();
    byte[] silence = new byte[160];
    java.util.Arrays.fill(silence, (byte) 0xFF);
    io.vertx.core.http.HttpServer server = vertx.createHttpServer().webSocketHandler(ws -> {
      long[] timer = {-1};
      AtomicBoolean started = new AtomicBoolean();
      ws.textMessageHandler(text -> {
        JsonObject m = new JsonObject(text);
        String event = m.getString("event");
        if ("start".equals(event) && started.compareAndSet(false, true)) {
          String streamSid = m.getString("streamSid", m.getJsonObject("start").getString("streamSid"));
          timer[0] = vertx.setPeriodic(20, id -> {
            byte[] frame = c.toSay.poll();
            ws.writeTextMessage(new JsonObject().put("event", "media").put("streamSid", streamSid)
                .put("media", new JsonObject().put("payload", Base64.getEncoder().encodeToString(frame == null ? silence : frame)))
                .encode());
          });
        } else if ("media".equals(event)) {
          byte[] ulaw = Base64.getDecoder().decode(m.getJsonObject("media").getString("payload"));
          long sum = 0;
          for (byte b : ulaw) {
            sum += Math.abs(MuLaw.decode(b));
          }
          c.frames.incrementAndGet();
          c.loudest.accumulateAndGet((int) (sum / Math.max(1, ulaw.length)), Math::max);
          if (ulaw.length > 0 && sum / ulaw.length > 300) {
            c.heard.incrementAndGet();
          }
        }
      });
      ws.closeHandler(v -> {
        vertx.cancelTimer(timer[0]);
        System.out.println("caller stream closed: " + c);
      });
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    c.url = "ws://127.0.0.1:" + server.actualPort() + "/caller";
    lastCaller = c;
    return c;
  }

  private static java.util.Set<String> callIds() {
    return moments.stream().map(m -> m.getString("callId")).collect(java.util.stream.Collectors.toSet());
  }

  private static String newCallId(java.util.Set<String> before, String kind) {
    return moments.stream().filter(m -> kind.equals(m.getString("kind")) && !before.contains(m.getString("callId")))
        .map(m -> m.getString("callId")).findFirst().orElse(null);
  }

  private static List<String> kinds(String callId) {
    return moments.stream().filter(m -> callId.equals(m.getString("callId"))).map(m -> m.getString("kind")).toList();
  }

  private static int turnsOf(String callId) {
    return (int) turns.stream().filter(t -> callId.equals(t.getString("callId"))).count();
  }

  private static String place(String to, String callerUrl) throws Exception {
    String form = "To=" + enc(to) + "&From=" + enc("+12025550123")
        + "&Twiml=" + enc("<Response><Connect><Stream url=\"" + callerUrl + "\"/></Connect></Response>");
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(p.base() + "/sim/twilio/2010-04-01/Accounts/"
            + SID + "/Calls.json")).header("Authorization", basic()).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body()).getString("sid");
  }

  private static void hangUp(String sid) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(p.base() + "/sim/twilio/2010-04-01/Accounts/"
            + SID + "/Calls/" + sid + ".json")).header("Authorization", basic())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("Status=completed")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static void put(JsonObject fault) throws Exception {
    HttpResponse<String> r = p.send("PUT", "/sim/faults", TestPlatform.ADMIN_TOKEN, "application/json", fault.encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static String[] row(String callId) {
    try (Connection c = p.platform.dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT outcome, media_path, hangup_cause, coalesce(stt_seconds, 0), "
             + "coalesce(tts_characters, 0) FROM calls WHERE call_id = ? AND ended_at IS NOT NULL AND media_path IS NOT NULL")) {
      ps.setString(1, callId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)}
            : null;
      }
    } catch (Exception e) {
      return null;
    }
  }

  private static int count(String callId) throws Exception {
    try (Connection c = p.platform.dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM calls WHERE call_id = ?")) {
      ps.setString(1, callId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static String basic() {
    return "Basic " + Base64.getEncoder().encodeToString((SID + ":" + TestPlatform.TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static void until(String what, BooleanSupplier condition) throws InterruptedException {
    until(what, condition, 20);
  }

  private static void until(String what, BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + seconds + " s waiting for " + what + "; last caller " + lastCaller
            + "; moments: "
            + moments.stream().map(m -> m.getString("callId") + " " + m.getString("kind")).toList());
      }
      Thread.sleep(50);
    }
  }
}
