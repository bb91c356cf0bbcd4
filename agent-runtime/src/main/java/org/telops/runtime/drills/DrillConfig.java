package org.telops.runtime.drills;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.telops.contracts.config.ConfigException;
import org.telops.contracts.config.Env;

/**
 * Chaos drill settings.
 *
 * @param window the default low-traffic window for scheduled drills
 * @param faultMode sim (inject through the carrier-sim's fault API) or breaker (force the target's circuit
 *     open: a simulated outage, for real carriers)
 * @param simFaultsUrl the carrier-sim's fault API (sim mode), e.g. {@code http://127.0.0.1:8080/sim/faults}
 * @param schedulerEnabled whether scheduled drills run on their own
 * @param checkSeconds how often the scheduler looks for a due drill
 * @param testTo default callee of test calls; test calls are real calls, point this at a number that answers
 * @param testFrom default caller id of test calls
 */
public record DrillConfig(DrillWindow window, String faultMode, String simFaultsUrl, boolean schedulerEnabled,
                          int checkSeconds, String testTo, String testFrom) {

  /**
   * @param twilioApiBaseUrl with {@code /sim/} in it (the embedded set-up) the default mode is sim and the
   *     sim's fault API is {@code <what precedes /sim/>/sim/faults}
   */
  public static DrillConfig fromEnv(Map<String, String> environment, String twilioApiBaseUrl) {
    Env env = new Env(environment);
    DrillWindow window;
    try {
      window = DrillWindow.parse("TELOPS_DRILL_WINDOW", env.string("TELOPS_DRILL_WINDOW", "Sun 03:00-05:00 UTC"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    int at = twilioApiBaseUrl.indexOf("/sim/");
    String derivedSim = at > 0 ? twilioApiBaseUrl.substring(0, at) + "/sim/faults" : null;
    String mode = env.string("TELOPS_DRILL_FAULT_MODE", "auto").toLowerCase(Locale.ROOT);
    if (mode.equals("auto")) {
      mode = derivedSim != null ? "sim" : "breaker";
    }
    if (!mode.equals("sim") && !mode.equals("breaker")) {
      throw new ConfigException("TELOPS_DRILL_FAULT_MODE=" + mode + " is not valid: use sim (carrier-sim fault API), "
          + "breaker (force the circuit open) or auto");
    }
    String sim = env.string("TELOPS_DRILL_SIM_URL", derivedSim);
    if (mode.equals("sim") && sim == null) {
      throw new ConfigException("TELOPS_DRILL_FAULT_MODE=sim but no carrier-sim is known: set TELOPS_DRILL_SIM_URL to "
          + "the sim's fault API (e.g. http://127.0.0.1:8089/faults) or use breaker");
    }
    while (sim != null && sim.endsWith("/")) {
      sim = sim.substring(0, sim.length() - 1);
    }
    return new DrillConfig(window, mode, sim, env.bool("TELOPS_DRILL_SCHEDULER", true),
        env.integer("TELOPS_DRILL_CHECK_SECONDS", 60, 1, 3600),
        env.string("TELOPS_DRILL_TEST_TO", "+14155550100"), env.string("TELOPS_DRILL_TEST_FROM", "+15550100199"));
  }

  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("TELOPS_DRILL_WINDOW", window.describe());
    m.put("TELOPS_DRILL_FAULT_MODE", faultMode);
    m.put("TELOPS_DRILL_SIM_URL", simFaultsUrl == null ? "(none)" : simFaultsUrl);
    m.put("TELOPS_DRILL_SCHEDULER", String.valueOf(schedulerEnabled));
    m.put("TELOPS_DRILL_CHECK_SECONDS", String.valueOf(checkSeconds));
    m.put("TELOPS_DRILL_TEST_TO", testTo);
    m.put("TELOPS_DRILL_TEST_FROM", testFrom);
    return m;
  }
}
