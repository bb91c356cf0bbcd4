package org.telops.runtime.session;

import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Puts media frames back in chunk order (Telnyx does not guarantee order). Frames ahead of the next
 * expected chunk wait, at most {@code window} of them; when the window overflows the missing chunk is
 * given up (it is loss) and delivery resumes from the lowest waiting chunk. A frame older than what was
 * already delivered is dropped and counted as late. Frames without a chunk number pass straight through.
 */
public final class ChunkReorderer {
  private final int window;
  private final TreeMap<Long, InboundFrame.Media> waiting = new TreeMap<>();
  private long next = -1;
  private long late;
  private long skipped;

  public ChunkReorderer(int window) {
    this.window = Math.max(0, window);
  }

  public void offer(InboundFrame.Media frame, Consumer<InboundFrame.Media> deliver) {
    long chunk = frame.chunk();
    if (chunk < 0) {
      deliver.accept(frame);
      return;
    }
    if (next < 0) {
      next = chunk;
    }
    if (chunk == next && waiting.isEmpty()) {
      // In order with nothing held back: almost every frame (no map lookups, no boxed keys).
      deliver.accept(frame);
      next++;
      return;
    }
    if (chunk < next || waiting.containsKey(chunk)) {
      late++;
      return;
    }
    if (chunk == next) {
      deliver.accept(frame);
      next++;
      drainConsecutive(deliver);
      return;
    }
    // Held back: copy the audio, whose array the socket reuses for the next frame.
    waiting.put(chunk, new InboundFrame.Media(frame.inbound(), frame.chunk(), frame.timestampMs(), frame.ulaw().clone()));
    while (waiting.size() > window) {
      var first = waiting.pollFirstEntry();
      skipped += first.getKey() - next;
      deliver.accept(first.getValue());
      next = first.getKey() + 1;
      drainConsecutive(deliver);
    }
  }

  /** Delivers whatever still waits, in order (end of stream). */
  public void flush(Consumer<InboundFrame.Media> deliver) {
    while (!waiting.isEmpty()) {
      var first = waiting.pollFirstEntry();
      skipped += first.getKey() - next;
      next = first.getKey() + 1;
      deliver.accept(first.getValue());
    }
  }

  private void drainConsecutive(Consumer<InboundFrame.Media> deliver) {
    InboundFrame.Media m;
    while ((m = waiting.remove(next)) != null) {
      deliver.accept(m);
      next++;
    }
  }

  /** Frames dropped because their turn had passed. */
  public long late() {
    return late;
  }

  /** Chunks given up as missing. */
  public long skipped() {
    return skipped;
  }
}
