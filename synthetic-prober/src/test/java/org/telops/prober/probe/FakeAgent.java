package org.telops.prober.probe;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.telops.audio.DtmfDetector;
import org.telops.audio.MuLaw;
import org.telops.audio.ToneDetector;
import org.telops.audio.ToneGenerator;
import org.telops.prober.media.MediaEvent;
import org.telops.prober.media.ProbeMediaEndpoint;

/**
 * A carrier stream with an agent behind it, in memory: a 20 ms clock sends the probe one frame at a time
 * (the agent's queued audio, else silence), and what the probe sends is "heard" by the agent after
 * {@code pathMs}. Behaviours: the probe responder, a silent line, a wrong answer, no echo, a hang-up
 * mid-call, a stream that never carries a frame.
 */
final class FakeAgent implements ProbeMediaEndpoint.MediaLink {
  enum Behaviour { RESPONDER, SILENT, WRONG_DIGITS, NO_ECHO, HANG_UP_ON_DIGITS, NO_FRAMES }

  private final Vertx vertx;
  private final Context context;
  private final ProbeCall call;
  private final Behaviour behaviour;
  private final int pathMs;
  private final ArrayDeque<byte[]> toProbe = new ArrayDeque<>();
  private final DtmfDetector dtmf = new DtmfDetector();
  private final ToneDetector testTone = ToneDetector.testTone();
  private final StringBuilder heard = new StringBuilder();
  /** The DTMF the agent sends back for a spoken phrase ('*' … '#'); null: it never answers one. */
  volatile String transcriptKeys;
  private boolean inPhrase;
  private long chunk;
  private long clock = -1;
  volatile boolean closed;

  FakeAgent(Vertx vertx, Context context, ProbeCall call, Behaviour behaviour, int pathMs) {
    this.vertx = vertx;
    this.context = context;
    this.call = call;
    this.behaviour = behaviour;
    this.pathMs = pathMs;
  }

  /** The carrier opens the stream and starts its 20 ms clock. */
  void connect() {
    context.runOnContext(v -> {
      call.onStart(this, System.nanoTime());
      if (behaviour != Behaviour.NO_FRAMES) {
        clock = vertx.setPeriodic(20, id -> tick());
      }
    });
  }

  private void tick() {
    if (closed) {
      vertx.cancelTimer(clock);
      return;
    }
    byte[] frame = toProbe.isEmpty() ? silence() : toProbe.poll();
    chunk++;
    call.onFrame(System.nanoTime(), new MediaEvent(MediaEvent.Kind.MEDIA, "MZ1", chunk, (chunk - 1) * 20, frame));
  }

  @Override
  public void send(byte[] ulaw) {
    vertx.setTimer(Math.max(1, pathMs), id -> context.runOnContext(v -> hear(ulaw)));
  }

  private void hear(byte[] ulaw) {
    for (int i = 0; i + 160 <= ulaw.length; i += 160) {
      byte[] frame = Arrays.copyOfRange(ulaw, i, i + 160);
      short[] pcm = MuLaw.decode(frame);
      if (testTone.isTone(pcm)) {
        if (behaviour != Behaviour.NO_ECHO) {
          toProbe.add(frame);
        }
        continue;
      }
      char k = dtmf.process(pcm);
      if (k == 0) {
        continue;
      }
      if (k == '*') {
        inPhrase = true;
        continue;
      }
      if (inPhrase) {
        if (k == '#') {
          inPhrase = false;
          if (transcriptKeys != null) {
            queue(transcriptKeys);
          }
        }
        continue;
      }
      heard.append(k);
      if (k == '#') {
        answer();
      }
    }
  }

  private void answer() {
    String digits = heard.substring(0, heard.length() - 1);
    heard.setLength(0);
    String reply = switch (behaviour) {
      case SILENT -> null;
      case WRONG_DIGITS -> digits + "#";
      case HANG_UP_ON_DIGITS -> {
        close();
        call.onClosed("the carrier closed the media stream");
        yield null;
      }
      default -> new StringBuilder(digits).reverse() + "#";
    };
    if (reply != null) {
      queue(reply);
    }
  }

  private void queue(String keys) {
    byte[] audio = MuLaw.encode(ToneGenerator.dtmfSequence(keys, 100, 100, Challenge.DTMF_AMPLITUDE));
    for (int i = 0; i < audio.length; i += 160) {
      toProbe.add(Arrays.copyOfRange(audio, i, i + 160));
    }
  }

  private static byte[] silence() {
    byte[] b = new byte[160];
    Arrays.fill(b, (byte) 0xFF);
    return b;
  }

  @Override
  public void close() {
    closed = true;
  }
}
