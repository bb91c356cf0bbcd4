package org.telops.runtime.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The drills' low-traffic window")
class DrillWindowTest {

  @Test
  @DisplayName("\"Sun 03:00-05:00 UTC\" contains Sunday 04:59 UTC but not 05:00, nor Monday 04:00")
  void sunday() {
    DrillWindow w = DrillWindow.parse("TELOPS_DRILL_WINDOW", "Sun 03:00-05:00 UTC");
    assertThat(w.days()).containsExactly(DayOfWeek.SUNDAY);
    assertThat(w.contains(Instant.parse("2026-11-22T04:59:00Z"))).isTrue();
    assertThat(w.contains(Instant.parse("2026-11-22T05:00:00Z"))).isFalse();
    assertThat(w.contains(Instant.parse("2026-11-23T04:00:00Z"))).isFalse();
    assertThat(w.nextOpening(ZonedDateTime.parse("2026-11-22T03:00:01Z")).toInstant())
        .isEqualTo(Instant.parse("2026-11-29T03:00:00Z"));
    assertThat(w.describe()).isEqualTo("Sun 03:00-05:00 UTC");
  }

  @Test
  @DisplayName("A window past midnight belongs to the day it opens; zones and day ranges are understood")
  void midnightAndZones() {
    DrillWindow w = DrillWindow.parse("w", "Fri-Sat 23:00-01:30 Europe/Berlin");
    // Saturday 00:30 in Berlin (23:30 UTC Friday, winter): inside Friday's window.
    assertThat(w.contains(Instant.parse("2026-11-27T23:30:00Z"))).isTrue();
    // Monday 00:30 Berlin: Sunday's window would be needed, and Sunday is not listed.
    assertThat(w.contains(Instant.parse("2026-11-29T23:30:00Z"))).isFalse();
    assertThat(w.openingContaining(Instant.parse("2026-11-27T23:30:00Z")).toLocalDate().getDayOfWeek())
        .isEqualTo(DayOfWeek.FRIDAY);
  }

  @Test
  @DisplayName("A malformed window is refused with an example of a good one")
  void invalid() {
    assertThatThrownBy(() -> DrillWindow.parse("TELOPS_DRILL_WINDOW", "Sundays at 3"))
        .hasMessageContaining("e.g. \"Sun 03:00-05:00 UTC\"");
    assertThatThrownBy(() -> DrillWindow.parse("TELOPS_DRILL_WINDOW", "Sun 03:00-05:00 Mars/Olympus"))
        .hasMessageContaining("unknown time zone 'Mars/Olympus'");
    assertThatThrownBy(() -> DrillWindow.parse("TELOPS_DRILL_WINDOW", "Funday 03:00-05:00")).hasMessageContaining("'funday' is not a day");
  }
}
