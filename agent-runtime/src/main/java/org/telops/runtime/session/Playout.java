package org.telops.runtime.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.telops.audio.MuLaw;
import org.telops.audio.Resampler;
import org.telops.runtime.engine.Interruption;
import org.telops.runtime.engine.Utterance;

/**
 * Agent audio on its way to the caller. Audio goes out in 20 ms frames (160 μ-law bytes) as soon as it
 * is produced (carriers buffer and play in real time); after every {@code markIntervalMs} of audio and
 * at the end of an utterance a mark follows. Carriers echo a mark when the audio before it has played,
 * so the echoed marks say how far playback got: that is what barge-in reports to the engine, and the
 * final mark is "utterance finished". Idle marks (nothing queued) come back at once and measure round trip.
 */
public final class Playout {
  public static final int FRAME_BYTES = 160;
  static final int FRAME_MS = 20;
  private static final byte SILENCE = (byte) 0xFF;

  /** What an echoed mark meant. */
  public record MarkResult(Kind kind, Active utterance, double rttMs) {
    public enum Kind { PROGRESS, FINISHED, RTT, UNKNOWN }
  }

  private record PendingMark(String name, Active utterance, long offsetMs, boolean last) {}

  private CarrierLink link;
  private final int markIntervalMs;
  private final LongSupplier nanoClock;
  private final LongConsumer onFrameSent;
  private final ArrayDeque<PendingMark> pending = new ArrayDeque<>();
  /** One outgoing frame, reused: {@link CarrierLink#sendAudio} does not keep the array. */
  private final byte[] frame = new byte[FRAME_BYTES];
  private final List<Active> open = new ArrayList<>();
  private int seq;
  private int rttSeq;
  private String rttName;
  private long rttSentNanos;

  public Playout(CarrierLink link, int markIntervalMs, LongSupplier nanoClock, LongConsumer onFrameSent) {
    this.link = link;
    this.markIntervalMs = Math.max(FRAME_MS, markIntervalMs);
    this.nanoClock = nanoClock;
    this.onFrameSent = onFrameSent;
  }

  /**
   * The call's media moved to a new stream (the old one dropped and the carrier opened another): later audio and marks
   * go there. Utterance numbering goes on, so the engine's ids stay unique; a round-trip mark sent on the old stream is
   * forgotten.
   */
  public void relink(CarrierLink newLink) {
    link = newLink;
    rttName = null;
  }

  public Active begin(String label) {
    Active u = new Active("u" + (++seq), label);
    open.add(u);
    return u;
  }

  /** Agent audio queued or playing at the carrier (what barge-in interrupts). */
  public boolean busy() {
    if (!pending.isEmpty()) {
      return true;
    }
    for (Active u : open) {
      if (u.sentMs > 0 || u.fill > 0) {
        return true;
      }
    }
    return false;
  }

  public MarkResult onMark(String name, long nowNanos) {
    if (name != null && name.equals(rttName)) {
      rttName = null;
      return new MarkResult(MarkResult.Kind.RTT, null, (nowNanos - rttSentNanos) / 1e6);
    }
    boolean known = false;
    for (PendingMark p : pending) {
      if (p.name.equals(name)) {
        known = true;
        break;
      }
    }
    if (!known) {
      return new MarkResult(MarkResult.Kind.UNKNOWN, null, 0); // cleared earlier, or not ours
    }
    Iterator<PendingMark> it = pending.iterator();
    while (it.hasNext()) {
      PendingMark p = it.next();
      it.remove();
      p.utterance.ackedMs = p.offsetMs;
      p.utterance.ackNanos = nowNanos;
      if (p.name.equals(name)) {
        if (p.last) {
          open.remove(p.utterance);
          return new MarkResult(MarkResult.Kind.FINISHED, p.utterance, 0);
        }
        return new MarkResult(MarkResult.Kind.PROGRESS, p.utterance, 0);
      }
    }
    return new MarkResult(MarkResult.Kind.UNKNOWN, null, 0);
  }

  /** Sends {@code clear} and reports every utterance it cut short; their later marks are ignored. */
  public List<Interruption> clear(String cause, long nowNanos) {
    link.sendClear();
    List<Interruption> cut = new ArrayList<>();
    for (Active u : open) {
      u.cancelled = true;
      long since = u.ackNanos > 0 ? (nowNanos - u.ackNanos) / 1_000_000 : 0;
      long played = Math.min(u.sentMs, u.ackedMs + Math.min(since, markIntervalMs));
      cut.add(new Interruption(u.id, u.label, played, u.ackedMs, u.sentMs, cause));
    }
    open.clear();
    pending.clear();
    return cut;
  }

  /** Sends an idle mark to measure round trip, if nothing is queued and none is outstanding. */
  public void probeRoundTrip(long nowNanos) {
    if (rttName == null && !busy()) {
      rttName = "rtt." + (++rttSeq);
      rttSentNanos = nowNanos;
      link.sendMark(rttName);
    }
  }

  private void sendFrame(Active u, byte[] frame) {
    link.sendAudio(frame);
    u.sentMs += FRAME_MS;
    u.sinceMarkMs += FRAME_MS;
    onFrameSent.accept(nanoClock.getAsLong());
    if (u.sinceMarkMs >= markIntervalMs) {
      u.sinceMarkMs = 0;
      mark(u, u.id + "." + u.sentMs, false);
    }
  }

  private void mark(Active u, String name, boolean last) {
    pending.add(new PendingMark(name, u, u.sentMs, last));
    link.sendMark(name);
  }

  /** An utterance being spoken. */
  public final class Active implements Utterance {
    private final String id;
    private final String label;
    private final byte[] partial = new byte[FRAME_BYTES];
    private int fill;
    private long sentMs;
    private long sinceMarkMs;
    private long ackedMs;
    private long ackNanos;
    private boolean finished;
    private boolean cancelled;
    private Resampler down;

    Active(String id, String label) {
      this.id = id;
      this.label = label;
    }

    @Override
    public String id() {
      return id;
    }

    public String label() {
      return label;
    }

    public long sentMs() {
      return sentMs;
    }

    @Override
    public void append(byte[] ulaw) {
      if (cancelled || finished || ulaw == null) {
        return;
      }
      int i = 0;
      if (fill > 0) {
        int take = Math.min(FRAME_BYTES - fill, ulaw.length);
        System.arraycopy(ulaw, 0, partial, fill, take);
        fill += take;
        i = take;
        if (fill < FRAME_BYTES) {
          return;
        }
        sendFrame(this, partial); // the link does not keep the array
        fill = 0;
      }
      for (; i + FRAME_BYTES <= ulaw.length; i += FRAME_BYTES) {
        System.arraycopy(ulaw, i, frame, 0, FRAME_BYTES);
        sendFrame(this, frame);
      }
      if (i < ulaw.length) {
        fill = ulaw.length - i;
        System.arraycopy(ulaw, i, partial, 0, fill);
      }
    }

    @Override
    public void appendPcm(short[] pcm, int sampleRateHz) {
      if (sampleRateHz == 16000) {
        if (down == null) {
          down = Resampler.downsampler();
        }
        pcm = down.downsample(pcm);
      } else if (sampleRateHz != 8000) {
        throw new IllegalArgumentException("agent audio must be 8000 or 16000 Hz, got " + sampleRateHz);
      }
      append(MuLaw.encode(pcm));
    }

    @Override
    public void finish() {
      if (cancelled || finished) {
        return;
      }
      finished = true;
      if (fill > 0) {
        java.util.Arrays.fill(partial, fill, FRAME_BYTES, SILENCE);
        sendFrame(this, partial);
        fill = 0;
      }
      mark(this, id + ".end", true);
    }

    @Override
    public boolean cancelled() {
      return cancelled;
    }
  }
}
