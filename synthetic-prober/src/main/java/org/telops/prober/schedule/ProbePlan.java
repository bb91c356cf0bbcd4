package org.telops.prober.schedule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * When each probe fires. Plain Java with time passed in (epoch ms), so it is tested without timers.
 *
 * <p><b>Spread.</b> Slot k of n fires on its own grid, {@code phase_k + m·interval} with
 * {@code phase_k = k·interval/n}, anchored to the Unix epoch — so the grid is the same after a restart
 * and never drifts. Each firing is shifted by a random jitter of at most ±J, J = min(configured jitter,
 * 40 % of interval/n): different slots never fire closer than 20 % of interval/n.
 *
 * <p><b>Restarts.</b> A slot probed at time L fires next at the first grid point ≥ max(now,
 * L + interval − interval/(2n)): the cadence carries on where it stopped instead of every probe
 * firing at start-up.
 *
 * <p><b>No pile-up.</b> A slot whose previous probe still runs when it is due is skipped and counted,
 * and moves to its next grid point.
 *
 * <p><b>Confirmation.</b> After a failed probe the slot fires again after a shorter delay
 * ({@link #confirmSoon}) instead of waiting a whole interval, so a region that is really down reaches its
 * third consecutive failure in about interval + 2 × confirm delay (30 + 2 × 10 s) rather than three
 * intervals; a confirmation probe does not move the slot's grid, so the cadence resumes where it was.
 */
public final class ProbePlan {
  private final List<ProbeSlot> slots;
  private final long intervalMs;
  private final long jitterMs;
  private final RandomGenerator random;
  private final Map<ProbeSlot, Long> phaseMs = new HashMap<>();
  private final Map<ProbeSlot, Long> gridMs = new HashMap<>();
  private final Map<ProbeSlot, Long> fireMs = new HashMap<>();
  private final Set<ProbeSlot> running = new HashSet<>();
  private final Map<ProbeSlot, Long> skipped = new HashMap<>();
  private final Set<ProbeSlot> confirming = new HashSet<>();

  /** What became due at one tick. */
  public record Due(List<ProbeSlot> start, List<ProbeSlot> skipped) {}

  public ProbePlan(List<ProbeSlot> slots, long intervalMs, long jitterMs, RandomGenerator random) {
    if (slots.isEmpty() || intervalMs < 1 || jitterMs < 0) {
      throw new IllegalArgumentException("need at least one slot, intervalMs >= 1 and jitterMs >= 0");
    }
    this.slots = List.copyOf(new TreeSet<>(slots));
    this.intervalMs = intervalMs;
    this.random = random;
    long spacing = intervalMs / this.slots.size();
    this.jitterMs = Math.min(jitterMs, spacing * 2 / 5);
    for (int k = 0; k < this.slots.size(); k++) {
      phaseMs.put(this.slots.get(k), k * intervalMs / this.slots.size());
    }
  }

  /** Sets every slot's first firing from when it was last probed (absent = never). */
  public void initialize(long nowMs, Map<ProbeSlot, Long> lastProbedMs) {
    long halfSpacing = intervalMs / (2L * slots.size());
    for (ProbeSlot s : slots) {
      Long last = lastProbedMs.get(s);
      long earliest = last == null ? nowMs : Math.max(nowMs, last + intervalMs - halfSpacing);
      setGrid(s, gridAtOrAfter(s, earliest), nowMs);
    }
  }

  /** Slots due at {@code nowMs}: those not running start (and are marked running), the others are skipped. */
  public Due due(long nowMs) {
    List<ProbeSlot> start = new ArrayList<>();
    List<ProbeSlot> skip = new ArrayList<>();
    for (ProbeSlot s : slots) {
      if (fireMs.get(s) > nowMs) {
        continue;
      }
      if (running.add(s)) {
        start.add(s);
      } else {
        skip.add(s);
        skipped.merge(s, 1L, Long::sum);
      }
      // A confirmation firing came before the slot's grid point: that point stays the next regular one.
      long from = confirming.remove(s) ? gridMs.get(s) : gridMs.get(s) + 1;
      setGrid(s, gridAtOrAfter(s, Math.max(from, nowMs + 1)), nowMs);
    }
    return new Due(start, skip);
  }

  /** The slot's last probe failed: fire it again {@code delayMs} from now, unless it is due sooner anyway. */
  public void confirmSoon(ProbeSlot slot, long nowMs, long delayMs) {
    long at = nowMs + delayMs;
    if (at < fireMs.get(slot)) {
      fireMs.put(slot, at);
      confirming.add(slot);
    }
  }

  /** The slot's probe finished: it may start again when next due. */
  public void finished(ProbeSlot slot) {
    running.remove(slot);
  }

  /** Epoch ms of the earliest next firing. */
  public long nextFireMs() {
    return fireMs.values().stream().mapToLong(Long::longValue).min().orElseThrow();
  }

  public long fireMs(ProbeSlot slot) {
    return fireMs.get(slot);
  }

  public long skipped(ProbeSlot slot) {
    return skipped.getOrDefault(slot, 0L);
  }

  public boolean running(ProbeSlot slot) {
    return running.contains(slot);
  }

  public List<ProbeSlot> slots() {
    return slots;
  }

  /** The jitter actually applied (the configured one, capped to keep slots apart), ms. */
  public long effectiveJitterMs() {
    return jitterMs;
  }

  private long gridAtOrAfter(ProbeSlot s, long t) {
    long phase = phaseMs.get(s);
    long m = Math.floorDiv(t - phase + intervalMs - 1, intervalMs);
    return phase + m * intervalMs;
  }

  private void setGrid(ProbeSlot s, long grid, long nowMs) {
    gridMs.put(s, grid);
    long shift = jitterMs == 0 ? 0 : random.nextLong(-jitterMs, jitterMs + 1);
    // A jitter that lands in the past fires now (it cannot fire before the decision was made).
    fireMs.put(s, Math.max(nowMs, grid + shift));
  }
}
