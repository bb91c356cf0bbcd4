package org.telops.runtime.recordpath;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.audio.Wav;
import org.telops.contracts.bus.Addresses;
import org.telops.runtime.RuntimeConfig;
import org.telops.runtime.engine.Scheduler;
import org.telops.runtime.lifecycle.Drain;
import org.telops.runtime.session.CallSession;
import org.telops.runtime.session.EngineDirectory;
import org.telops.runtime.session.InboundFrame;
import org.telops.runtime.stream.ResumableStreams;
import org.telops.runtime.stream.SessionReporter;
import org.telops.runtime.webhook.PublicUrls;

/**
 * The record path: calls that go on without a media stream, over {@code <Play>} and {@code <Record>} webhooks, with the
 * same engine. A call gets here three ways: its stream dropped mid-call (the socket parked it, and the carrier's
 * {@code <Connect action>} request takes it over: CDR {@code stream+record}); its stream never started (a fresh
 * session: CDR {@code record}); or its number's webhook asks for it ({@code ?path=record}). Holds the calls by carrier
 * call id, serves the agent's audio at {@code /carriers/audio/{token}.wav} (random 128-bit tokens, 10 minutes), fetches
 * the caller's recordings, and ends a call when the carrier's status callback says it completed.
 */
public final class RecordPath {
  private static final Logger log = LoggerFactory.getLogger(RecordPath.class);
  public static final String AUDIO_PATH = "/carriers/audio/";
  private static final long AUDIO_TTL_MS = 10 * 60_000L;
  /** How long a stream-ended request waits for its dropped socket to park the call (the close may come just after). */
  private static final long PARK_WAIT_MS = 1_500;
  private static final Set<String> FINAL_STATUSES = Set.of("completed", "busy", "failed", "no-answer", "canceled");

  private final Vertx vertx;
  private final RecordPathConfig cfg;
  private final RuntimeConfig runtime;
  private final EngineDirectory engines;
  private final Supplier<SessionReporter> reporters;
  private final Drain drain;
  private final PublicUrls urls;
  private final ResumableStreams resumable;
  private final MeterRegistry meters;
  private final String twilioAuthToken;
  private final WebClient web;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, RecordPathCall> calls = new ConcurrentHashMap<>();
  private final Map<String, byte[]> audio = new ConcurrentHashMap<>();

  public RecordPath(Vertx vertx, RecordPathConfig cfg, RuntimeConfig runtime, EngineDirectory engines,
                    Supplier<SessionReporter> reporters, Drain drain, PublicUrls urls, ResumableStreams resumable,
                    MeterRegistry meters, String twilioAuthToken) {
    this.vertx = vertx;
    this.cfg = cfg;
    this.runtime = runtime;
    this.engines = engines;
    this.reporters = reporters;
    this.drain = drain;
    this.urls = urls;
    this.resumable = resumable;
    this.meters = meters;
    this.twilioAuthToken = twilioAuthToken;
    this.web = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(3_000).setIdleTimeout(30)
        .setUserAgent("telops-agent-runtime"));
    meters.gauge("telops_runtime_record_path_calls", calls, Map::size);
  }

  public boolean enabled() {
    return cfg.enabled();
  }

  public RecordPathConfig config() {
    return cfg;
  }

  public void mount(Router router) {
    // Open: the carrier fetches <Play> audio without credentials; the 128-bit token in the URL is the key.
    org.telops.contracts.auth.AccessRules.of(router).open(io.vertx.core.http.HttpMethod.GET, AUDIO_PATH + "*");
    router.get(AUDIO_PATH + ":file").handler(ctx -> {
      String file = ctx.pathParam("file");
      byte[] wav = file.endsWith(".wav") ? audio.get(file.substring(0, file.length() - 4)) : null;
      if (wav == null) {
        ctx.response().setStatusCode(404).end("no such audio (it is kept 10 minutes)\n");
        return;
      }
      ctx.response().putHeader("Content-Type", "audio/wav").putHeader("Cache-Control", "no-store").end(Buffer.buffer(wav));
    });
    vertx.eventBus().<JsonObject>consumer(Addresses.TWILIO_STATUS, m -> {
      JsonObject b = m.body();
      if (b == null || !FINAL_STATUSES.contains(String.valueOf(b.getString("callStatus")))) {
        return;
      }
      carrierEnded("twilio", String.valueOf(b.getString("callSid")), b.getString("callStatus"));
    });
  }

  /** The carrier says the call is over (a final status callback): its record-path call, if any, ends completed. */
  public void carrierEnded(String carrier, String carrierCallId, String status) {
    if (status == null || !FINAL_STATUSES.contains(status)) {
      return;
    }
    RecordPathCall call = calls.get(ResumableStreams.key(carrier, carrierCallId));
    if (call != null) {
      call.context.runOnContext(v -> call.finish("caller-hangup (carrier status " + status + ")"));
    }
  }

  /** Keeps a reply for the carrier's {@code <Play>} and returns its URL. */
  String host(byte[] ulaw) {
    byte[] token = new byte[16];
    random.nextBytes(token);
    String id = HexFormat.of().formatHex(token);
    audio.put(id, Wav.pcmFromMuLaw(ulaw));
    vertx.setTimer(AUDIO_TTL_MS, t -> audio.remove(id));
    return urls.http(AUDIO_PATH + id + ".wav");
  }

  void remove(RecordPathCall call) {
    calls.remove(call.key, call);
    drain.release(call);
  }

  public int active() {
    return calls.size();
  }

  /**
   * The carrier's stream for this call ended while the call goes on (Twilio's {@code <Connect action>}): the dropped
   * stream's call continues here, or — when no stream ever started — a new session starts on the record path.
   *
   * @param start the call's parameters as the stream's start event would have carried them
   */
  public Future<String> afterStream(String carrier, String carrierCallId, Map<String, String> start, String turnUrl,
                                    String noInputUrl) {
    String key = ResumableStreams.key(carrier, carrierCallId);
    RecordPathCall existing = calls.get(key);
    if (existing != null) {
      return onContext(existing, () -> existing.turn(() -> { }, false));
    }
    Promise<ResumableStreams.Parked> parked = Promise.promise();
    awaitParked(key, System.nanoTime() + PARK_WAIT_MS * 1_000_000L, parked);
    return parked.future().compose(p -> {
      if (p != null) {
        return adopt(key, p, turnUrl, noInputUrl);
      }
      return fresh(carrier, carrierCallId, start, turnUrl, noInputUrl,
          "the media stream did not start: the call runs over <Play>/<Record> (TELOPS_RECORD_PATH)");
    });
  }

  /** A call that starts on the record path (the number's webhook asked for it, or a turn for a call we do not know). */
  public Future<String> start(String carrier, String carrierCallId, Map<String, String> start, String turnUrl,
                              String noInputUrl, String why) {
    String key = ResumableStreams.key(carrier, carrierCallId);
    RecordPathCall existing = calls.get(key);
    if (existing != null) {
      return onContext(existing, () -> existing.turn(() -> { }, false));
    }
    return fresh(carrier, carrierCallId, start, turnUrl, noInputUrl, why);
  }

  /**
   * A caller turn: the recording at {@code recordingUrl} (fetched with the carrier's credentials), or the keys in
   * {@code digits}, or nothing ({@code noInput}: the caller said nothing).
   */
  public Future<String> turn(String carrier, String carrierCallId, String accountSid, String recordingUrl, String digits,
                             boolean noInput, Map<String, String> start, String turnUrl, String noInputUrl) {
    String key = ResumableStreams.key(carrier, carrierCallId);
    RecordPathCall call = calls.get(key);
    if (call == null) {
      log.warn("record-path turn for {} {}, a call this process does not hold (restarted?): starting a new session",
          carrier, carrierCallId);
      return start(carrier, carrierCallId, start, turnUrl, noInputUrl,
          "a record-path turn arrived for a call this process did not hold: a new session");
    }
    meters.counter("telops_runtime_record_path_turns", "carrier", carrier, "input",
        noInput ? "none" : recordingUrl != null ? "recording" : "digits").increment();
    if (noInput || recordingUrl == null || recordingUrl.isBlank()) {
      String keys = digits == null || digits.equals("hangup") ? "" : digits;
      return onContext(call, () -> call.turn(() -> call.feedDigits(keys), !keys.isEmpty()));
    }
    long t0 = System.nanoTime();
    return fetchRecording(recordingUrl, accountSid).compose(ulaw -> {
      long fetchMs = (System.nanoTime() - t0) / 1_000_000;
      log.debug("record-path call {}: recording of {} ms fetched in {} ms", key, ulaw.length / 8, fetchMs);
      return onContext(call, () -> call.turn(() -> call.feedRecording(ulaw), true));
    }, failure -> {
      log.warn("record-path call {}: the recording {} could not be fetched ({}); listening again", key, recordingUrl,
          failure.getMessage());
      return onContext(call, () -> call.turn(() -> { }, false));
    });
  }

  private Future<byte[]> fetchRecording(String recordingUrl, String accountSid) {
    String url = recordingUrl.endsWith(".wav") ? recordingUrl : recordingUrl + ".wav";
    var req = web.getAbs(url).timeout(8_000);
    if (accountSid != null && twilioAuthToken != null) {
      req.basicAuthentication(accountSid, twilioAuthToken);
    }
    return req.send().map(r -> {
      if (r.statusCode() != 200) {
        throw new IllegalStateException("HTTP " + r.statusCode());
      }
      return Wav.toMuLaw(r.body().getBytes());
    });
  }

  private Future<String> adopt(String key, ResumableStreams.Parked p, String turnUrl, String noInputUrl) {
    vertx.cancelTimer(p.timer());
    RecordPathCall call = new RecordPathCall(this, key, p.context(), vertx, cfg, runtime.session().silenceMs(), turnUrl,
        noInputUrl);
    call.session = p.session();
    if (!admit(call)) {
      return Future.succeededFuture(RecordPathTwiml.hangup(null));
    }
    drain.release(p.dropped());
    meters.counter("telops_runtime_record_path_calls_started", "why", "stream-dropped").increment();
    log.warn("{}: the media stream dropped and was not restarted; the call goes on over <Play>/<Record>", key);
    return onContext(call, () -> {
      call.session.toRecordPath(call, "the media stream dropped; the call goes on over <Play>/<Record> (same engine and "
          + "conversation)", System.nanoTime());
      return call.turn(() -> { }, false);
    });
  }

  private Future<String> fresh(String carrier, String carrierCallId, Map<String, String> start, String turnUrl,
                               String noInputUrl, String why) {
    if (drain.draining()) {
      return Future.succeededFuture(RecordPathTwiml.hangup(null));
    }
    String key = ResumableStreams.key(carrier, carrierCallId);
    Context context = vertx.getOrCreateContext();
    RecordPathCall call = new RecordPathCall(this, key, context, vertx, cfg, runtime.session().silenceMs(), turnUrl,
        noInputUrl);
    SessionReporter reporter = reporters.get();
    reporter.attach(() -> carrier + " record-path call " + carrierCallId);
    call.session = new CallSession(carrier, call, engines, runtime.defaults(), runtime.session(), reporter,
        scheduler(context, key), Clock.systemUTC(), System::nanoTime);
    if (!admit(call)) {
      RecordPathCall other = calls.get(key); // a concurrent request started it first; or draining
      return other == null ? Future.succeededFuture(RecordPathTwiml.hangup(null))
          : onContext(other, () -> other.turn(() -> { }, false));
    }
    meters.counter("telops_runtime_record_path_calls_started", "why", "no-stream").increment();
    log.warn("{} call {}: {}", carrier, carrierCallId, why);
    Map<String, String> params = new java.util.LinkedHashMap<>();
    start.forEach((k, v) -> {
      if (v != null) {
        params.put(k, v);
      }
    });
    InboundFrame.Start s = new InboundFrame.Start("record-path", carrierCallId, params, params.get("from"), params.get("to"),
        "audio/x-mulaw", 8000, 1);
    // The engine greets in onStart: the first turn waits for that utterance.
    return onContext(call, () -> call.turn(() -> call.session.startOnRecordPath(s, why, System.nanoTime()), true));
  }

  private boolean admit(RecordPathCall call) {
    if (calls.putIfAbsent(call.key, call) != null) {
      return false;
    }
    if (!drain.admit(call, reason -> call.context.runOnContext(v -> call.drop(reason)))) {
      calls.remove(call.key, call);
      return false;
    }
    return true;
  }

  private void awaitParked(String key, long deadlineNanos, Promise<ResumableStreams.Parked> out) {
    ResumableStreams.Parked p = resumable.adopt(key);
    if (p != null || System.nanoTime() >= deadlineNanos) {
      out.complete(p);
      return;
    }
    vertx.setTimer(50, t -> awaitParked(key, deadlineNanos, out));
  }

  private static Future<String> onContext(RecordPathCall call, Supplier<Future<String>> work) {
    Promise<String> p = Promise.promise();
    call.context.runOnContext(v -> {
      try {
        work.get().onComplete(p);
      } catch (RuntimeException e) {
        p.fail(e);
      }
    });
    return p.future();
  }

  private Scheduler scheduler(Context context, String key) {
    return new org.telops.runtime.stream.LoopScheduler(vertx, context, () -> "record-path call " + key);
  }
}
