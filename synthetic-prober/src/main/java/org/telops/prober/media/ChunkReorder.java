package org.telops.prober.media;

import java.util.Map;
import java.util.TreeMap;

/**
 * Puts media frames back in chunk order before the audio is analysed: Telnyx does not guarantee order,
 * and a DTMF key split across swapped frames would not be heard. Holds at most {@code windowFrames}
 * frames; when more wait, the gap is given up as lost. A frame older than what was already released is
 * dropped. Window 0 passes frames straight through (Twilio keeps order).
 */
public final class ChunkReorder {
  /** Where ordered frames go, each with its own arrival time. */
  @FunctionalInterface
  public interface Sink {
    void frame(long arrivalNanos, byte[] payload);
  }

  private record Held(long arrivalNanos, byte[] payload) {}

  private final int windowFrames;
  private final TreeMap<Long, Held> held = new TreeMap<>();
  private long next = Long.MIN_VALUE;

  public ChunkReorder(int windowFrames) {
    if (windowFrames < 0) {
      throw new IllegalArgumentException("windowFrames must be >= 0, got " + windowFrames);
    }
    this.windowFrames = windowFrames;
  }

  public void offer(long chunk, long arrivalNanos, byte[] payload, Sink sink) {
    if (windowFrames == 0) {
      sink.frame(arrivalNanos, payload);
      return;
    }
    if (next == Long.MIN_VALUE) {
      next = chunk;
    }
    if (chunk < next) {
      return; // its place was given up as lost, or a duplicate
    }
    held.putIfAbsent(chunk, new Held(arrivalNanos, payload));
    release(sink);
    while (held.size() > windowFrames) {
      next = held.firstKey();
      release(sink);
    }
  }

  /** Releases whatever is held, gaps and all (end of stream). */
  public void flush(Sink sink) {
    while (!held.isEmpty()) {
      next = held.firstKey();
      release(sink);
    }
  }

  private void release(Sink sink) {
    Map.Entry<Long, Held> e;
    while ((e = held.firstEntry()) != null && e.getKey() == next) {
      held.pollFirstEntry();
      next++;
      sink.frame(e.getValue().arrivalNanos(), e.getValue().payload());
    }
  }
}
