package org.telops.prober.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.audio.speech.ProbePhrase;
import org.telops.prober.carrier.CallState;
import org.telops.prober.carrier.CarrierCalls;
import org.telops.prober.carrier.CarrierException;
import org.telops.prober.media.ProbeMediaEndpoint;
import org.telops.prober.region.Region;

/** Every step of a probe and its named failure, against a scripted carrier and agent in memory (no sockets). */
class ProbeCallTest {
  private static final ProbeTimeouts FAST = new ProbeTimeouts(500, 600, 300, 500, 400, 2_000);
  private static final Region REGION = new Region("eu-west", "twilio", "+15550020001", List.of("+15550100"), null);

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final ProbeMediaEndpoint media = new ProbeMediaEndpoint("ws://127.0.0.1:1");

  /** A carrier whose answers the test chooses; it records hang-ups. */
  private static final class FakeCarrier implements CarrierCalls {
    Future<String> placed = Future.succeededFuture("CA1");
    CallState state = CallState.RINGING;
    final List<String> hungUp = new CopyOnWriteArrayList<>();

    @Override
    public String carrier() {
      return "twilio";
    }

    @Override
    public String notConfiguredReason() {
      return null;
    }

    @Override
    public Future<String> place(DialRequest request) {
      return placed;
    }

    @Override
    public Future<CallState> status(String callId) {
      return Future.succeededFuture(state);
    }

    @Override
    public Future<HangupReceipt> hangup(String callId) {
      hungUp.add(callId);
      return Future.succeededFuture(new HangupReceipt(3, 14_000L, "USD"));
    }
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private ProbeResult probe(FakeCarrier carrier, FakeAgent.Behaviour agent, boolean stream) throws Exception {
    return probe(carrier, agent, stream, null, null, null);
  }

  private ProbeResult probe(FakeCarrier carrier, FakeAgent.Behaviour agent, boolean stream, ProbePhrase phrase,
                            PhraseSpeaker speaker, String transcriptKeys) throws Exception {
    ProbeCall call = new ProbeCall(vertx, context, REGION, "+15550100", carrier, media, FAST, new Challenge("47"), 14_000,
        "USD", phrase, speaker);
    Future<ProbeResult> f = call.run();
    if (stream) {
      vertx.setTimer(30, id -> {
        FakeAgent a = new FakeAgent(vertx, context, call, agent, 15);
        a.transcriptKeys = transcriptKeys;
        a.connect();
      });
    }
    ProbeResult r = f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(media.waiting()).as("the probe's media URL is forgotten").isZero();
    return r;
  }

  @Test
  @DisplayName("Against the probe responder a probe succeeds with connect, first audio, round trip, quality, digits and price")
  void success() throws Exception {
    FakeCarrier carrier = new FakeCarrier();
    ProbeResult r = probe(carrier, FakeAgent.Behaviour.RESPONDER, true);
    assertThat(r.success()).as(r.detail()).isTrue();
    assertThat(r.reason()).isNull();
    assertThat(r.digitsSent()).isEqualTo("47#");
    assertThat(r.digitsReceived()).isEqualTo("74#");
    assertThat(r.connectMs()).isNotNull();
    assertThat(r.firstAudioMs()).isGreaterThanOrEqualTo(r.connectMs());
    assertThat(r.roundTripMs()).isNotNull().isNotNegative();
    assertThat(r.lossPercent()).isZero();
    assertThat(r.mos()).isBetween(4.0, 4.5);
    assertThat(r.costMicros()).isEqualTo(14_000);
    assertThat(r.durationSeconds()).isEqualTo(3);
    assertThat(carrier.hungUp).containsExactly("CA1");
  }

  private static final ProbePhrase PHRASE = new ProbePhrase(List.of("red", "tiger", "ten", "four"));
  /** A second of line noise stands in for the spoken phrase: the fake agent only listens for the keys around it. */
  private static final PhraseSpeaker NOISE = p -> {
    byte[] b = new byte[8_000];
    new java.util.SplittableRandom(3).nextBytes(b);
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (b[i] | 0x70); // quiet: μ-law codes near silence
    }
    return b;
  };

  @Test
  @DisplayName("After the tone echo the probe speaks a phrase and scores the transcript the agent sends back")
  void phraseScored() throws Exception {
    ProbeResult r = probe(new FakeCarrier(), FakeAgent.Behaviour.RESPONDER, true, PHRASE, NOISE,
        ProbePhrase.encode("red tiger one four"));
    assertThat(r.success()).as(r.detail()).isTrue();
    assertThat(r.digitsReceived()).as("the digits step's answer, not the transcript's keys").isEqualTo("74#");
    assertThat(r.phrase()).isEqualTo("red tiger ten four");
    assertThat(r.transcript()).isEqualTo("red tiger one four");
    assertThat(r.wer()).isEqualTo(0.25);
    assertThat(r.detail()).contains("the agent heard \"red tiger one four\"");
  }

  @Test
  @DisplayName("No transcript back, \"not transcribed\", or a phrase that cannot be spoken: the probe succeeds without a WER")
  void phraseWithoutWer() throws Exception {
    ProbeResult silent = probe(new FakeCarrier(), FakeAgent.Behaviour.RESPONDER, true, PHRASE, NOISE, null);
    assertThat(silent.success()).isTrue();
    assertThat(silent.wer()).isNull();
    assertThat(silent.phrase()).isEqualTo("red tiger ten four");
    assertThat(silent.detail()).contains("no WER").contains("did not come back within 2000 ms");
    ProbeResult untranscribed = probe(new FakeCarrier(), FakeAgent.Behaviour.RESPONDER, true, PHRASE, NOISE,
        ProbePhrase.NO_TRANSCRIPT);
    assertThat(untranscribed.success()).isTrue();
    assertThat(untranscribed.wer()).isNull();
    assertThat(untranscribed.detail()).contains("could not transcribe");
    ProbeResult mute = probe(new FakeCarrier(), FakeAgent.Behaviour.RESPONDER, true, PHRASE, p -> {
      throw new IllegalStateException("cannot run espeak-ng");
    }, null);
    assertThat(mute.success()).isTrue();
    assertThat(mute.phrase()).as("nothing was spoken").isNull();
    assertThat(mute.detail()).contains("could not be spoken (cannot run espeak-ng)");
  }

  @Test
  @DisplayName("A carrier refusing the call is carrier-error with its message, and nothing is hung up")
  void carrierError() throws Exception {
    FakeCarrier carrier = new FakeCarrier();
    carrier.placed = Future.failedFuture(new CarrierException("twilio: POST /Calls.json answered HTTP 503: down", 503));
    ProbeResult r = probe(carrier, null, false);
    assertThat(r.reason()).isEqualTo("carrier-error");
    assertThat(r.detail()).contains("HTTP 503");
    assertThat(r.callId()).isNull();
    assertThat(r.costMicros()).isZero();
    assertThat(carrier.hungUp).isEmpty();
  }

  @Test
  @DisplayName("A call that keeps ringing is no-answer after the connect timeout; a busy one is busy at once")
  void notAnswered() throws Exception {
    FakeCarrier ringing = new FakeCarrier();
    ProbeResult r = probe(ringing, null, false);
    assertThat(r.reason()).isEqualTo("no-answer");
    assertThat(r.detail()).contains("did not answer within 600 ms (carrier status: ringing)");
    assertThat(ringing.hungUp).containsExactly("CA1");
    FakeCarrier busy = new FakeCarrier();
    busy.state = CallState.BUSY;
    assertThat(probe(busy, null, false).reason()).isEqualTo("busy");
    FakeCarrier answered = new FakeCarrier();
    answered.state = CallState.ANSWERED;
    assertThat(probe(answered, null, false).reason()).isEqualTo("no-media");
  }

  @Test
  @DisplayName("A stream that opens but carries no frame is no-audio")
  void noAudio() throws Exception {
    ProbeResult r = probe(new FakeCarrier(), FakeAgent.Behaviour.NO_FRAMES, true);
    assertThat(r.reason()).isEqualTo("no-audio");
    assertThat(r.connectMs()).isNotNull();
    assertThat(r.firstAudioMs()).isNull();
  }

  @Test
  @DisplayName("Only silence coming back after the challenge is one-way-audio")
  void oneWay() throws Exception {
    ProbeResult r = probe(new FakeCarrier(), FakeAgent.Behaviour.SILENT, true);
    assertThat(r.reason()).isEqualTo("one-way-audio");
    assertThat(r.digitsReceived()).isNull();
    assertThat(r.firstAudioMs()).isNotNull();
  }

  @Test
  @DisplayName("An answer with the wrong digits is wrong-digits, with what was heard")
  void wrongDigits() throws Exception {
    ProbeResult r = probe(new FakeCarrier(), FakeAgent.Behaviour.WRONG_DIGITS, true);
    assertThat(r.reason()).isEqualTo("wrong-digits");
    assertThat(r.digitsReceived()).isEqualTo("47#");
    assertThat(r.detail()).isEqualTo("sent 47#, expected 74#, heard 47#");
  }

  @Test
  @DisplayName("Right digits but no echoed tone is no-tone-echo; a stream closing mid-probe is media-dropped")
  void echoAndDrop() throws Exception {
    ProbeResult r = probe(new FakeCarrier(), FakeAgent.Behaviour.NO_ECHO, true);
    assertThat(r.reason()).isEqualTo("no-tone-echo");
    assertThat(r.digitsReceived()).isEqualTo("74#");
    assertThat(r.roundTripMs()).isNull();
    assertThat(probe(new FakeCarrier(), FakeAgent.Behaviour.HANG_UP_ON_DIGITS, true).reason()).isEqualTo("media-dropped");
  }
}
