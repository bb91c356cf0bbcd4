package org.telops.carriersim.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RateCardTest {
  private final RateCard rates = RateCard.parse(null, 60, "USD");

  @Test
  @DisplayName("Per-minute rounding bills 61 s as 2 minutes, 60 s as 1, and an unanswered call as nothing")
  void rounding() {
    assertThat(rates.billedSeconds(61)).isEqualTo(120);
    assertThat(rates.billedSeconds(60)).isEqualTo(60);
    assertThat(rates.billedSeconds(1)).isEqualTo(60);
    assertThat(rates.billedSeconds(0)).isZero();
    assertThat(rates.priceMicros("twilio", false, 61)).isEqualTo(28_000);
    assertThat(rates.priceMicros("twilio", true, 61)).isEqualTo(17_000);
    assertThat(rates.priceMicros("telnyx", false, 61)).isEqualTo(14_000);
    assertThat(rates.priceMicros("telnyx", false, 0)).isZero();
  }

  @Test
  @DisplayName("Per-second increments and custom rates are honoured, half-up to the micro")
  void perSecond() {
    RateCard r = RateCard.parse("twilio.outbound=0.0130", 1, "USD");
    assertThat(r.billedSeconds(61)).isEqualTo(61);
    assertThat(r.priceMicros("twilio", false, 61)).isEqualTo(13_217); // 61 × 13000 / 60 = 13216.67
    assertThat(r.rateMicrosPerMinute("telnyx", true)).isEqualTo(3_500);
  }

  @Test
  @DisplayName("Prices print as the carriers print them")
  void decimals() {
    assertThat(RateCard.decimal(28_000, 5)).isEqualTo("0.02800");
    assertThat(RateCard.decimal(14_000, 4)).isEqualTo("0.0140");
  }

  @Test
  @DisplayName("A malformed rate names the key and the expected form")
  void badRate() {
    assertThatThrownBy(() -> RateCard.parse("twilio.outbound=cheap", 60, "USD"))
        .hasMessageContaining("twilio.outbound=cheap").hasMessageContaining("0.0140");
    assertThatThrownBy(() -> RateCard.parse("vonage.outbound=0.01", 60, "USD")).hasMessageContaining("vonage.outbound");
  }
}
