package org.telops.prober.probe;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.audio.MuLaw;
import org.telops.audio.ToneDetector;
import org.telops.audio.ToneGenerator;
import org.telops.audio.speech.ProbePhrase;
import org.telops.contracts.call.WordErrorRate;
import org.telops.prober.carrier.CallState;
import org.telops.prober.carrier.CarrierCalls;
import org.telops.prober.carrier.CarrierCalls.DialRequest;
import org.telops.prober.carrier.CarrierCalls.HangupReceipt;
import org.telops.prober.media.MediaEvent;
import org.telops.prober.media.MediaWire;
import org.telops.prober.media.ProbeMediaEndpoint;
import org.telops.prober.media.ReceivedAudio;
import org.telops.prober.region.Region;
import org.telops.quality.stream.MediaQualitySnapshot;

/**
 * One probe call, step by step, each with its own timeout and failure reason:
 * <ol>
 *   <li>dial through the carrier's REST API, the caller leg streaming to the prober (carrier-error);</li>
 *   <li>wait for the carrier to open that stream — answered and bridged (no-answer, busy, no-media);</li>
 *   <li>wait for the first audio frame (no-audio);</li>
 *   <li>send the challenge digits and wait for the reversed reply (one-way-audio, wrong-digits);</li>
 *   <li>send the 1004 Hz tone and time its echo (no-tone-echo);</li>
 *   <li>speak a random {@link ProbePhrase} between '*' and '#' and score the transcript the agent sends back as DTMF
 *       (word error rate; a missing transcript leaves the WER empty and does not fail the probe);</li>
 *   <li>hang up and read the carrier's price.</li>
 * </ol>
 * Everything runs on one Vert.x context; media events are posted to it by the endpoint.
 */
public final class ProbeCall implements ProbeMediaEndpoint.Listener {
  private static final Logger log = LoggerFactory.getLogger(ProbeCall.class);
  /** After the reply's '#': let the rest of it (tone tail and gap, ≤ 160 ms) play out so the echo is not queued behind it. */
  static final int REPLY_TAIL_MS = 300;

  private enum Phase { DIALLING, CONNECTING, AWAITING_AUDIO, DIGITS, ECHO, PHRASE, FINISHED }

  private final Vertx vertx;
  private final Context context;
  private final Region region;
  private final String target;
  private final CarrierCalls carrier;
  private final ProbeMediaEndpoint media;
  private final ProbeTimeouts timeouts;
  private final Challenge challenge;
  private final long rateMicrosPerMinute;
  private final String currency;
  private final Promise<ProbeResult> done = Promise.promise();
  private final UUID probeId = UUID.randomUUID();
  private final String token = UUID.randomUUID().toString();
  private final MediaWire wire;
  private final ReceivedAudio audio;
  private final ProbePhrase phrase;
  private final PhraseSpeaker speaker;
  private Future<byte[]> phraseAudio;
  private List<String> transcript;
  private Double wer;

  private Phase phase = Phase.DIALLING;
  private Instant startedAt;
  private long t0;
  private String callId;
  private ProbeMediaEndpoint.MediaLink link;
  private long connectNanos = -1;
  private long toneSentNanos = -1;
  private boolean digitsSent;
  private String digitsHeard;
  private boolean phraseSent;
  private CallState lastState = CallState.UNKNOWN;
  private boolean polling;
  private long stepTimer = -1;
  private long pollTimer = -1;
  private long totalTimer = -1;

  public ProbeCall(Vertx vertx, Context context, Region region, String target, CarrierCalls carrier,
                   ProbeMediaEndpoint media, ProbeTimeouts timeouts, Challenge challenge, long rateMicrosPerMinute,
                   String currency) {
    this(vertx, context, region, target, carrier, media, timeouts, challenge, rateMicrosPerMinute, currency, null, null);
  }

  /** @param phrase the phrase to speak after the tone echo, with who speaks it; null for none (no WER) */
  public ProbeCall(Vertx vertx, Context context, Region region, String target, CarrierCalls carrier,
                   ProbeMediaEndpoint media, ProbeTimeouts timeouts, Challenge challenge, long rateMicrosPerMinute,
                   String currency, ProbePhrase phrase, PhraseSpeaker speaker) {
    this.vertx = vertx;
    this.context = context;
    this.region = region;
    this.target = target;
    this.carrier = carrier;
    this.media = media;
    this.timeouts = timeouts;
    this.challenge = challenge;
    this.rateMicrosPerMinute = rateMicrosPerMinute;
    this.currency = currency;
    this.wire = MediaWire.of(carrier.carrier());
    this.audio = new ReceivedAudio(wire.reorderFrames());
    this.phrase = speaker == null ? null : phrase;
    this.speaker = speaker;
  }

  /** Runs the probe; the future always succeeds, with a success or a named failure. */
  public Future<ProbeResult> run() {
    context.runOnContext(v -> begin());
    return done.future();
  }

  private void begin() {
    startedAt = Instant.now();
    t0 = System.nanoTime();
    String url = media.expect(token, wire, context, this);
    if (phrase != null) {
      phraseAudio = vertx.executeBlocking(() -> speaker.speak(phrase)); // ready long before the tone echo
    }
    long totalMs = timeouts.totalMs(challenge.digits().length(), phrase != null);
    totalTimer = vertx.setTimer(totalMs, id -> fail(FailureReason.TIMEOUT, "the probe did not finish within " + totalMs
        + " ms (stuck in step " + phase.name().toLowerCase() + ")"));
    int ringSeconds = Math.max(5, (timeouts.connectMs() + 999) / 1000);
    carrier.place(new DialRequest(region.callerNumber(), target, url, ringSeconds, region.simProfile()))
        .onComplete(ar -> {
          if (ar.failed()) {
            fail(FailureReason.CARRIER_ERROR, ar.cause().getMessage());
            return;
          }
          callId = ar.result();
          if (phase == Phase.FINISHED) {
            carrier.hangup(callId); // placed after the probe gave up: do not leave it running
          } else if (phase == Phase.DIALLING) {
            phase = Phase.CONNECTING;
            stepTimer = vertx.setTimer(timeouts.connectMs(), id -> connectTimedOut());
            pollTimer = vertx.setPeriodic(Math.max(100, Math.min(1_000, timeouts.connectMs() / 3)), id -> poll());
          }
        });
  }

  private void poll() {
    if (polling || phase != Phase.CONNECTING) {
      return;
    }
    polling = true;
    carrier.status(callId).onComplete(ar -> {
      polling = false;
      if (ar.failed()) {
        log.debug("probe {} {}: status poll failed: {}", region.name(), target, ar.cause().getMessage());
        return;
      }
      lastState = ar.result();
      if (phase != Phase.CONNECTING || !lastState.isFinal()) {
        return;
      }
      switch (lastState) {
        case BUSY -> fail(FailureReason.BUSY, carrier.carrier() + " reports " + target + " busy");
        case NO_ANSWER -> fail(FailureReason.NO_ANSWER, carrier.carrier() + " reports no answer from " + target);
        case FAILED -> fail(FailureReason.CARRIER_ERROR, carrier.carrier() + " reports the call to " + target + " failed");
        default -> fail(FailureReason.NO_MEDIA, "the call to " + target + " ended before its media stream opened");
      }
    });
  }

  private void connectTimedOut() {
    if (lastState == CallState.ANSWERED) {
      fail(FailureReason.NO_MEDIA, "answered, but " + carrier.carrier() + " did not open the media stream within "
          + timeouts.connectMs() + " ms");
    } else {
      fail(FailureReason.NO_ANSWER, target + " did not answer within " + timeouts.connectMs() + " ms (carrier status: "
          + lastState.name().toLowerCase() + ")");
    }
  }

  @Override
  public void onStart(ProbeMediaEndpoint.MediaLink link, long arrivalNanos) {
    if (phase != Phase.DIALLING && phase != Phase.CONNECTING) {
      link.close(); // finished already, or a second start
      return;
    }
    this.link = link;
    connectNanos = arrivalNanos;
    cancelStep();
    cancelPoll();
    phase = Phase.AWAITING_AUDIO;
    stepTimer = vertx.setTimer(timeouts.audioMs(), id -> fail(FailureReason.NO_AUDIO, "the media stream opened but no "
        + "audio frame arrived within " + timeouts.audioMs() + " ms"));
  }

  @Override
  public void onFrame(long arrivalNanos, MediaEvent m) {
    if (phase == Phase.FINISHED || phase == Phase.DIALLING || phase == Phase.CONNECTING) {
      return;
    }
    long chunk = m.chunk() >= 0 ? m.chunk() : audio.frames() + 1;
    long timestampMs = m.timestampMs() >= 0 ? m.timestampMs() : (chunk - 1) * 20;
    audio.onFrame(arrivalNanos, timestampMs, chunk, m.payload());
    if (phase == Phase.AWAITING_AUDIO) {
      cancelStep();
      phase = Phase.DIGITS;
      stepTimer = vertx.setTimer(Challenge.SETTLE_MS, id -> sendDigits());
    } else if (phase == Phase.DIGITS && digitsSent && stepTimer >= 0 && challenge.replyComplete(audio.keys())) {
      String heard = audio.keys();
      if (!challenge.replyCorrect(heard)) {
        fail(FailureReason.WRONG_DIGITS, "sent " + challenge.sent() + ", expected " + challenge.expectedReply()
            + ", heard " + heard);
        return;
      }
      cancelStep(); // also marks the reply as handled for the frames still to come
      digitsHeard = heard;
      vertx.setTimer(REPLY_TAIL_MS, id -> sendTone());
    } else if (phase == Phase.ECHO && audio.toneEchoNanos() >= 0) {
      if (phrase == null) {
        finish(null, "ok");
      } else {
        cancelStep();
        phase = Phase.PHRASE;
        phraseAudio.onComplete(ar -> sendPhrase(ar.succeeded() ? ar.result() : null, ar.cause()));
      }
    } else if (phase == Phase.PHRASE && stepTimer >= 0 && audio.keys().indexOf('#') >= 0) {
      transcriptHeard(audio.keys());
    }
  }

  private void sendPhrase(byte[] speech, Throwable failure) {
    if (phase != Phase.PHRASE) {
      return;
    }
    if (speech == null) {
      String note = "no WER: the phrase could not be spoken (" + failure.getMessage() + ")";
      finish(null, "ok; " + note);
      return;
    }
    byte[] framed = SpokenPhrase.frame(speech);
    audio.listenFrom(System.nanoTime());
    link.send(framed);
    phraseSent = true;
    long playMs = framed.length / 8;
    stepTimer = vertx.setTimer(playMs + timeouts.phraseMs(), id -> {
      stepTimer = -1;
      String note = "no WER: the agent's transcript of \"" + phrase.text() + "\" did not come back within "
          + timeouts.phraseMs() + " ms after the phrase (heard '" + audio.keys() + "')";
      finish(null, "ok; " + note);
    });
  }

  private void transcriptHeard(String keys) {
    cancelStep();
    transcript = ProbePhrase.decode(keys);
    if (transcript == null) {
      String note = "no WER: the agent could not transcribe the phrase";
      finish(null, "ok; " + note);
      return;
    }
    wer = WordErrorRate.of(phrase.text(), String.join(" ", transcript)).rate();
    finish(null, "ok; said \"" + phrase.text() + "\", the agent heard \"" + String.join(" ", transcript) + "\"");
  }

  private void sendDigits() {
    if (phase != Phase.DIGITS) {
      return;
    }
    audio.listenFrom(System.nanoTime());
    link.send(MuLaw.encode(ToneGenerator.dtmfSequence(challenge.sent(), Challenge.DIGIT_TONE_MS, Challenge.DIGIT_GAP_MS, Challenge.DTMF_AMPLITUDE)));
    digitsSent = true;
    stepTimer = vertx.setTimer(challenge.sentAudioMs() + (long) timeouts.answerMs(), id -> answerTimedOut());
  }

  private void answerTimedOut() {
    String heard = audio.keys();
    if (audio.audibleBlocks() == 0) {
      fail(FailureReason.ONE_WAY_AUDIO, "sent " + challenge.sent() + " and heard only silence back for "
          + (challenge.sentAudioMs() + timeouts.answerMs()) + " ms while " + audio.frames()
          + " frames arrived: one direction of the audio path carries nothing");
    } else {
      fail(FailureReason.WRONG_DIGITS, "sent " + challenge.sent() + ", expected " + challenge.expectedReply() + ", heard '"
          + heard + "' within " + timeouts.answerMs() + " ms after the digits");
    }
  }

  private void sendTone() {
    if (phase != Phase.DIGITS) {
      return;
    }
    phase = Phase.ECHO;
    toneSentNanos = System.nanoTime();
    audio.armToneEcho(toneSentNanos);
    link.send(MuLaw.encode(ToneGenerator.tone(ToneDetector.TEST_TONE_HZ, Challenge.TONE_MS, Challenge.TEST_TONE_AMPLITUDE)));
    stepTimer = vertx.setTimer(Challenge.TONE_MS + (long) timeouts.echoMs(), id -> fail(FailureReason.NO_TONE_ECHO,
        "the digits came back right but the 1004 Hz tone was not echoed within " + timeouts.echoMs() + " ms"));
  }

  @Override
  public void onClosed(String why) {
    if (phase == Phase.FINISHED) {
      return;
    }
    if (phase == Phase.DIALLING || phase == Phase.CONNECTING) {
      fail(FailureReason.NO_MEDIA, why + " before the stream started");
    } else if (phase == Phase.AWAITING_AUDIO) {
      fail(FailureReason.NO_AUDIO, why + " " + (System.nanoTime() - connectNanos) / 1_000_000
          + " ms after it opened, before any audio arrived");
    } else {
      fail(FailureReason.MEDIA_DROPPED, why + " during step " + phase.name().toLowerCase() + ", "
          + (System.nanoTime() - connectNanos) / 1_000_000 + " ms after connect");
    }
  }

  private void fail(FailureReason reason, String detail) {
    finish(reason, detail);
  }

  private void finish(FailureReason reason, String detail) {
    if (phase == Phase.FINISHED) {
      return;
    }
    phase = Phase.FINISHED;
    long endNanos = System.nanoTime();
    cancelStep();
    cancelPoll();
    vertx.cancelTimer(totalTimer);
    media.forget(token);
    Future<HangupReceipt> receipt = callId == null ? Future.succeededFuture(HangupReceipt.NONE)
        : carrier.hangup(callId).recover(t -> {
          log.info("probe {} {}: hang-up failed ({}); closing the media stream instead", region.name(), target, t.getMessage());
          return Future.succeededFuture(HangupReceipt.NONE);
        });
    receipt.onComplete(ar -> {
      if (link != null) {
        link.close();
      }
      done.complete(result(reason, detail, endNanos, ar.result()));
    });
  }

  private ProbeResult result(FailureReason reason, String detail, long endNanos, HangupReceipt receipt) {
    Integer roundTripMs = audio.toneEchoNanos() >= 0 && toneSentNanos >= 0
        ? (int) Math.round((audio.toneEchoNanos() - toneSentNanos) / 1e6) : null;
    Double jitter = null;
    Double loss = null;
    Double mos = null;
    if (audio.frames() > 1) {
      MediaQualitySnapshot q = audio.quality(roundTripMs == null ? null : roundTripMs.doubleValue());
      jitter = round(q.jitterMs(), 2);
      loss = round(q.lossPercent(), 2);
      mos = round(q.mos(), 2);
    }
    int measuredSeconds = connectNanos < 0 ? 0 : (int) Math.ceil((endNanos - connectNanos) / 1e9);
    ProbeCost cost = ProbeCost.of(receipt, measuredSeconds, rateMicrosPerMinute, currency);
    String heardDigits = digitsHeard != null ? digitsHeard : audio.keys();
    return new ProbeResult(probeId, startedAt, region.name(), carrier.carrier(), target, callId, reason == null,
        reason == null ? null : reason.wire(), detail, msSince(connectNanos), msSince(audio.firstFrameNanos()),
        roundTripMs, jitter, loss, mos, digitsSent ? challenge.sent() : null, heardDigits.isEmpty() ? null : heardDigits,
        wer == null ? null : round(wer, 4), phraseSent ? phrase.text() : null,
        transcript == null ? null : String.join(" ", transcript), cost.durationSeconds(), cost.currency(), cost.costMicros());
  }

  private Integer msSince(long nanos) {
    return nanos < 0 ? null : (int) Math.round((nanos - t0) / 1e6);
  }

  private static double round(double v, int places) {
    double f = Math.pow(10, places);
    return Double.isFinite(v) ? Math.round(v * f) / f : v;
  }

  private void cancelStep() {
    if (stepTimer >= 0) {
      vertx.cancelTimer(stepTimer);
      stepTimer = -1;
    }
  }

  private void cancelPoll() {
    if (pollTimer >= 0) {
      vertx.cancelTimer(pollTimer);
      pollTimer = -1;
    }
  }
}
