package org.telops.prober.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RegionHealthTest {
  private static final HealthPolicy POLICY = new HealthPolicy(3, 2);
  private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");

  private static List<String> feed(RegionHealth h, String outcomes) {
    List<String> transitions = new ArrayList<>();
    for (char c : outcomes.toCharArray()) {
      h.record(c == 'o', c == 'o' ? null : "carrier-error", T)
          .ifPresent(t -> transitions.add(t.from().wire() + "→" + t.to().wire()));
    }
    return transitions;
  }

  @Test
  @DisplayName("One isolated failure degrades the region and the next success makes it healthy again")
  void isolatedFailure() {
    RegionHealth h = new RegionHealth("eu-west", "twilio", POLICY);
    assertThat(feed(h, "ooxoo")).containsExactly("healthy→degraded", "degraded→healthy");
    assertThat(h.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(h.lastReason()).isEqualTo("carrier-error");
  }

  @Test
  @DisplayName("Three consecutive failures remove the region; two failures, a success, then two more do not")
  void threeInARowRemove() {
    RegionHealth h = new RegionHealth("eu-west", "twilio", POLICY);
    assertThat(feed(h, "xxoxx")).containsExactly("healthy→degraded", "degraded→healthy", "healthy→degraded");
    assertThat(h.status()).isEqualTo(HealthStatus.DEGRADED);
    Optional<HealthTransition> t = h.record(false, "one-way-audio", T);
    assertThat(t).isPresent();
    assertThat(t.get().to()).isEqualTo(HealthStatus.REMOVED);
    assertThat(t.get().changesRouting()).isTrue();
    assertThat(t.get().reason()).isEqualTo("3 failed probes in a row, last: one-way-audio");
    assertThat(t.get().carrier()).isEqualTo("twilio");
  }

  @Test
  @DisplayName("A removed region needs the configured number of successes in a row; a failure in between starts the count again")
  void restoration() {
    RegionHealth h = new RegionHealth("eu-west", "twilio", POLICY);
    feed(h, "xxx");
    assertThat(h.status()).isEqualTo(HealthStatus.REMOVED);
    assertThat(feed(h, "oxoxxxo")).isEmpty();
    assertThat(h.status()).isEqualTo(HealthStatus.REMOVED);
    Optional<HealthTransition> back = h.record(true, null, T);
    assertThat(back).map(x -> x.from().wire() + "→" + x.to().wire()).contains("removed→healthy");
    assertThat(back.get().reason()).isEqualTo("2 successful probes in a row");
    assertThat(back.get().changesRouting()).isTrue();
  }

  @Test
  @DisplayName("State restored after a restart carries on: a removed region with one success needs only one more")
  void restoredState() {
    RegionHealth h = new RegionHealth("ap-south", "telnyx", POLICY, HealthStatus.REMOVED, 0, 1, "no-audio", T);
    assertThat(h.record(true, null, T)).map(HealthTransition::to).contains(HealthStatus.HEALTHY);
  }

  @Test
  @DisplayName("1 % random probe failures never remove a region: three regions × 10,000 probes each (83 hours at 30 s)")
  void onePercentNoise() {
    int failures = 0;
    int degraded = 0;
    for (long seed : new long[] {1, 2, 3}) {
      SplittableRandom random = new SplittableRandom(seed);
      RegionHealth h = new RegionHealth("r" + seed, "twilio", new HealthPolicy(3, 3));
      for (int i = 0; i < 10_000; i++) {
        boolean ok = random.nextDouble() >= 0.01;
        failures += ok ? 0 : 1;
        Optional<HealthTransition> t = h.record(ok, "wrong-digits", T);
        assertThat(t.map(HealthTransition::to)).as("probe %d of seed %d", i, seed).isNotEqualTo(Optional.of(HealthStatus.REMOVED));
        degraded += t.filter(x -> x.to() == HealthStatus.DEGRADED).isPresent() ? 1 : 0;
      }
    }
    // About 300 failures happened and each one degraded its region (almost always alone).
    assertThat(failures).isBetween(240, 360);
    assertThat(degraded).isBetween(failures - 10, failures);
  }

  @Test
  @DisplayName("Against a plain model over random outcomes, the region is removed exactly when the last three probes failed since it was last healthy")
  void matchesModel() {
    SplittableRandom random = new SplittableRandom(99);
    RegionHealth h = new RegionHealth("x", "twilio", POLICY);
    boolean removed = false;
    int failsInRow = 0;
    int oksInRow = 0;
    for (int i = 0; i < 20_000; i++) {
      boolean ok = random.nextDouble() < 0.5;
      failsInRow = ok ? 0 : failsInRow + 1;
      oksInRow = ok ? oksInRow + 1 : 0;
      if (!removed && failsInRow >= 3) {
        removed = true;
      } else if (removed && oksInRow >= 2) {
        removed = false;
      }
      h.record(ok, "timeout", T);
      assertThat(h.status() == HealthStatus.REMOVED).as("probe %d", i).isEqualTo(removed);
      if (!removed) {
        assertThat(h.status()).isEqualTo(failsInRow > 0 ? HealthStatus.DEGRADED : HealthStatus.HEALTHY);
      }
    }
  }
}
