package org.telops.prober.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PercentilesTest {
  @Test
  @DisplayName("Percentiles interpolate between ranks as PostgreSQL's percentile_cont does")
  void likePercentileCont() {
    long[] oneToHundred = LongStream.rangeClosed(1, 100).toArray();
    Percentiles p = Percentiles.of(oneToHundred);
    // SELECT percentile_cont(ARRAY[0.5,0.95,0.99]) WITHIN GROUP (ORDER BY g) FROM generate_series(1,100) g → {50.5,95.05,99.01}
    assertThat(p.samples()).isEqualTo(100);
    assertThat(p.p50()).isEqualTo(50.5);
    assertThat(p.p95()).isCloseTo(95.05, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(p.p99()).isCloseTo(99.01, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Percentiles.at(new long[] {10, 20}, 0.5)).isEqualTo(15.0);
    assertThat(Percentiles.at(new long[] {10, 20, 400}, 0.99)).isCloseTo(392.4, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  @DisplayName("One sample is every percentile; no samples give none")
  void edges() {
    assertThat(Percentiles.of(new long[] {42})).isEqualTo(new Percentiles(1, 42.0, 42.0, 42.0));
    assertThat(Percentiles.of(new long[0])).isEqualTo(Percentiles.NONE);
    assertThatThrownBy(() -> Percentiles.at(new long[] {1}, 1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("A query window defaults to the last N hours, accepts instants and dates, and names a bad parameter")
  void windows() {
    Instant now = Instant.parse("2026-11-21T12:00:00Z");
    TimeWindow d = TimeWindow.parse(null, null, Duration.ofHours(1), Duration.ofDays(31), now);
    assertThat(d.from()).isEqualTo(Instant.parse("2026-11-21T11:00:00Z"));
    assertThat(d.to()).isEqualTo(now);
    TimeWindow days = TimeWindow.parse("2026-11-01", "2026-11-02T00:00:00+01:00", Duration.ofHours(1), Duration.ofDays(31), now);
    assertThat(days.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(days.to()).isEqualTo(Instant.parse("2026-11-01T23:00:00Z"));
    assertThatThrownBy(() -> TimeWindow.parse("soon", null, Duration.ofHours(1), Duration.ofDays(31), now))
        .hasMessageStartingWith("from=soon is not a time");
    assertThat(TimeWindow.parse(null, "2026-11-01", Duration.ofHours(1), Duration.ofDays(31), now).from())
        .isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
    assertThatThrownBy(() -> TimeWindow.parse("2026-11-21T13:00:00Z", null, Duration.ofHours(1), Duration.ofDays(31), now))
        .hasMessageContaining("is not before to=");
    assertThatThrownBy(() -> TimeWindow.parse("2025-01-01", null, Duration.ofHours(1), Duration.ofDays(31), now))
        .hasMessageContaining("longer than 31 days");
  }
}
