package org.telops.runtime.routing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A carrier's calls-per-second limit: a token bucket with a bounded FIFO queue in front of it.
 *
 * <p>Credit accrues in nanoseconds of elapsed time up to {@code burst} call intervals; a call costs one
 * interval ({@code 1 s / callsPerSecond}, rounded up). With burst 1 that means two calls are never
 * closer than one interval, so any one-second span holds at most {@code callsPerSecond} calls — the way
 * carriers count CPS. Calls that find no credit wait in the queue (oldest first) until {@link #drain}
 * hands them out; past {@code queueCapacity} they are refused with a message that says when to retry.
 *
 * <p>Credit never exceeds the burst, even while calls wait: a queue served late loses the late time
 * rather than catching up with a burst, so the limit holds whatever the timer does.
 *
 * <p>Time is passed in (nanoseconds from any fixed origin) so the limiter is testable without clocks.
 * Thread-safe.
 *
 * @param <T> what waits in the queue (the caller's promise)
 */
public final class CpsLimiter<T> {
  private final String carrier;
  private final int callsPerSecond;
  private final int queueCapacity;
  private final long intervalNanos;
  private final long maxCreditNanos;
  private final ArrayDeque<T> queue = new ArrayDeque<>();
  private long creditNanos;
  private long lastRefillNanos;
  private boolean started;

  /** The result of {@link #offer}: admitted now, queued, or refused. */
  public record Decision(Outcome outcome, long waitNanos, long retryAfterMs, String message) {
    public enum Outcome { ADMITTED, QUEUED, REJECTED }
  }

  public CpsLimiter(String carrier, int callsPerSecond, int burst, int queueCapacity) {
    if (callsPerSecond < 1 || burst < 1 || queueCapacity < 0) {
      throw new IllegalArgumentException("carrier " + carrier + ": calls per second and burst must be ≥ 1 and the "
          + "queue ≥ 0 (got " + callsPerSecond + ", " + burst + ", " + queueCapacity + ")");
    }
    this.carrier = carrier;
    this.callsPerSecond = callsPerSecond;
    this.queueCapacity = queueCapacity;
    this.intervalNanos = (1_000_000_000L + callsPerSecond - 1) / callsPerSecond;
    this.maxCreditNanos = intervalNanos * burst;
  }

  /** Admits {@code item} now if there is credit and nobody is waiting, else queues or refuses it. */
  public synchronized Decision offer(T item, long nowNanos) {
    refill(nowNanos);
    if (queue.isEmpty() && creditNanos >= intervalNanos) {
      creditNanos -= intervalNanos;
      return new Decision(Decision.Outcome.ADMITTED, 0, 0, null);
    }
    if (queue.size() < queueCapacity) {
      queue.addLast(item);
      // It leaves the queue after everyone ahead of it, one interval apart.
      long wait = Math.max(0, intervalNanos - creditNanos) + (queue.size() - 1) * intervalNanos;
      return new Decision(Decision.Outcome.QUEUED, wait, 0, null);
    }
    long retryNanos = Math.max(0, intervalNanos - creditNanos);
    long retryMs = Math.max(1, (retryNanos + 999_999) / 1_000_000);
    String message = "carrier " + carrier + ": " + callsPerSecond + " calls/s limit, queue of " + queueCapacity
        + " full — retry in " + retryMs + " ms";
    return new Decision(Decision.Outcome.REJECTED, 0, retryMs, message);
  }

  /** Hands out the waiting items that now have credit, oldest first. */
  public synchronized List<T> drain(long nowNanos) {
    refill(nowNanos);
    List<T> out = new ArrayList<>();
    while (!queue.isEmpty() && creditNanos >= intervalNanos) {
      creditNanos -= intervalNanos;
      out.add(queue.pollFirst());
    }
    return out;
  }

  /** Nanoseconds until the next queued item can leave; 0 if it can now or nothing waits. */
  public synchronized long nanosUntilNext(long nowNanos) {
    if (queue.isEmpty()) {
      return 0;
    }
    refill(nowNanos);
    return Math.max(0, intervalNanos - creditNanos);
  }

  public synchronized int queued() {
    return queue.size();
  }

  /** Removes everything waiting (shutdown); the caller fails them. */
  public synchronized List<T> clear() {
    List<T> out = new ArrayList<>(queue);
    queue.clear();
    return out;
  }

  public int callsPerSecond() {
    return callsPerSecond;
  }

  public int queueCapacity() {
    return queueCapacity;
  }

  private void refill(long nowNanos) {
    if (!started) {
      // A fresh limiter may send one burst at once.
      started = true;
      lastRefillNanos = nowNanos;
      creditNanos = maxCreditNanos;
      return;
    }
    long elapsed = nowNanos - lastRefillNanos;
    if (elapsed > 0) {
      creditNanos = Math.min(maxCreditNanos, creditNanos + elapsed);
      lastRefillNanos = nowNanos;
    }
  }
}
