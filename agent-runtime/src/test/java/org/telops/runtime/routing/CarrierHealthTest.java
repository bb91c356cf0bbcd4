package org.telops.runtime.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Carrier health figures over a rolling window")
class CarrierHealthTest {

  @Test
  @DisplayName("Error rate, mean and 95th-percentile latency and connect success cover the last 60 s only")
  void window() {
    CarrierHealth h = new CarrierHealth(60);
    long t0 = 1_000_000_000L;
    for (int i = 0; i < 100; i++) {
      h.recordAttempt(t0 + i * 100L, i % 10 != 0, i + 1);
    }
    h.recordConnect(t0, true);
    h.recordConnect(t0, true);
    h.recordConnect(t0, true);
    h.recordConnect(t0, false);
    CarrierHealth.Figures f = h.figures(t0 + 10_000);
    assertThat(f.attempts()).isEqualTo(100);
    assertThat(f.errors()).isEqualTo(10);
    assertThat(f.errorRatePercent()).isEqualTo(10.0);
    assertThat(f.apiLatencyMeanMs()).isEqualTo(50.5);
    assertThat(f.apiLatencyP95Ms()).isEqualTo(95);
    assertThat(f.connectSuccessPercent()).isEqualTo(75.0);
    CarrierHealth.Figures later = h.figures(t0 + 75_000);
    assertThat(later.attempts()).isZero();
    assertThat(later.errorRatePercent()).isNull();
    assertThat(later.connectSuccessPercent()).isNull();
  }
}
