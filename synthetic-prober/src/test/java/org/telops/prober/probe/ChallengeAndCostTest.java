package org.telops.prober.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.prober.carrier.CarrierCalls.HangupReceipt;

class ChallengeAndCostTest {
  @Test
  @DisplayName("The challenge ends with '#' and only its digits reversed then '#' is a right answer")
  void challenge() {
    Challenge c = new Challenge("4821");
    assertThat(c.sent()).isEqualTo("4821#");
    assertThat(c.expectedReply()).isEqualTo("1284#");
    assertThat(c.sentAudioMs()).as("5 keys of 160 ms tone + 100 ms pause").isEqualTo(1300);
    assertThat(c.replyComplete("12")).isFalse();
    assertThat(c.replyComplete("1#")).isTrue();
    assertThat(c.replyComplete("12845")).isTrue();
    assertThat(c.replyCorrect("1284#")).isTrue();
    assertThat(c.replyCorrect("4821#")).isFalse();
    assertThat(Challenge.random(6, new SplittableRandom(1)).digits()).matches("[0-9]{6}");
    assertThatThrownBy(() -> new Challenge("12#")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("A probe costs the carrier's own price when it gives one, else the rate over minutes rounded up")
  void cost() {
    assertThat(ProbeCost.of(new HangupReceipt(3, 14_000L, "usd"), 9, 7_000, "EUR"))
        .isEqualTo(new ProbeCost(3, 14_000, "USD"));
    assertThat(ProbeCost.of(HangupReceipt.NONE, 61, 7_000, "USD")).isEqualTo(new ProbeCost(61, 14_000, "USD"));
    assertThat(ProbeCost.of(HangupReceipt.NONE, 4, 7_000, "USD")).isEqualTo(new ProbeCost(4, 7_000, "USD"));
    assertThat(ProbeCost.of(HangupReceipt.NONE, 0, 7_000, "USD").costMicros()).as("never answered").isZero();
    assertThat(ProbeCost.of(new HangupReceipt(120, null, null), 3, 7_000, "USD")).isEqualTo(new ProbeCost(120, 14_000, "USD"));
  }

  @Test
  @DisplayName("Failure reasons are stored in the names the quality-analyzer and the README use")
  void reasonNames() {
    assertThat(FailureReason.ONE_WAY_AUDIO.wire()).isEqualTo("one-way-audio");
    assertThat(FailureReason.CARRIER_ERROR.wire()).isEqualTo("carrier-error");
    assertThat(FailureReason.NO_TONE_ECHO.wire()).isEqualTo("no-tone-echo");
  }
}
