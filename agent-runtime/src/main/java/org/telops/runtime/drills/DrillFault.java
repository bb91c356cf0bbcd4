package org.telops.runtime.drills;

import java.util.Locale;
import java.util.Set;

/**
 * What a drill breaks, written as {@code kind[:parameter]} — the carrier-sim's fault kinds:
 * {@code down}, {@code http-error:503} (5xx or 429), {@code slow-api:5000} (ms), {@code media-drop:10}
 * (seconds into the call), {@code one-way-audio:caller-to-agent|agent-to-caller},
 * {@code webhook-timeout:15000} (ms). Without the carrier-sim (breaker mode) only the API outages can be
 * simulated, by forcing the carrier's circuit open.
 */
public record DrillFault(String kind, String parameter) {

  private static final Set<String> KINDS = Set.of("down", "http-error", "slow-api", "media-drop", "one-way-audio",
      "webhook-timeout");
  private static final Set<String> API_OUTAGES = Set.of("down", "http-error", "slow-api");

  public static DrillFault parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("fault: required — one of down, http-error:503, http-error:429, slow-api:5000, "
          + "media-drop:10, one-way-audio:caller-to-agent, webhook-timeout:15000");
    }
    String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(":", 2);
    String kind = parts[0];
    String p = parts.length > 1 ? parts[1].trim() : null;
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("fault: '" + spec + "' is not one of down, http-error:<5xx|429>, slow-api:<ms>, "
          + "media-drop:<seconds>, one-way-audio:<caller-to-agent|agent-to-caller>, webhook-timeout:<ms>");
    }
    switch (kind) {
      case "down" -> p = null;
      case "http-error" -> {
        int s = number(spec, p == null ? "503" : p, 100, 599);
        if (s != 429 && s < 500) {
          throw new IllegalArgumentException("fault: '" + spec + "': the status must be 429 or 500..599");
        }
        p = String.valueOf(s);
      }
      case "slow-api" -> p = String.valueOf(number(spec, p == null ? "5000" : p, 1, 300_000));
      case "media-drop" -> p = String.valueOf(number(spec, p == null ? "5" : p, 0, 86_400));
      case "webhook-timeout" -> p = String.valueOf(number(spec, p == null ? "15000" : p, 0, 120_000));
      default -> {
        p = p == null ? "caller-to-agent" : p;
        if (!p.equals("caller-to-agent") && !p.equals("agent-to-caller")) {
          throw new IllegalArgumentException("fault: '" + spec + "': one-way-audio takes caller-to-agent or agent-to-caller");
        }
      }
    }
    return new DrillFault(kind, p);
  }

  private static int number(String spec, String p, int min, int max) {
    try {
      int v = Integer.parseInt(p);
      if (v < min || v > max) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("fault: '" + spec + "': the parameter must be a whole number from " + min + " to " + max);
    }
  }

  /** Whether the fault is on the carrier's REST API (the only kind breaker mode can simulate). */
  public boolean isApiFault() {
    return API_OUTAGES.contains(kind);
  }

  /**
   * Whether new calls are expected to leave the carrier: an outage, a 5xx or 429 storm, or an API slower
   * than the router's timeout. Media and webhook faults leave the API up, so calls stay.
   */
  public boolean expectsFailover(int routerTimeoutMs) {
    return switch (kind) {
      case "down", "http-error" -> true;
      case "slow-api" -> Integer.parseInt(parameter) >= routerTimeoutMs;
      default -> false;
    };
  }

  public String spec() {
    return parameter == null ? kind : kind + ":" + parameter;
  }
}
