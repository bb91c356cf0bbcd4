package org.telops.runtime.session;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.telops.audio.DtmfDetector;
import org.telops.audio.MuLaw;
import org.telops.audio.Resampler;
import org.telops.audio.VoiceActivityDetector;
import org.telops.contracts.call.CallIds;
import org.telops.contracts.call.CallOutcome;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.call.Usage;
import org.telops.quality.stream.MediaQualitySnapshot;
import org.telops.quality.stream.MediaStreamQuality;
import org.telops.runtime.engine.CallInfo;
import org.telops.runtime.engine.ConversationEngine;
import org.telops.runtime.engine.EngineOutput;
import org.telops.runtime.engine.EngineSession;
import org.telops.runtime.engine.Interruption;
import org.telops.runtime.engine.LatencyStage;
import org.telops.runtime.engine.Scheduler;
import org.telops.runtime.engine.Utterance;
import org.telops.runtime.quality.QualitySample;

/**
 * One call's media stream: carrier frames in (already translated by a serializer), engine audio out.
 * Per inbound frame: quality accounting at arrival, reordering, μ-law decode, VAD, in-band DTMF, the
 * engine. Barge-in: caller speech or a digit while agent audio is queued sends {@code clear} and tells
 * the engine how much was heard. At the end: the CDR fragment. Plain Java, confined to one thread
 * (the socket's event loop); the caller passes the monotonic time of each event.
 */
public final class CallSession {
  private static final long DTMF_DEDUPE_NANOS = 300_000_000L;
  /** One minute of 20 ms frames. */
  private static final long MAX_CHUNK_JUMP = 3_000;
  /** Consecutive frames of a new numbering (one second) before the session follows it. */
  private static final int RENUMBER_AFTER_FRAMES = 50;

  private final String carrier;
  private CarrierLink link;
  private final EngineDirectory engines;
  private final CallDefaults defaults;
  private final SessionSettings settings;
  private final SessionListener listener;
  private final Scheduler scheduler;
  private final Clock wall;
  private int eventSeq;
  private final LongSupplier nanoClock;

  private final EnumSet<BadInput> badSeen = EnumSet.noneOf(BadInput.class);
  private final MediaStreamQuality quality = new MediaStreamQuality();
  private final VoiceActivityDetector vad;
  private final DtmfDetector dtmf = new DtmfDetector();
  private ChunkReorderer reorderer;
  private CallInfo call;
  private EngineSession engine;
  private Playout playout;
  private TurnTracker turns;
  private Resampler upsampler;
  private Instant answeredAt;
  private Instant attemptedAt;
  private boolean ended;
  private CallEnd requestedEnd;
  private boolean endSent;
  private Double lastRttMs;
  private long mediaFramesIn;
  private long highestChunk;
  private long jumpRunLast = Long.MIN_VALUE;
  private int jumpRun;
  private char lastDigit;
  private long lastDigitNanos;
  private boolean lastDigitInBand;
  private final UsageTotals usage = new UsageTotals();
  private long suspendedNanos;
  private int resumes;
  /** How the caller's audio reaches the call: stream, record (no stream), stream+record (the stream died). */
  private String mediaPath = "stream";
  /** Arrival time of the frame being delivered, for {@link #deliver}. */
  private long frameNanos;
  private final java.util.function.Consumer<InboundFrame.Media> deliver = f -> process(f, frameNanos);
  /** The current frame as PCM, reused frame after frame (engines copy what they keep). */
  private short[] pcm = new short[160];

  public CallSession(String carrier, CarrierLink link, EngineDirectory engines, CallDefaults defaults,
                     SessionSettings settings, SessionListener listener, Scheduler scheduler, Clock wall,
                     LongSupplier nanoClock) {
    this.carrier = carrier;
    this.link = link;
    this.engines = engines;
    this.defaults = defaults;
    this.settings = settings;
    this.listener = listener;
    this.scheduler = scheduler;
    this.wall = wall;
    this.nanoClock = nanoClock;
    this.vad = new VoiceActivityDetector(settings.silenceMs(), settings.minSpeechMs());
    this.reorderer = new ChunkReorderer(settings.reorderWindowFrames());
  }

  public void onFrame(InboundFrame frame, long nowNanos) {
    if (ended) {
      return;
    }
    // Java 17: no pattern switch yet, so an instanceof chain (media first: 50 per second per call).
    if (frame instanceof InboundFrame.Media m) {
      onMedia(m, nowNanos);
    } else if (frame instanceof InboundFrame.Start s) {
      onStart(s);
    } else if (frame instanceof InboundFrame.Mark m) {
      onMark(m.name(), nowNanos);
    } else if (frame instanceof InboundFrame.Dtmf d) {
      if (requireStarted("dtmf")) {
        onDigit(d.digit(), false, nowNanos);
      }
    } else if (frame instanceof InboundFrame.Stop s) {
      end(CallOutcome.COMPLETED, s.reason() == null ? "stream-stopped" : s.reason(), nowNanos);
    } else if (frame instanceof InboundFrame.CarrierError e) {
      listener.onCarrierError(call, e.code(), e.title(), e.detail());
      event("carrier-error", e.code() + " " + e.title() + (e.detail() == null ? "" : ": " + e.detail()));
    } else if (frame instanceof InboundFrame.Bad b) {
      bad(b.kind(), b.detail());
    }
  }

  private void onStart(InboundFrame.Start s) {
    if (call != null) {
      bad(BadInput.BAD_VALUE, "second start event on one stream ignored");
      return;
    }
    if (s.carrierCallId() == null || s.carrierCallId().isBlank()) {
      bad(BadInput.MISSING_FIELD, "start without a call id");
      return;
    }
    if (!CallReports.isMuLaw8k(s)) {
      bad(BadInput.UNSUPPORTED_FORMAT, "media format " + s.encoding() + " at " + s.sampleRateHz() + " Hz/"
          + s.channels() + " ch: only μ-law (PCMU) 8 kHz mono is supported — request PCMU from the carrier");
      ended = true;
      link.closeStream("unsupported media format " + s.encoding());
      return;
    }
    Map<String, String> p = s.params();
    ConversationEngine chosen = engines.select(p.get("engine"), firstNonBlank(s.toNumber(), p.get("to")));
    call = new CallInfo(CallIds.of(carrier, s.carrierCallId()), carrier, s.carrierCallId(), s.streamId(),
        defaults.tenantOr(p.get("tenant")), defaults.agentOr(p.get("agent")), defaults.regionOr(p.get("region")),
        chosen.name(), firstNonBlank(s.fromNumber(), p.get("from")), firstNonBlank(s.toNumber(), p.get("to")),
        p.get("direction"), p);
    answeredAt = wall.instant();
    attemptedAt = parseEpochMs(p.get("attemptedAt"));
    playout = new Playout(link, settings.markIntervalMs(), nanoClock, this::onAgentFrameSent);
    turns = new TurnTracker(call, listener::onTurn);
    listener.onAnswered(call, answeredAt);
    event("stream-start", "stream " + s.streamId() + ", PCMU 8 kHz, engine " + chosen.name());
    engine = chosen.open(call, new Output());
    if (engine.inputSampleRateHz() == 16000) {
      upsampler = Resampler.upsampler();
    }
    engine.onStart();
  }

  private void onMedia(InboundFrame.Media m, long nowNanos) {
    if (!requireStarted("media")) {
      return;
    }
    if (!m.inbound()) {
      return; // our own audio echoed on the outbound track: nothing to analyse
    }
    mediaFramesIn++;
    long chunk = m.chunk();
    if (chunk >= 0) {
      if (highestChunk > 0 && (chunk > highestChunk + MAX_CHUNK_JUMP || chunk < highestChunk - MAX_CHUNK_JUMP)) {
        // A minute of frames skipped or replayed is not network behaviour (TCP loses nothing): a broken sender.
        // But if the far-away numbers themselves run on for a second, the numbering restarted (or the first
        // number was garbage): follow the new numbering.
        jumpRun = chunk == jumpRunLast + 1 ? jumpRun + 1 : 1;
        jumpRunLast = chunk;
        if (jumpRun < RENUMBER_AFTER_FRAMES) {
          bad(BadInput.BAD_VALUE, "media chunk " + chunk + " is more than " + MAX_CHUNK_JUMP + " frames from " + highestChunk);
          return;
        }
        highestChunk = 0;
        reorderer = new ChunkReorderer(settings.reorderWindowFrames());
        jumpRun = 0;
      }
      highestChunk = Math.max(highestChunk, chunk);
    } else {
      chunk = mediaFramesIn; // no chunk numbers: count arrivals (such frames skip reordering too)
    }
    long ts = m.timestampMs() >= 0 ? m.timestampMs() : (chunk - 1) * 20;
    quality.onFrame(nowNanos, ts, chunk, m.ulaw().length);
    frameNanos = nowNanos;
    reorderer.offer(m, deliver); // one consumer for the call: no lambda per frame
  }

  private void process(InboundFrame.Media m, long nowNanos) {
    if (ended) {
      return;
    }
    byte[] ulaw = m.ulaw();
    if (pcm.length != ulaw.length) {
      pcm = new short[ulaw.length];
    }
    MuLaw.decode(ulaw, 0, ulaw.length, pcm, 0);
    VoiceActivityDetector.Event ev = vad.process(pcm);
    if (settings.inBandDtmf()) {
      char d = dtmf.process(pcm);
      if (d != 0) {
        onDigit(d, true, nowNanos);
      }
    }
    if (ended) {
      return;
    }
    if (upsampler != null) {
      engine.onAudio(upsampler.upsample(pcm), 16000);
    } else {
      engine.onAudio(pcm, 8000);
    }
    if (ev == VoiceActivityDetector.Event.SPEECH_START) {
      if (playout.busy() && engine.interruptible()) {
        bargeIn("speech", nowNanos);
      }
      engine.onSpeechStarted();
    } else if (ev == VoiceActivityDetector.Event.SPEECH_END) {
      long silenceMs = vad.audioMs() - vad.lastVoicedEndMs();
      long eosNanos = nowNanos - silenceMs * 1_000_000L;
      turns.onSpeechEnded(wall.instant().minusMillis(silenceMs), eosNanos, (int) silenceMs);
      engine.onSpeechEnded(vad.lastVoicedEndMs() - vad.speechStartMs());
    }
  }

  private void onDigit(char digit, boolean inBand, long nowNanos) {
    if (digit == lastDigit && inBand != lastDigitInBand && nowNanos - lastDigitNanos < DTMF_DEDUPE_NANOS) {
      return; // the same key press reported by the carrier event and by the audio
    }
    lastDigit = digit;
    lastDigitNanos = nowNanos;
    lastDigitInBand = inBand;
    event("dtmf", (settings.dtmfDigitsInEvents() ? "digit " + digit : "a key (digits not kept: TELOPS_CALL_EVENTS_DTMF)")
        + (inBand ? ", heard in the audio" : ", carrier event"));
    if (playout.busy() && engine.interruptible()) {
      bargeIn("dtmf", nowNanos);
    }
    turns.onDtmf(wall.instant(), nowNanos);
    engine.onDtmf(digit);
  }

  private void bargeIn(String cause, long nowNanos) {
    turns.onBargeIn();
    for (Interruption i : playout.clear(cause, nowNanos)) {
      event("barge-in", "caller " + (cause.equals("dtmf") ? "pressed a key" : "spoke") + " over \"" + i.label()
          + "\" after " + i.playedMs() + " ms played; clear sent");
      engine.onInterrupted(i);
    }
    maybeEndCall();
  }

  private void onMark(String name, long nowNanos) {
    if (!requireStarted("mark")) {
      return;
    }
    Playout.MarkResult r = playout.onMark(name, nowNanos);
    switch (r.kind()) {
      case RTT -> {
        lastRttMs = r.rttMs();
        quality.onRoundTripMs(r.rttMs());
      }
      case FINISHED -> {
        event("playback-finished", "mark " + name + ": \"" + r.utterance().label() + "\" played to the end");
        engine.onPlaybackFinished(r.utterance().id());
        maybeEndCall();
      }
      default -> { }
    }
  }

  private void onAgentFrameSent(long nanos) {
    turns.onAudioSent(nanos);
  }

  /** Publishes the quality of the window since the last sample, and probes round trip while idle. */
  public void sample(long nowNanos) {
    if (call == null || ended) {
      return;
    }
    listener.onSample(toSample(quality.sampleWindow()));
    playout.probeRoundTrip(nowNanos);
  }

  /** The socket closed: a stop event already ended the call; otherwise the agent hung up or the stream dropped. */
  public void onTransportClosed(String reason, long nowNanos) {
    if (ended) {
      return;
    }
    if (call == null) {
      ended = true;
      return;
    }
    boolean agentEnded = endSent;
    end(agentEnded ? CallOutcome.COMPLETED : CallOutcome.DROPPED,
        agentEnded ? "agent-" + requestedEnd.kind().name().toLowerCase(java.util.Locale.ROOT) : reason, nowNanos);
  }

  /**
   * The socket closed without a stop event but the carrier can restart the stream: the call stays open for
   * {@code resumeSeconds}. Audio queued for the caller is dropped (the engine hears it as interrupted, cause
   * "stream-drop") and the timeline says what happened. {@link #resume} continues the call on the new stream;
   * otherwise {@link #onTransportClosed} ends it.
   *
   * @return false when there is nothing to keep (the call ended, or never started, or the agent was ending it)
   */
  public boolean suspend(String reason, int resumeSeconds, long nowNanos) {
    if (ended || call == null || endSent) {
      return false;
    }
    reorderer.flush(f -> process(f, nowNanos));
    suspendedNanos = nowNanos;
    event("stream-drop", "media stream closed (" + reason + ") without a stop event; the call waits up to "
        + resumeSeconds + " s for the carrier to restart the stream or to continue it on the record path");
    if (playout.busy()) {
      for (Interruption i : playout.clear("stream-drop", nowNanos)) {
        engine.onInterrupted(i);
      }
    }
    return true;
  }

  /**
   * The carrier opened a new stream for this call (same call id): media and marks continue there, under the same call
   * id, with the same engine session and conversation. The new stream numbers its frames afresh.
   */
  public void resume(CarrierLink newLink, InboundFrame.Start s, long nowNanos) {
    if (ended) {
      newLink.closeStream("the call ended before its stream came back");
      return;
    }
    link = newLink;
    playout.relink(newLink);
    cutWhatTheDeadStreamTook(nowNanos);
    reorderer.flush(f -> process(f, nowNanos));
    reorderer = new ChunkReorderer(settings.reorderWindowFrames());
    highestChunk = 0;
    jumpRun = 0;
    jumpRunLast = Long.MIN_VALUE;
    quality.newSegment();
    resumes++;
    event("stream-resumed", "stream " + s.streamId() + " after " + (nowNanos - suspendedNanos) / 1_000_000
        + " ms; the conversation goes on");
  }

  /**
   * The call goes on without a media stream (the record path): agent audio and marks go to {@code newLink}, which
   * serves them to the carrier as {@code <Play>}; the caller's recorded turns come in through {@link #onRecordedAudio}.
   * Same call id, engine session, conversation and turns; the CDR says {@code stream+record}.
   */
  public void toRecordPath(CarrierLink newLink, String why, long nowNanos) {
    if (ended || call == null) {
      return;
    }
    reorderer.flush(f -> process(f, nowNanos));
    link = newLink;
    playout.relink(newLink);
    mediaPath = "stream".equals(mediaPath) ? "stream+record" : mediaPath;
    cutWhatTheDeadStreamTook(nowNanos);
    event("record-path", why);
  }

  /** A call that starts on the record path (no media stream at all): as a stream's start, and the CDR says {@code record}. */
  public void startOnRecordPath(InboundFrame.Start start, String why, long nowNanos) {
    mediaPath = "record";
    onFrame(start, nowNanos);
    event("record-path", why);
  }

  /**
   * One 20 ms frame of a recorded caller turn (record path): VAD, DTMF and the engine as for a streamed frame, but no
   * network quality accounting (a recording says nothing about jitter or loss on the way).
   */
  public void onRecordedAudio(byte[] ulaw, long nowNanos) {
    if (ended || call == null) {
      return;
    }
    process(new InboundFrame.Media(true, -1, -1, ulaw), nowNanos);
  }

  /** How the caller's audio reached the call so far: stream, record or stream+record. */
  public String mediaPath() {
    return mediaPath;
  }

  /**
   * What the engine said while the stream was down went into the dead socket and was never heard: it is cut (cause
   * {@code stream-drop}) now that the new link is in place, so an engine that repeats itself is heard this time.
   */
  private void cutWhatTheDeadStreamTook(long nowNanos) {
    if (playout.busy()) {
      for (Interruption i : playout.clear("stream-drop", nowNanos)) {
        engine.onInterrupted(i);
      }
    }
  }

  /** Whether a dropped stream may be waited for: the call runs and the agent is not ending it. */
  public boolean suspendable() {
    return !ended && call != null && !endSent;
  }

  /** Streams this call resumed on after a drop. */
  public int resumes() {
    return resumes;
  }

  /** A moment for the call's timeline (nothing before the start event names the call). */
  private void event(String kind, String detail) {
    if (call != null) {
      listener.onEvent(new org.telops.runtime.quality.CallEventRecord(call.callId(), wall.instant(), eventSeq++, kind, detail));
    }
  }

  private void end(CallOutcome outcome, String cause, long nowNanos) {
    if (ended) {
      return;
    }
    if (call == null) {
      ended = true;
      return;
    }
    reorderer.flush(f -> process(f, nowNanos));
    ended = true;
    engine.onStop();
    turns.close();
    MediaQualitySnapshot window = quality.sampleWindow();
    if (window.framesReceived() > 0) {
      listener.onSample(toSample(window));
    }
    event("stream-stop", outcome.wire() + " (" + cause + "), " + mediaFramesIn + " frames received");
    listener.onEnded(call, toRecord(outcome, cause));
  }

  private CallRecord toRecord(CallOutcome outcome, String cause) {
    return CallReports.record(call, quality.snapshot(), lastRttMs, turns, attemptedAt, answeredAt, wall.instant(),
        outcome, cause, usage.toUsage(), mediaPath);
  }

  private QualitySample toSample(MediaQualitySnapshot s) {
    return CallReports.sample(call, wall.instant(), s, reorderer.late(), lastRttMs);
  }

  private void maybeEndCall() {
    if (requestedEnd != null && !endSent && !playout.busy()) {
      endSent = true;
      link.endCall(requestedEnd);
    }
  }

  private boolean requireStarted(String event) {
    if (call == null) {
      bad(BadInput.BEFORE_START, event + " before the start event");
      return false;
    }
    return true;
  }

  private void bad(BadInput kind, String detail) {
    listener.onBadInput(carrier, kind, badSeen.add(kind), detail);
  }

  public CallInfo call() {
    return call;
  }

  public boolean started() {
    return call != null;
  }

  public boolean ended() {
    return ended;
  }

  private static String firstNonBlank(String a, String b) {
    return a != null && !a.isBlank() ? a : (b == null || b.isBlank() ? null : b);
  }

  private static Instant parseEpochMs(String v) {
    try {
      return v == null ? null : Instant.ofEpochMilli(Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The engine's handle on this call. */
  private final class Output implements EngineOutput {
    @Override
    public Utterance say(String label) {
      return playout.begin(label);
    }

    @Override
    public void providerFailed(String stage, String provider, String error) {
      String e = error == null ? "failed" : error.length() > 200 ? error.substring(0, 200) + "…" : error;
      event("provider-failure", stage + " " + provider + ": " + e);
    }

    @Override
    public void stopSpeaking() {
      if (!ended && playout.busy()) {
        for (Interruption i : playout.clear("engine", nanoClock.getAsLong())) {
          engine.onInterrupted(i);
        }
      }
    }

    @Override
    public void hangup(String reason) {
      requestEnd(CallEnd.hangup(reason));
    }

    @Override
    public void transfer(String target, String reason) {
      requestEnd(CallEnd.transfer(target, reason));
    }

    private void requestEnd(CallEnd end) {
      if (!ended && requestedEnd == null) {
        requestedEnd = end;
        maybeEndCall();
      }
    }

    @Override
    public void reportUsage(Usage d) {
      usage.add(d);
    }

    @Override
    public void reportLatency(LatencyStage stage, long millis) {
      turns.onLatency(stage, millis);
    }

    @Override
    public Scheduler scheduler() {
      return new Scheduler() {
        @Override
        public Cancellable schedule(long delayMs, Runnable task) {
          return scheduler.schedule(delayMs, () -> {
            if (!ended) {
              task.run();
            }
          });
        }

        @Override
        public void execute(Runnable task) {
          scheduler.execute(() -> {
            if (!ended) {
              task.run();
            }
          });
        }
      };
    }
  }

  /** For tests: the carrier parameters seen at start, or an empty map. */
  Map<String, String> params() {
    return call == null ? new HashMap<>() : call.params();
  }
}
