package org.telops.contracts.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WordErrorRateTest {
  @Test
  @DisplayName("Counts match NIST sclite's alignment (sctk sclite -o pralign) on the same pairs")
  void matchesSclite() {
    // sclite: C2 S1 D2 I0 — "what are **** ******* YA"
    assertThat(WordErrorRate.of("what are your opening hours", "what are ya"))
        .isEqualTo(new WordErrorRate(5, 2, 1, 2, 0));
    // sclite: C6 S1 D0 I1 — "i want to check THE my COUNT balance"
    assertThat(WordErrorRate.of("i want to check my account balance", "i want to check the my count balance"))
        .isEqualTo(new WordErrorRate(7, 6, 1, 0, 1));
    // sclite: C0 S0 D3 I0
    assertThat(WordErrorRate.of("no thank you", "")).isEqualTo(new WordErrorRate(3, 0, 0, 3, 0));
  }

  @Test
  @DisplayName("WER is errors over reference words, ignoring case and punctuation, and may exceed 1")
  void rate() {
    assertThat(WordErrorRate.of("Goodbye!", "goodbye").rate()).isZero();
    assertThat(WordErrorRate.of("what are your opening hours", "what are ya").rate()).isCloseTo(0.6, within(1e-9));
    assertThat(WordErrorRate.of("yes", "yes yes yes").rate()).isCloseTo(2.0, within(1e-9));
    assertThat(WordErrorRate.of("", "").rate()).isZero();
    assertThat(WordErrorRate.of("", "hello").rate()).isEqualTo(1.0);
  }
}
