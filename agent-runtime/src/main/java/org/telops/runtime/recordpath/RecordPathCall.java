package org.telops.runtime.recordpath;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.runtime.session.CallEnd;
import org.telops.runtime.session.CallSession;
import org.telops.runtime.session.CarrierLink;
import org.telops.runtime.session.InboundFrame;

/**
 * One call on the record path: the {@link CarrierLink} of its {@link CallSession} when there is no media stream.
 * Agent audio is gathered instead of streamed and handed to the carrier as a {@code <Play>} URL; each caller turn
 * arrives as a recording and is fed to the session as 20 ms frames, so VAD, DTMF, the engine, turns, usage and the CDR
 * are the same as on a stream. A turn webhook waits for the engine's reply (its utterance's final mark) and answers with
 * it. Confined to the call's event loop.
 */
final class RecordPathCall implements CarrierLink {
  private static final Logger log = LoggerFactory.getLogger(RecordPathCall.class);
  /** After a reply's final mark, how long to wait for more of it (another utterance, a hang-up). */
  private static final long SETTLE_MS = 150;
  private static final byte SILENCE = (byte) 0xFF;

  private final RecordPath owner;
  final String key;
  final Context context;
  private final Vertx vertx;
  private final RecordPathConfig cfg;
  private final int vadSilenceMs;
  private final String turnUrl;
  private final String noInputUrl;
  CallSession session;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private final List<String> marks = new ArrayList<>();
  private int utterancesEnded;
  private int awaitedAfter = -1;
  private CallEnd end;
  private Promise<String> waiting;
  private boolean replying;
  private boolean finished;
  private long settleTimer = -1;
  private long deadlineTimer = -1;
  private long idleTimer = -1;
  private long playedTimer = -1;
  /** Marks of audio handed to the carrier's {@code <Play>}, acknowledged when it has had time to play. */
  private final List<String> playing = new ArrayList<>();
  private int turns;

  RecordPathCall(RecordPath owner, String key, Context context, Vertx vertx, RecordPathConfig cfg, int vadSilenceMs,
                 String turnUrl, String noInputUrl) {
    this.owner = owner;
    this.key = key;
    this.context = context;
    this.vertx = vertx;
    this.cfg = cfg;
    this.vadSilenceMs = vadSilenceMs;
    this.turnUrl = turnUrl;
    this.noInputUrl = noInputUrl;
  }

  // ---- CarrierLink: what the session sends "to the carrier" ----

  @Override
  public void sendAudio(byte[] ulaw) {
    pending.write(ulaw, 0, ulaw.length);
    cancel(settleTimer);
    settleTimer = -1;
  }

  @Override
  public void sendMark(String name) {
    marks.add(name);
    if (name.endsWith(".end")) {
      utterancesEnded++;
      if (waiting != null && awaitedAfter >= 0 && utterancesEnded > awaitedAfter && !replying) {
        cancel(settleTimer);
        settleTimer = vertx.setTimer(SETTLE_MS, id -> {
          settleTimer = -1;
          replyNow();
        });
      }
    }
  }

  @Override
  public void sendClear() {
    pending.reset();
    marks.clear();
  }

  @Override
  public void endCall(CallEnd e) {
    end = e;
    if (waiting != null && !replying) {
      replyNow();
    }
  }

  @Override
  public void closeStream(String reason) {
    log.warn("record-path call {}: the session asked to close its stream ({}); there is none", key, reason);
  }

  // ---- turns ----

  /**
   * A turn: {@code input} feeds the session (a recording, digits, or nothing), then the answer is the engine's reply
   * once its utterance ended — or, with {@code waitForReply} false or after TELOPS_RECORD_PATH_REPLY_MS, what there is.
   */
  Future<String> turn(Runnable input, boolean waitForReply) {
    cancel(idleTimer);
    idleTimer = -1;
    played(); // a request after <Play> means the carrier played it (Twilio runs verbs in order)
    if (waiting != null) {
      // The carrier retried a turn (its first request timed out): the first one gets a plain listen.
      Promise<String> old = waiting;
      waiting = null;
      old.tryComplete(RecordPathTwiml.listen(null, turnUrl, noInputUrl, cfg));
    }
    Promise<String> p = Promise.promise();
    if (finished) {
      p.complete(RecordPathTwiml.hangup(null));
      return p.future();
    }
    waiting = p;
    turns++;
    awaitedAfter = utterancesEnded;
    deadlineTimer = vertx.setTimer(cfg.replyTimeoutMs(), id -> {
      deadlineTimer = -1;
      if (waiting == p) {
        log.info("record-path call {}: no reply from the engine within {} ms (TELOPS_RECORD_PATH_REPLY_MS); listening again",
            key, cfg.replyTimeoutMs());
        replyNow();
      }
    });
    try {
      input.run();
    } catch (RuntimeException e) {
      log.error("record-path call {}: turn input failed; the call goes on", key, e);
    }
    if (waiting == p && (!waitForReply || end != null)) {
      replyNow();
    }
    return p.future();
  }

  /** The caller's recorded turn (μ-law 8 kHz) as 20 ms frames, followed by enough silence for the VAD to end it. */
  void feedRecording(byte[] ulaw) {
    int frames = (ulaw.length + 159) / 160;
    int pad = vadSilenceMs / 20 + 3;
    long now = System.nanoTime();
    long t0 = now - (frames + pad) * 20_000_000L; // the turn's frames laid out in time, ending now
    byte[] frame = new byte[160];
    for (int i = 0; i < frames + pad; i++) {
      if (i < frames) {
        int n = Math.min(160, ulaw.length - i * 160);
        System.arraycopy(ulaw, i * 160, frame, 0, n);
        Arrays.fill(frame, n, 160, SILENCE);
      } else {
        Arrays.fill(frame, SILENCE);
      }
      session.onRecordedAudio(frame, t0 + (i + 1) * 20_000_000L);
    }
  }

  void feedDigits(String digits) {
    long now = System.nanoTime();
    for (char c : digits.toCharArray()) {
      if ("0123456789*#ABCD".indexOf(c) >= 0) {
        session.onFrame(new InboundFrame.Dtmf(c), now);
      }
    }
  }

  private void replyNow() {
    Promise<String> p = waiting;
    if (p == null || replying) {
      return;
    }
    replying = true;
    try {
      cancel(settleTimer);
      cancel(deadlineTimer);
      settleTimer = -1;
      deadlineTimer = -1;
      // Marks of audio served earlier whose playing time is over count as played now (a hang-up waiting for them
      // is released and ends this reply).
      played();
      byte[] audio = pending.toByteArray();
      pending.reset();
      // This audio's marks are acknowledged once the carrier has had time to play it (or at the next request): the
      // engine's own timers (a menu's no-input timeout) start when the caller has heard it, not when it was sent.
      playing.addAll(marks);
      marks.clear();
      if (!playing.isEmpty()) {
        playedTimer = vertx.setTimer(Math.max(1, audio.length / 8), id -> {
          playedTimer = -1;
          played();
        });
      }
      String audioUrl = audio.length == 0 ? null : owner.host(audio);
      String twiml;
      if (end == null) {
        twiml = RecordPathTwiml.listen(audioUrl, turnUrl, noInputUrl, cfg);
        // If no further request comes (the caller hung up and no status callback reached us), end the call.
        long idleMs = audio.length / 8 + (cfg.maxRecordSeconds() + cfg.silenceSeconds()) * 1000L + 20_000;
        idleTimer = vertx.setTimer(idleMs, id -> {
          idleTimer = -1;
          finish("caller-hangup (record path: no request from the carrier for " + idleMs / 1000 + " s)");
        });
      } else if (end.kind() == CallEnd.Kind.TRANSFER && end.target() != null) {
        twiml = RecordPathTwiml.transfer(audioUrl, end.target());
      } else {
        twiml = RecordPathTwiml.hangup(audioUrl);
      }
      waiting = null;
      if (end != null) {
        agentEnded();
      }
      p.tryComplete(twiml);
    } finally {
      replying = false;
    }
  }

  /** The audio handed to {@code <Play>} has played: its marks go to the session, in order. */
  private void played() {
    cancel(playedTimer);
    playedTimer = -1;
    if (playing.isEmpty() || finished) {
      playing.clear();
      return;
    }
    List<String> done = new ArrayList<>(playing);
    playing.clear();
    long now = System.nanoTime();
    for (String m : done) {
      session.onFrame(new InboundFrame.Mark(m), now);
    }
  }

  /** The agent hung up or transferred: the session ends as it does when the agent closes a stream. */
  private void agentEnded() {
    if (finished) {
      return;
    }
    finished = true;
    session.onTransportClosed("record-path", System.nanoTime());
    owner.remove(this);
  }

  /** The call ended at the carrier (status callback, idle, stop): the session ends as completed by the caller. */
  void finish(String cause) {
    close(() -> session.onFrame(new InboundFrame.Stop(cause), System.nanoTime()));
  }

  /** A stop or drain: the call is cut (the runtime is going away), the CDR says dropped. */
  void drop(String reason) {
    close(() -> session.onTransportClosed(reason, System.nanoTime()));
  }

  private void close(Runnable endSession) {
    if (finished) {
      return;
    }
    finished = true;
    cancel(idleTimer);
    cancel(deadlineTimer);
    cancel(settleTimer);
    cancel(playedTimer);
    endSession.run();
    if (waiting != null) {
      waiting.tryComplete(RecordPathTwiml.hangup(null));
      waiting = null;
    }
    owner.remove(this);
  }

  int turns() {
    return turns;
  }

  private void cancel(long timer) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
