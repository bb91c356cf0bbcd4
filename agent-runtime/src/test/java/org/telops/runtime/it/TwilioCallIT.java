package org.telops.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telops.runtime.it.RuntimeHarness.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.call.CallIds;
import org.telops.contracts.call.CallOutcome;
import org.telops.contracts.call.CallRecord;
import org.telops.runtime.Fixtures;
import org.telops.signatures.twilio.TwilioSignatures;

/** A whole Twilio call against the runtime: signed webhook, signed media socket, the scripted front desk. */
class TwilioCallIT {
  static RuntimeHarness rt;
  static Vertx carrierVertx;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    rt = RuntimeHarness.start(Map.of("TELOPS_QUALITY_SAMPLE_SECONDS", "2"));
    carrierVertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    carrierVertx.close().toCompletionStage().toCompletableFuture().get();
    rt.close();
  }

  /** POSTs a form as Twilio does, signed with {@code token} over the public URL. */
  static HttpResponse<String> twilioPost(RuntimeHarness rt, String pathAndQuery, Map<String, String> form, String token) throws Exception {
    String url = rt.base() + pathAndQuery;
    String body = new TreeMap<>(form).entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .header(TwilioSignatures.HEADER, TwilioSignatures.sign(token, url, form))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static Map<String, String> parameters(String twiml) {
    Map<String, String> p = new LinkedHashMap<>();
    Matcher m = Pattern.compile("<Parameter name=\"([^\"]+)\" value=\"([^\"]*)\"/>").matcher(twiml);
    while (m.find()) {
      p.put(m.group(1), m.group(2));
    }
    return p;
  }

  static CarrierStream connectTwilio(double speed) throws Exception {
    String wsUrl = "ws://127.0.0.1:" + rt.port + "/media/twilio";
    return CarrierStream.connect(carrierVertx, rt.port, "/media/twilio",
        Map.of(TwilioSignatures.HEADER, TwilioSignatures.sign(RuntimeHarness.TWILIO_TOKEN, wsUrl, Map.of())),
        CarrierStream.Dialect.TWILIO, speed);
  }

  @Test
  @DisplayName("The voice webhook answers TwiML that connects a bidirectional stream with our ids as parameters")
  void voiceWebhookAnswersConnectStream() throws Exception {
    HttpResponse<String> r = twilioPost(rt, "/carriers/twilio/voice?tenant=acme&region=eu-west",
        Map.of("CallSid", "CAwebhook1", "From", "+15550001", "To", "+15550002", "Direction", "inbound"),
        RuntimeHarness.TWILIO_TOKEN);
    assertThat(r.statusCode()).isEqualTo(200);
    // The action keeps the webhook's query, so a call that goes on over the record path keeps tenant and region.
    assertThat(r.body()).contains("<Connect action=\"" + rt.base() + "/carriers/twilio/stream-ended?tenant=acme&amp;region=eu-west\"")
        .contains("<Stream name=\"telops\" statusCallback=\"" + rt.base() + "/carriers/twilio/stream-status\"")
        .contains("url=\"ws://127.0.0.1:" + rt.port + "/media/twilio\"");
    Map<String, String> p = parameters(r.body());
    assertThat(p).containsEntry("callId", CallIds.of("twilio", "CAwebhook1")).containsEntry("tenant", "acme")
        .containsEntry("region", "eu-west").containsEntry("to", "+15550002");
    await("call started event", Duration.ofSeconds(5), () -> rt.events.stream()
        .anyMatch(e -> "started".equals(e.getString("type")) && "CAwebhook1".equals(e.getString("carrierCallId"))));
  }

  @Test
  @DisplayName("A caller hears the greeting, barges in by voice and by key, and the agent hangs up on 9 pressed in-band; the CDR follows")
  void wholeCall() throws Exception {
    String callSid = "CAwhole" + System.nanoTime();
    HttpResponse<String> twiml = twilioPost(rt, "/carriers/twilio/voice?tenant=acme",
        Map.of("CallSid", callSid, "From", "+15550001", "To", "+15550002", "Direction", "inbound"), RuntimeHarness.TWILIO_TOKEN);
    // Playback at 4× real time keeps the test short; the caller's audio is paced at real 20 ms.
    try (CarrierStream call = connectTwilio(4)) {
      call.start(callSid, parameters(twiml.body()), null);
      call.openMicrophone();

      await("greeting played to the end", Duration.ofSeconds(15), () -> call.marksEchoed.contains("u1.end"));
      byte[] greeting = Fixtures.prompt("greeting");
      assertThat(Arrays.copyOf(call.heard(), greeting.length)).as("greeting heard byte for byte").isEqualTo(greeting);
      assertThat(call.clears.get()).as("the greeting cannot be interrupted").isZero();

      // Speech while the menu plays: barge-in clears it; without STT the utterance is a no-match.
      await("menu playing", Duration.ofSeconds(5), () -> call.mediaFrames.get() > greeting.length / 160 + 25);
      call.say(Fixtures.audio("caller-agent"));
      await("barge-in clear", Duration.ofSeconds(10), () -> call.clears.get() == 1);
      await("no-match prompt after end of speech", Duration.ofSeconds(10), () -> call.count("mark") > 0
          && call.received.stream().anyMatch(t -> t.contains("\"u3.")));

      // A DTMF event while the no-match prompt plays: clear, then the opening hours.
      call.dtmf('1');
      await("second clear", Duration.ofSeconds(5), () -> call.clears.get() == 2);
      await("hours prompt finished", Duration.ofSeconds(20), () -> call.marksEchoed.contains("u4.end"));

      // Back in the menu: 9 pressed in-band (tones made by sox) → goodbye → the agent hangs up.
      byte[] digits = Fixtures.audio("dtmf-159hash");
      call.say(Arrays.copyOfRange(digits, 3200, 4800));
      await("media socket closed by the runtime after goodbye", Duration.ofSeconds(20), call::isClosed);
    }

    String callId = CallIds.of("twilio", callSid);
    await("CDR on the bus", Duration.ofSeconds(10), () -> rt.cdrs.stream().anyMatch(c -> c.callId().equals(callId)));
    CallRecord cdr = rt.cdrs.stream().filter(c -> c.callId().equals(callId)).findFirst().orElseThrow();
    assertThat(cdr.carrier()).isEqualTo("twilio");
    assertThat(cdr.tenant()).isEqualTo("acme");
    assertThat(cdr.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(cdr.hangupCause()).isEqualTo("agent-hangup");
    assertThat(cdr.codec()).isEqualTo("PCMU");
    assertThat(cdr.quality().mos()).as("MOS of a clean loopback stream").isBetween(4.0, 4.5);
    assertThat(cdr.quality().lossPercent()).isZero();
    assertThat(cdr.quality().jitterMs()).isLessThan(20.0);
    assertThat(cdr.quality().turnLatencyP50Ms()).isNotNull();
    assertThat(cdr.answeredAt()).isNotNull();
    assertThat(cdr.endedAt()).isAfter(cdr.answeredAt());

    var turns = rt.turns.stream().filter(t -> callId.equals(t.getString("callId"))).toList();
    assertThat(turns).extracting(t -> t.getString("trigger")).containsSubsequence("speech", "dtmf", "dtmf");
    JsonObject speechTurn = turns.stream().filter(t -> "speech".equals(t.getString("trigger"))).findFirst().orElseThrow();
    assertThat(speechTurn.getInteger("eosDetectMs")).isBetween(300, 320);
    assertThat(speechTurn.getInteger("firstAudioMs")).isGreaterThanOrEqualTo(speechTurn.getInteger("eosDetectMs"));
    assertThat(turns.stream().anyMatch(t -> t.getBoolean("bargedIn"))).as("the no-match answer was cut by the key press").isTrue();
    assertThat(rt.samples.stream().anyMatch(s -> callId.equals(s.getString("callId")))).isTrue();
    assertThat(rt.events.stream().filter(e -> callId.equals(e.getString("callId"))).map(e -> e.getString("type")))
        .containsSubsequence("started", "answered", "ended");
    assertThat(rt.counter("telops_media_socket_path", "path", "netty")).as("frames took the Netty media path").isPositive();
    assertThat(rt.counter("telops_media_socket_path", "path", "vertx")).as("no socket fell back to Vert.x's frame API").isZero();
  }
}
