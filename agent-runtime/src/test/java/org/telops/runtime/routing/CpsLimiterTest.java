package org.telops.runtime.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The CPS limiter (token bucket with a bounded queue)")
class CpsLimiterTest {
  private static final long MS = 1_000_000L;

  @Test
  @DisplayName("A burst of 100 calls/s for 3 s is let through at no more than 30 in any one second, oldest first")
  void burstIsPaced() {
    CpsLimiter<Integer> limiter = new CpsLimiter<>("twilio", 30, 1, 30);
    List<Long> admittedAtMs = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    int rejected = 0;
    int next = 0;
    // Simulated time, 1 ms steps: an offer every 10 ms for 3 s, then the queue drains.
    for (long t = 0; t <= 6_000; t++) {
      for (Integer i : limiter.drain(t * MS)) {
        admittedAtMs.add(t);
        order.add(i);
      }
      if (t < 3_000 && t % 10 == 0) {
        CpsLimiter.Decision d = limiter.offer(next, t * MS);
        if (d.outcome() == CpsLimiter.Decision.Outcome.ADMITTED) {
          admittedAtMs.add(t);
          order.add(next);
        } else if (d.outcome() == CpsLimiter.Decision.Outcome.REJECTED) {
          rejected++;
        }
        next++;
      }
    }
    TreeMap<Long, Integer> perSecond = new TreeMap<>();
    admittedAtMs.forEach(t -> perSecond.merge(t / 1000, 1, Integer::sum));
    assertThat(perSecond.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(30));
    // Any sliding one-second window, not only calendar seconds.
    for (int i = 30; i < admittedAtMs.size(); i++) {
      assertThat(admittedAtMs.get(i) - admittedAtMs.get(i - 30)).isGreaterThanOrEqualTo(1000);
    }
    assertThat(admittedAtMs.size() + rejected).isEqualTo(300);
    assertThat(rejected).isGreaterThan(150);
    assertThat(order).isSorted();
    assertThat(limiter.queued()).isZero();
  }

  @Test
  @DisplayName("Past a full queue a call is refused with the carrier, the limit, the queue size and when to retry")
  void rejectionMessage() {
    CpsLimiter<String> limiter = new CpsLimiter<>("twilio", 30, 1, 2);
    assertThat(limiter.offer("a", 0).outcome()).isEqualTo(CpsLimiter.Decision.Outcome.ADMITTED);
    CpsLimiter.Decision b = limiter.offer("b", MS);
    assertThat(b.outcome()).isEqualTo(CpsLimiter.Decision.Outcome.QUEUED);
    assertThat(b.waitNanos()).isEqualTo(33_333_334L - MS);
    assertThat(limiter.offer("c", MS).outcome()).isEqualTo(CpsLimiter.Decision.Outcome.QUEUED);
    CpsLimiter.Decision d = limiter.offer("d", MS);
    assertThat(d.outcome()).isEqualTo(CpsLimiter.Decision.Outcome.REJECTED);
    assertThat(d.retryAfterMs()).isEqualTo(33);
    assertThat(d.message()).isEqualTo("carrier twilio: 30 calls/s limit, queue of 2 full — retry in 33 ms");
    // Served 1 ms late: the credit cannot exceed one call, so the next waits a full interval from now.
    assertThat(limiter.drain(34 * MS)).containsExactly("b");
    assertThat(limiter.drain(67 * MS)).isEmpty();
    assertThat(limiter.drain(68 * MS)).containsExactly("c");
  }

  @Test
  @DisplayName("A burst allowance lets that many calls through back to back, then paces")
  void burst() {
    CpsLimiter<String> limiter = new CpsLimiter<>("telnyx", 10, 5, 0);
    int admitted = 0;
    for (int i = 0; i < 8; i++) {
      if (limiter.offer("x", 0).outcome() == CpsLimiter.Decision.Outcome.ADMITTED) {
        admitted++;
      }
    }
    assertThat(admitted).isEqualTo(5);
    assertThat(limiter.offer("x", 99 * MS).outcome()).isEqualTo(CpsLimiter.Decision.Outcome.REJECTED);
    assertThat(limiter.offer("x", 101 * MS).outcome()).isEqualTo(CpsLimiter.Decision.Outcome.ADMITTED);
  }
}
