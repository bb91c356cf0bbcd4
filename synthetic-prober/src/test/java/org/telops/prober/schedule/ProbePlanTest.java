package org.telops.prober.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProbePlanTest {
  private static final long INTERVAL = 30_000;
  private static final long NOW = 1_795_000_000_000L;
  private static final List<ProbeSlot> SLOTS = List.of(new ProbeSlot("us-east", "+15550100"),
      new ProbeSlot("eu-west", "+15550100"), new ProbeSlot("ap-south", "+15550100"),
      new ProbeSlot("ap-south", "+15550101"));

  /** Runs the plan tick by tick (1 ms) for {@code ms}, every probe finishing at once; returns the firing times. */
  private static List<long[]> run(ProbePlan plan, long from, long ms) {
    List<long[]> fired = new ArrayList<>();
    for (long t = from; t < from + ms; t++) {
      if (plan.nextFireMs() > t) {
        t = plan.nextFireMs() - 1;
        continue;
      }
      ProbePlan.Due due = plan.due(t);
      for (ProbeSlot s : due.start()) {
        fired.add(new long[] {SLOTS.indexOf(s), t});
        plan.finished(s);
      }
    }
    return fired;
  }

  @Test
  @DisplayName("Every slot fires once per interval, and no two slots ever fire closer than a fifth of interval/slots")
  void spreadWithJitter() {
    ProbePlan plan = new ProbePlan(SLOTS, INTERVAL, 10_000, new SplittableRandom(5));
    assertThat(plan.effectiveJitterMs()).as("capped at 40 % of 30 s / 4").isEqualTo(3_000);
    plan.initialize(NOW, Map.of());
    List<long[]> fired = run(plan, NOW, 100 * INTERVAL);
    Map<Long, Integer> perSlot = new HashMap<>();
    fired.forEach(f -> perSlot.merge(f[0], 1, Integer::sum));
    assertThat(perSlot).hasSize(4).allSatisfy((k, v) -> assertThat(v).isBetween(99, 100));
    List<Long> times = new ArrayList<>(fired.stream().map(f -> f[1]).toList());
    Collections.sort(times);
    long minGap = Long.MAX_VALUE;
    for (int i = 1; i < times.size(); i++) {
      minGap = Math.min(minGap, times.get(i) - times.get(i - 1));
    }
    assertThat(minGap).isGreaterThanOrEqualTo(INTERVAL / 4 / 5);
    // Consecutive firings of one slot stay within an interval ± twice the jitter.
    for (long slot = 0; slot < 4; slot++) {
      long s = slot;
      List<Long> own = fired.stream().filter(f -> f[0] == s).map(f -> f[1]).toList();
      for (int i = 1; i < own.size(); i++) {
        assertThat(own.get(i) - own.get(i - 1)).isBetween(INTERVAL - 6_000, INTERVAL + 6_000);
      }
    }
  }

  @Test
  @DisplayName("A fresh start spreads the first probes over the first interval instead of firing them all at once")
  void freshStart() {
    ProbePlan plan = new ProbePlan(SLOTS, INTERVAL, 0, new SplittableRandom(1));
    plan.initialize(NOW, Map.of());
    List<Long> first = plan.slots().stream().map(plan::fireMs).sorted().toList();
    assertThat(first.get(0)).isGreaterThanOrEqualTo(NOW);
    assertThat(first.get(3)).isLessThan(NOW + INTERVAL);
    for (int i = 1; i < 4; i++) {
      assertThat(first.get(i) - first.get(i - 1)).isEqualTo(INTERVAL / 4);
    }
  }

  @Test
  @DisplayName("After a restart a slot fires one interval after its stored last probe, on the same grid; an overdue slot fires within one interval")
  void restartFromStoredProbes() {
    ProbeSlot s = SLOTS.get(0);
    ProbePlan before = new ProbePlan(SLOTS, INTERVAL, 0, new SplittableRandom(3));
    before.initialize(NOW - 20_000, Map.of());
    long lastGrid = before.fireMs(s);
    Map<ProbeSlot, Long> last = new HashMap<>();
    last.put(s, lastGrid + 1_500); // it fired 1.5 s late (jitter) before the restart
    last.put(SLOTS.get(1), NOW - 3_600_000); // down for an hour
    ProbePlan plan = new ProbePlan(SLOTS, INTERVAL, 2_000, new SplittableRandom(3));
    plan.initialize(NOW, last);
    long jitter = plan.effectiveJitterMs();
    assertThat(lastGrid + INTERVAL).isGreaterThan(NOW);
    assertThat(plan.fireMs(s)).isBetween(lastGrid + INTERVAL - jitter, lastGrid + INTERVAL + jitter);
    assertThat(plan.fireMs(SLOTS.get(1))).isBetween(NOW, NOW + INTERVAL + jitter);
    assertThat(plan.fireMs(SLOTS.get(2))).isBetween(NOW, NOW + INTERVAL + jitter);
  }

  @Test
  @DisplayName("A slot whose probe still runs when it is due is skipped and counted, not started twice; others are not held up")
  void noPileUp() {
    ProbePlan plan = new ProbePlan(SLOTS, INTERVAL, 0, new SplittableRandom(1));
    plan.initialize(NOW, Map.of());
    ProbeSlot slow = SLOTS.get(1);
    long t = plan.fireMs(slow);
    assertThat(plan.due(t).start()).contains(slow);
    assertThat(plan.running(slow)).isTrue();
    for (long now = t + 1; now < t + 3 * INTERVAL + 1; now++) { // the probe hangs for three intervals
      ProbePlan.Due due = plan.due(now);
      assertThat(due.start()).doesNotContain(slow);
      due.start().forEach(plan::finished);
    }
    assertThat(plan.skipped(slow)).isEqualTo(3);
    assertThat(plan.skipped(SLOTS.get(0))).isZero();
    plan.finished(slow);
    long next = plan.fireMs(slow);
    assertThat(plan.due(next).start()).contains(slow);
  }

  @Test
  @DisplayName("After the event loop stalled for several intervals a slot fires once, then resumes its own grid")
  void stallDoesNotBurst() {
    ProbePlan plan = new ProbePlan(SLOTS, INTERVAL, 0, new SplittableRandom(1));
    plan.initialize(NOW, Map.of());
    ProbeSlot s = SLOTS.get(0);
    long late = plan.fireMs(s) + 5 * INTERVAL + 123;
    assertThat(plan.due(late).start()).contains(s);
    plan.finished(s);
    assertThat(plan.due(late + 1).start()).doesNotContain(s);
    assertThat(Math.floorMod(plan.fireMs(s) - NOW, INTERVAL)).isEqualTo(Math.floorMod(late - 123 - NOW, INTERVAL));
    assertThat(plan.fireMs(s)).isGreaterThan(late);
  }

  @Test
  @DisplayName("After a failure the slot is probed again after the confirm delay, three failures land well inside 90 s, and the cadence then resumes on its grid")
  void confirmationProbesAfterAFailure() {
    ProbeSlot eu = SLOTS.get(1);
    ProbePlan plan = new ProbePlan(List.of(eu), INTERVAL, 0, new SplittableRandom(1));
    plan.initialize(NOW, Map.of());
    long first = plan.nextFireMs();
    assertThat(plan.due(first).start()).containsExactly(eu);
    plan.finished(eu);
    long grid = plan.fireMs(eu);
    assertThat(grid).isEqualTo(first + INTERVAL);

    // Two failed probes in a row: each time the next one comes 10 s later, not 30 s.
    plan.confirmSoon(eu, first + 2_000, 10_000);
    long second = plan.nextFireMs();
    assertThat(second).isEqualTo(first + 12_000);
    assertThat(plan.due(second).start()).containsExactly(eu);
    plan.finished(eu);
    assertThat(plan.fireMs(eu)).as("the grid point is kept after a confirmation").isEqualTo(grid);
    plan.confirmSoon(eu, second + 2_000, 10_000);
    long third = plan.nextFireMs();
    assertThat(third - first).as("third consecutive probe, from the first failure").isEqualTo(24_000);
    assertThat(plan.due(third).start()).containsExactly(eu);
    plan.finished(eu);

    // It succeeded: back on the grid, with no extra probe.
    assertThat(plan.fireMs(eu)).isEqualTo(grid);
    assertThat(plan.due(grid).start()).containsExactly(eu);
    plan.finished(eu);
    assertThat(plan.fireMs(eu)).isEqualTo(grid + INTERVAL);

    // A confirm delay longer than the wait for the next regular probe changes nothing.
    plan.confirmSoon(eu, grid + 25_000, 10_000);
    assertThat(plan.fireMs(eu)).isEqualTo(grid + INTERVAL);
  }
}
