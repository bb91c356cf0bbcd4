package org.telops.carriersim.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CallLifecycleTest {
  private static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");

  @Test
  @DisplayName("A call walks queued → initiated → ringing → in-progress → completed and reports its talk time")
  void happyPath() {
    CallLifecycle c = new CallLifecycle(T0);
    assertThat(c.advance(LegStatus.INITIATED, T0)).isTrue();
    assertThat(c.advance(LegStatus.RINGING, T0.plusMillis(100))).isTrue();
    assertThat(c.advance(LegStatus.IN_PROGRESS, T0.plusSeconds(2))).isTrue();
    assertThat(c.advance(LegStatus.COMPLETED, T0.plusSeconds(63).plusMillis(900))).isTrue();
    assertThat(c.status()).isEqualTo(LegStatus.COMPLETED);
    assertThat(c.durationSeconds()).isEqualTo(61);
    assertThat(c.startedAt()).isEqualTo(T0);
  }

  @Test
  @DisplayName("A state never moves backwards and a final state is final")
  void noGoingBack() {
    CallLifecycle c = new CallLifecycle(T0);
    c.advance(LegStatus.RINGING, T0);
    assertThat(c.advance(LegStatus.INITIATED, T0)).isFalse();
    c.advance(LegStatus.IN_PROGRESS, T0);
    assertThat(c.advance(LegStatus.RINGING, T0)).isFalse();
    assertThat(c.advance(LegStatus.BUSY, T0)).isFalse();
    c.advance(LegStatus.COMPLETED, T0);
    assertThat(c.advance(LegStatus.FAILED, T0)).isFalse();
    assertThat(c.status()).isEqualTo(LegStatus.COMPLETED);
  }

  @Test
  @DisplayName("An unanswered call can end busy, no-answer, failed or canceled, with zero talk time")
  void unansweredEnds() {
    for (LegStatus end : new LegStatus[] {LegStatus.BUSY, LegStatus.NO_ANSWER, LegStatus.FAILED, LegStatus.CANCELED}) {
      CallLifecycle c = new CallLifecycle(T0);
      c.advance(LegStatus.INITIATED, T0);
      c.advance(LegStatus.RINGING, T0);
      assertThat(c.advance(end, T0.plusSeconds(30))).isTrue();
      assertThat(c.durationSeconds()).isZero();
      assertThat(c.endedAt()).isEqualTo(T0.plusSeconds(30));
    }
  }

  @Test
  @DisplayName("Wire names and StatusCallbackEvent names are Twilio's")
  void wireNames() {
    assertThat(LegStatus.IN_PROGRESS.wire()).isEqualTo("in-progress");
    assertThat(LegStatus.NO_ANSWER.wire()).isEqualTo("no-answer");
    assertThat(LegStatus.IN_PROGRESS.callbackEvent()).isEqualTo("answered");
    assertThat(LegStatus.BUSY.callbackEvent()).isEqualTo("completed");
    assertThat(LegStatus.INITIATED.callbackEvent()).isEqualTo("initiated");
  }
}
