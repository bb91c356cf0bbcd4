package org.telops.runtime.routing;

import java.util.Arrays;

/**
 * One carrier's health over the last {@code windowSeconds}: API attempts and errors (error rate), API
 * latency (mean and 95th percentile of the attempts in the window), and connect success — of the calls
 * whose fate is known, the share that were answered. One bucket per second; old buckets are reused.
 * Thread-safe. Times are epoch milliseconds.
 */
public final class CarrierHealth {

  /**
   * @param errorRatePercent failed API attempts / attempts × 100, null with no attempts
   * @param apiLatencyMeanMs mean API latency of the attempts, null with none
   * @param apiLatencyP95Ms 95th percentile (nearest rank) of the latencies kept, null with none
   * @param connectSuccessPercent answered / (answered + not answered) × 100, null with no outcome yet
   */
  public record Figures(int windowSeconds, long attempts, long errors, Double errorRatePercent, Double apiLatencyMeanMs,
                        Long apiLatencyP95Ms, long answered, long notAnswered, Double connectSuccessPercent) {}

  private static final int LATENCIES_PER_SECOND = 64;

  private final int windowSeconds;
  private final long[] second;
  private final long[] attempts;
  private final long[] errors;
  private final long[] latencySumMs;
  private final long[][] latencies;
  private final int[] latencyCount;
  private final long[] answered;
  private final long[] notAnswered;

  public CarrierHealth(int windowSeconds) {
    this.windowSeconds = windowSeconds;
    second = new long[windowSeconds];
    Arrays.fill(second, -1);
    attempts = new long[windowSeconds];
    errors = new long[windowSeconds];
    latencySumMs = new long[windowSeconds];
    latencies = new long[windowSeconds][LATENCIES_PER_SECOND];
    latencyCount = new int[windowSeconds];
    answered = new long[windowSeconds];
    notAnswered = new long[windowSeconds];
  }

  /** One API call to create a call; {@code ok} false for any failure that counts against the carrier. */
  public synchronized void recordAttempt(long atMs, boolean ok, long latencyMs) {
    int i = bucket(atMs);
    attempts[i]++;
    if (!ok) {
      errors[i]++;
    }
    latencySumMs[i] += latencyMs;
    // Keep the first 64 latencies of each second for the percentile: enough at 30 calls/s, bounded above.
    if (latencyCount[i] < LATENCIES_PER_SECOND) {
      latencies[i][latencyCount[i]] = latencyMs;
    }
    latencyCount[i]++;
  }

  /** The call's fate became known: answered, or ended without an answer (busy, no answer, failed). */
  public synchronized void recordConnect(long atMs, boolean wasAnswered) {
    int i = bucket(atMs);
    if (wasAnswered) {
      answered[i]++;
    } else {
      notAnswered[i]++;
    }
  }

  public synchronized Figures figures(long nowMs) {
    long now = nowMs / 1000;
    long a = 0;
    long e = 0;
    long sum = 0;
    long ans = 0;
    long not = 0;
    int kept = 0;
    long[] all = new long[windowSeconds * LATENCIES_PER_SECOND];
    for (int i = 0; i < windowSeconds; i++) {
      if (second[i] < 0 || now - second[i] >= windowSeconds || second[i] > now) {
        continue;
      }
      a += attempts[i];
      e += errors[i];
      sum += latencySumMs[i];
      ans += answered[i];
      not += notAnswered[i];
      int n = Math.min(latencyCount[i], LATENCIES_PER_SECOND);
      System.arraycopy(latencies[i], 0, all, kept, n);
      kept += n;
    }
    Long p95 = null;
    if (kept > 0) {
      long[] sorted = Arrays.copyOf(all, kept);
      Arrays.sort(sorted);
      p95 = sorted[(int) Math.ceil(0.95 * kept) - 1];
    }
    return new Figures(windowSeconds, a, e, a == 0 ? null : 100.0 * e / a, a == 0 ? null : (double) sum / a, p95, ans, not,
        ans + not == 0 ? null : 100.0 * ans / (ans + not));
  }

  private int bucket(long atMs) {
    long s = atMs / 1000;
    int i = (int) Math.floorMod(s, (long) windowSeconds);
    if (second[i] != s) {
      second[i] = s;
      attempts[i] = 0;
      errors[i] = 0;
      latencySumMs[i] = 0;
      latencyCount[i] = 0;
      answered[i] = 0;
      notAnswered[i] = 0;
    }
    return i;
  }
}
