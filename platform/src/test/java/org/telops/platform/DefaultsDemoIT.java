package org.telops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.config.PlatformConfig;

/**
 * What a newcomer sees after the README's run command: no carrier account, no configuration. The whole
 * platform — carrier-sim, agent runtime, prober, collector, analyzer — must work out of the box, so this
 * starts it with nothing set but where to keep data and a shorter probe interval, and waits for every
 * region's probe calls to go through the local carrier to the agent and back.
 */
class DefaultsDemoIT {

  @Test
  @DisplayName("With no configuration, probe calls from all three default regions succeed end to end and their CDRs are stored")
  void probesSucceedOnDefaults() throws Exception {
    Path dir = Files.createTempDirectory("telops-demo");
    Map<String, String> env = new HashMap<>();
    env.put("TELOPS_DATA_DIR", dir.toString());
    env.put("TELOPS_HTTP_PORT", "0");
    env.put("TELOPS_ADMIN_PORT", "0");
    env.put("TELOPS_EMBEDDED_DB_PORT", String.valueOf(TestPlatform.freePort()));
    env.put("TELOPS_PROBE_INTERVAL_SECONDS", "4");
    Platform p = Platform.start(PlatformConfig.fromEnv(env), Set.of());
    try {
      Map<String, Long> ok = new TreeMap<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (ok.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(1_000);
        ok = successesPerRegion(p);
      }
      assertThat(ok).as("successful probes per region (all outcomes: %s)", outcomes(p))
          .containsOnlyKeys("ap-south", "eu-west", "us-east");
      try (Connection c = p.dataSource().getConnection(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT count(*) FROM calls WHERE to_number = '+15550100'")) {
        rs.next();
        assertThat(rs.getLong(1)).as("CDRs of probe calls").isPositive();
      }
      // Billing rates every ended call on the demo rate card within a rating pass (2 s).
      long rated = 0;
      for (int i = 0; i < 20 && rated == 0; i++) {
        Thread.sleep(500);
        try (Connection c = p.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM calls WHERE state = 'ended' AND answered_at IS NOT NULL "
                 + "AND cost_telephony_micros > 0 AND cost_total_micros >= cost_telephony_micros AND billed_seconds >= 60")) {
          rs.next();
          rated = rs.getLong(1);
        }
      }
      assertThat(rated).as("answered probe CDRs rated on the demo rate card").isPositive();
    } finally {
      p.stop();
    }
  }

  private static Map<String, Long> successesPerRegion(Platform p) throws Exception {
    Map<String, Long> out = new TreeMap<>();
    try (Connection c = p.dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT region, count(*) FROM probe_results WHERE outcome = 'success' GROUP BY region")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  private static String outcomes(Platform p) throws Exception {
    StringBuilder sb = new StringBuilder();
    try (Connection c = p.dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT region, outcome, reason, count(*) FROM probe_results GROUP BY 1, 2, 3 ORDER BY 1")) {
      while (rs.next()) {
        sb.append(rs.getString(1)).append(' ').append(rs.getString(2)).append(' ').append(rs.getString(3))
            .append(" ×").append(rs.getLong(4)).append("; ");
      }
    }
    return sb.toString();
  }
}
