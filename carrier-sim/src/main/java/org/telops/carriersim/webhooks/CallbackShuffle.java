package org.telops.carriersim.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Makes a leg's callbacks arrive as carriers really deliver them: now and then one is held back and sent
 * after the next (out of order), now and then one is sent twice (at-least-once delivery). The final
 * callback is never held, so nothing is held for ever; a caller flushes a held one after a while.
 * Plain Java, seeded, one per leg.
 */
public final class CallbackShuffle<T> {
  private final double reorderPercent;
  private final double duplicatePercent;
  private final RandomGenerator random;
  private T held;

  public CallbackShuffle(double reorderPercent, double duplicatePercent, RandomGenerator random) {
    this.reorderPercent = reorderPercent;
    this.duplicatePercent = duplicatePercent;
    this.random = random;
  }

  /**
   * The next callback in true order; returns what to send now, in sending order.
   *
   * @param last true for the leg's final callback
   */
  public List<T> next(T event, boolean last) {
    List<T> out = new ArrayList<>(4);
    if (held != null) {
      out.add(event);
      out.add(held);
      held = null;
    } else if (!last && roll(reorderPercent)) {
      held = event;
    } else {
      out.add(event);
    }
    return duplicated(out);
  }

  /** The held callback, if any, to send now (its successor did not come in time). */
  public List<T> flush() {
    if (held == null) {
      return List.of();
    }
    List<T> out = new ArrayList<>(2);
    out.add(held);
    held = null;
    return duplicated(out);
  }

  public boolean holding() {
    return held != null;
  }

  private List<T> duplicated(List<T> events) {
    List<T> out = new ArrayList<>(events.size() * 2);
    for (T e : events) {
      out.add(e);
      if (roll(duplicatePercent)) {
        out.add(e);
      }
    }
    return out;
  }

  private boolean roll(double percent) {
    return percent > 0 && random.nextDouble() * 100.0 < percent;
  }
}
