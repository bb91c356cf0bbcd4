package org.telops.runtime.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Drill configuration and the scheduler's due check")
class DrillConfigTest {

  @Test
  @DisplayName("Against the carrier-sim the fault mode is sim with the sim's fault API; against real carriers, breaker")
  void mode() {
    DrillConfig sim = DrillConfig.fromEnv(Map.of(), "http://127.0.0.1:8080/sim/twilio");
    assertThat(sim.faultMode()).isEqualTo("sim");
    assertThat(sim.simFaultsUrl()).isEqualTo("http://127.0.0.1:8080/sim/faults");
    assertThat(DrillConfig.fromEnv(Map.of(), "https://api.twilio.com").faultMode()).isEqualTo("breaker");
    assertThatThrownBy(() -> DrillConfig.fromEnv(Map.of("TELOPS_DRILL_FAULT_MODE", "sim"), "https://api.twilio.com"))
        .hasMessageContaining("set TELOPS_DRILL_SIM_URL");
    assertThatThrownBy(() -> DrillConfig.fromEnv(Map.of("TELOPS_DRILL_WINDOW", "soon"), "https://api.twilio.com"))
        .hasMessageStartingWith("TELOPS_DRILL_WINDOW=soon is not a window");
  }

  @Test
  @DisplayName("A monthly drill is due in the first Sunday window after its creation, once, and a missed window is not made up")
  void due() {
    DrillWindow w = DrillWindow.parse("w", "Sun 03:00-05:00 UTC");
    DrillDefinition d = new DrillDefinition(1, "monthly", "twilio", DrillFault.parse("down"), 10,
        DrillDefinition.Criteria.DEFAULT, "@monthly", w, null, true, "alice", Instant.parse("2026-10-20T00:00:00Z"));
    DrillStore.Listed never = new DrillStore.Listed(d, null, null, null);
    assertThat(DrillService.dueNow(never, Instant.parse("2026-11-01T02:59:00Z"))).isFalse();
    assertThat(DrillService.dueNow(never, Instant.parse("2026-11-01T03:01:00Z"))).isTrue();
    DrillStore.Listed ran = new DrillStore.Listed(d, 7L, "passed", Instant.parse("2026-11-01T03:01:00Z"));
    assertThat(DrillService.dueNow(ran, Instant.parse("2026-11-01T03:30:00Z"))).isFalse();
    // Nothing ran in November's window; on December's first Sunday it is due again, and not before.
    assertThat(DrillService.dueNow(never, Instant.parse("2026-11-08T03:30:00Z"))).isFalse();
    assertThat(DrillService.dueNow(never, Instant.parse("2026-12-06T03:30:00Z"))).isTrue();
    DrillDefinition off = new DrillDefinition(1, "m", "twilio", DrillFault.parse("down"), 10, DrillDefinition.Criteria.DEFAULT,
        "@monthly", w, null, false, "alice", Instant.parse("2026-10-20T00:00:00Z"));
    assertThat(DrillService.dueNow(new DrillStore.Listed(off, null, null, null), Instant.parse("2026-11-01T03:01:00Z"))).isFalse();
  }
}
