package org.telops.prober.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CarrierWireTest {
  @Test
  @DisplayName("The caller leg's TwiML connects a bidirectional stream to the prober's URL, escaped")
  void twiml() {
    String xml = TwilioCalls.twiml("wss://ops.example.com/probe/media/abc?x=1&y=2");
    assertThat(xml).contains("<Connect><Stream name=\"telops-probe\" url=\"wss://ops.example.com/probe/media/abc?x=1&amp;y=2\"/>")
        .startsWith("<?xml").endsWith("</Response>");
  }

  @Test
  @DisplayName("Twilio's negative decimal price becomes positive integer micros; junk gives none")
  void prices() {
    assertThat(CarrierHttp.priceMicros("-0.01400")).isEqualTo(14_000L);
    assertThat(CarrierHttp.priceMicros("0.00000")).isZero();
    assertThat(CarrierHttp.priceMicros(null)).isNull();
    assertThat(CarrierHttp.priceMicros("n/a")).isNull();
    assertThat(CarrierHttp.integer("61")).isEqualTo(61);
    assertThat(CallState.fromTwilio("in-progress")).isEqualTo(CallState.ANSWERED);
    assertThat(CallState.fromTwilio("no-answer").isFinal()).isTrue();
    assertThat(CallState.fromTwilio("ringing").isFinal()).isFalse();
  }
}
