package org.telops.runtime.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Drill schedules inside the low-traffic window")
class DrillScheduleTest {
  private final DrillWindow sunday = DrillWindow.parse("w", "Sun 03:00-05:00 UTC");

  @Test
  @DisplayName("@monthly is the first window of each month: the first Sunday 03:00 UTC")
  void monthly() {
    DrillSchedule s = DrillSchedule.parse("@monthly");
    // November 2026: Sundays are the 1st, 8th, … ; December's first Sunday is the 6th.
    assertThat(s.nextAfter(Instant.parse("2026-10-31T12:00:00Z"), sunday).toInstant()).isEqualTo(Instant.parse("2026-11-01T03:00:00Z"));
    assertThat(s.nextAfter(Instant.parse("2026-11-01T03:00:00Z"), sunday).toInstant()).isEqualTo(Instant.parse("2026-12-06T03:00:00Z"));
    assertThat(s.nextAfter(Instant.parse("2026-11-10T00:00:00Z"), sunday).toInstant()).isEqualTo(Instant.parse("2026-12-06T03:00:00Z"));
  }

  @Test
  @DisplayName("@weekly and @daily follow the window's openings")
  void weeklyDaily() {
    DrillWindow nightly = DrillWindow.parse("w", "daily 02:00-04:00 UTC");
    assertThat(DrillSchedule.parse("@daily").nextAfter(Instant.parse("2026-11-22T02:30:00Z"), nightly).toInstant())
        .isEqualTo(Instant.parse("2026-11-23T02:00:00Z"));
    // Weeks start on Monday: after Monday's opening, the next weekly one is the next Monday's.
    assertThat(DrillSchedule.parse("@weekly").nextAfter(Instant.parse("2026-11-23T02:00:00Z"), nightly).toInstant())
        .isEqualTo(Instant.parse("2026-11-30T02:00:00Z"));
  }

  @Test
  @DisplayName("A cron line fires only inside the window: '30 3 * * 0' is Sundays 03:30; '0 12 * * *' never")
  void cron() {
    assertThat(DrillSchedule.parse("30 3 * * 0").nextAfter(Instant.parse("2026-11-22T03:30:00Z"), sunday).toInstant())
        .isEqualTo(Instant.parse("2026-11-29T03:30:00Z"));
    assertThat(DrillSchedule.parse("*/20 3-4 1-7 * sun").nextAfter(Instant.parse("2026-11-02T00:00:00Z"), sunday).toInstant())
        .isEqualTo(Instant.parse("2026-11-08T03:00:00Z"));
    assertThat(DrillSchedule.parse("0 12 * * *").nextAfter(Instant.parse("2026-11-22T00:00:00Z"), sunday)).isNull();
  }

  @Test
  @DisplayName("A malformed schedule is refused naming the bad part")
  void invalid() {
    assertThatThrownBy(() -> DrillSchedule.parse("monthly")).hasMessageContaining("five-field cron line");
    assertThatThrownBy(() -> DrillSchedule.parse("61 3 * * *")).hasMessageContaining("'61' is not a value from 0 to 59");
    assertThatThrownBy(() -> DrillSchedule.parse("0 5-3 * * *")).hasMessageContaining("runs backwards");
  }
}
