package org.telops.runtime.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Drill faults")
class DrillFaultTest {

  @Test
  @DisplayName("Faults parse with defaults, map to the carrier-sim's fault JSON, and say whether calls should move")
  void parse() {
    DrillFault http = DrillFault.parse("http-error");
    assertThat(http.spec()).isEqualTo("http-error:503");
    assertThat(SimFaultInjector.body("twilio", http).encode())
        .isEqualTo("{\"carrier\":\"twilio\",\"kind\":\"http-error\",\"httpStatus\":503,\"retryAfterSeconds\":1}");
    assertThat(DrillFault.parse("down").expectsFailover(3_000)).isTrue();
    assertThat(DrillFault.parse("slow-api:5000").expectsFailover(3_000)).isTrue();
    assertThat(DrillFault.parse("slow-api:1000").expectsFailover(3_000)).isFalse();
    assertThat(DrillFault.parse("one-way-audio").expectsFailover(3_000)).isFalse();
    assertThat(DrillFault.parse("one-way-audio").isApiFault()).isFalse();
    assertThat(SimFaultInjector.body("telnyx", DrillFault.parse("slow-api:4000")).getInteger("delayMs")).isEqualTo(4000);
  }

  @Test
  @DisplayName("An unknown fault or a bad parameter is refused with the list of what works")
  void invalid() {
    assertThatThrownBy(() -> DrillFault.parse("meteor")).hasMessageContaining("is not one of down, http-error");
    assertThatThrownBy(() -> DrillFault.parse("http-error:404")).hasMessageContaining("429 or 500..599");
    assertThatThrownBy(() -> DrillFault.parse("slow-api:soon")).hasMessageContaining("whole number from 1 to 300000");
  }
}
