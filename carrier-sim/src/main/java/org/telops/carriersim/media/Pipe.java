package org.telops.carriersim.media;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One direction of a bridged call (e.g. caller → agent). Audio arrives in whatever chunks the sender
 * likes; every 20 ms the bridge asks for one frame of {@link #FRAME_BYTES} μ-law bytes (silence when the
 * sender is behind, as the PSTN keeps sending), the network impairment loses or delays it, and due frames
 * are handed out in delivery order. Marks travel with the audio: a mark is "played" once the audio queued
 * before it has been taken and the path latency has passed, then it goes back to its sender.
 * Plain Java; time is passed in (ms), so it is unit-tested without timers.
 */
public final class Pipe {
  /** 20 ms of 8 kHz μ-law. */
  public static final int FRAME_BYTES = 160;
  public static final int FRAME_MS = 20;
  public static final byte SILENCE = (byte) 0xFF;

  private final Impairment impairment;
  private final boolean ordered;
  private final int maxBufferedBytes;
  private final ArrayDeque<Object> input = new ArrayDeque<>();
  private int headOffset;
  private int bufferedBytes;
  private final PriorityQueue<Scheduled> inFlight = new PriorityQueue<>();
  private long lastDueMs = Long.MIN_VALUE;
  private long sequence;
  private boolean muted;
  private long framesProduced;
  private long framesDelivered;
  private long bytesOverflowed;

  private record Mark(String name) {}

  private record Scheduled(long dueMs, long seq, MediaFrame frame, String mark) implements Comparable<Scheduled> {
    @Override
    public int compareTo(Scheduled o) {
      int c = Long.compare(dueMs, o.dueMs);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  /**
   * @param ordered true for carriers whose stream keeps frame order (Twilio): a frame is never delivered
   *     before the one produced before it; false lets jitter reorder frames (Telnyx)
   * @param maxBufferedBytes audio waiting to be played beyond this is dropped, oldest first
   */
  public Pipe(Impairment impairment, boolean ordered, int maxBufferedBytes) {
    this.impairment = impairment;
    this.ordered = ordered;
    this.maxBufferedBytes = maxBufferedBytes;
  }

  public void offerAudio(byte[] mulaw) {
    if (mulaw.length == 0) {
      return;
    }
    input.addLast(mulaw);
    bufferedBytes += mulaw.length;
    while (bufferedBytes > maxBufferedBytes && input.peekFirst() instanceof byte[] head) {
      int drop = head.length - headOffset;
      bytesOverflowed += drop;
      bufferedBytes -= drop;
      input.removeFirst();
      headOffset = 0;
    }
  }

  public void offerMark(String name) {
    input.addLast(new Mark(name));
  }

  /** Drops queued audio (barge-in); returns the marks that were waiting, which go back to the sender at once. */
  public List<String> clear() {
    List<String> marks = new ArrayList<>();
    for (Object o : input) {
      if (o instanceof Mark m) {
        marks.add(m.name());
      }
    }
    input.clear();
    headOffset = 0;
    bufferedBytes = 0;
    return marks;
  }

  /** One-way audio fault: frames still flow, but carry silence. */
  public void setMuted(boolean muted) {
    this.muted = muted;
  }

  /** Takes the next 20 ms frame (index counts from 0 at bridge start) and sends it into the network. */
  public void produce(long frameIndex, long nowMs) {
    byte[] payload = new byte[FRAME_BYTES];
    int filled = 0;
    while (filled < FRAME_BYTES && !input.isEmpty()) {
      Object head = input.peekFirst();
      if (head instanceof Mark) {
        break; // reached only once the audio before it is consumed
      }
      byte[] chunk = (byte[]) head;
      int n = Math.min(FRAME_BYTES - filled, chunk.length - headOffset);
      System.arraycopy(chunk, headOffset, payload, filled, n);
      filled += n;
      headOffset += n;
      bufferedBytes -= n;
      if (headOffset == chunk.length) {
        input.removeFirst();
        headOffset = 0;
      }
    }
    Arrays.fill(payload, filled, FRAME_BYTES, SILENCE);
    // Marks whose audio has now all been taken: they come back after the path's latency, never lost.
    while (input.peekFirst() instanceof Mark m) {
      input.removeFirst();
      inFlight.add(new Scheduled(nowMs + impairment.profile().latencyMs(), sequence++, null, m.name()));
    }
    if (muted) {
      Arrays.fill(payload, SILENCE);
    }
    framesProduced++;
    if (impairment.nextLost()) {
      return;
    }
    long due = nowMs + impairment.nextDelayMs();
    if (ordered) {
      due = Math.max(due, lastDueMs);
      lastDueMs = due;
    }
    inFlight.add(new Scheduled(due, sequence++, new MediaFrame(frameIndex, payload), null));
  }

  /** Hands out everything due at {@code nowMs}, in delivery order. */
  public void drainDue(long nowMs, Sink sink) {
    while (!inFlight.isEmpty() && inFlight.peek().dueMs() <= nowMs) {
      Scheduled s = inFlight.poll();
      if (s.frame() != null) {
        framesDelivered++;
        sink.frame(s.frame());
      } else {
        sink.markPlayed(s.mark());
      }
    }
  }

  /** Earliest time something is due, or {@link Long#MAX_VALUE}. */
  public long nextDueMs() {
    return inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.peek().dueMs();
  }

  public Impairment impairment() {
    return impairment;
  }

  public long framesProduced() {
    return framesProduced;
  }

  public long framesLost() {
    return impairment.framesLost();
  }

  public long framesDelivered() {
    return framesDelivered;
  }

  public long bytesOverflowed() {
    return bytesOverflowed;
  }

  public int bufferedBytes() {
    return bufferedBytes;
  }

  /** Where a pipe's output goes: the frames to the far side, played marks back to the side that sent them. */
  public interface Sink {
    void frame(MediaFrame frame);

    void markPlayed(String name);
  }
}
