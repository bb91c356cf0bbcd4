package org.telops.carriersim.media;

import java.util.LinkedHashMap;
import java.util.Map;
import org.telops.carriersim.config.Pairs;
import org.telops.contracts.config.ConfigException;

/**
 * What a region's network does to the media path, one direction.
 *
 * @param latencyMs constant one-way delay added to every frame
 * @param jitterMs target RFC 3550 interarrival jitter: each frame gets an extra delay drawn uniformly from
 *     [0, 3·jitterMs], whose mean |D| between consecutive frames is jitterMs
 * @param lossPercent independent random loss while the channel is in its good state
 * @param burstEnterPercent Gilbert–Elliott p: chance per frame to go from the good to the bad state
 * @param burstExitPercent Gilbert–Elliott r: chance per frame to leave the bad state (mean burst = 100/r
 *     frames); every frame sent in the bad state is lost
 */
public record ImpairmentProfile(int latencyMs, int jitterMs, double lossPercent, double burstEnterPercent,
                                double burstExitPercent) {
  public static final ImpairmentProfile CLEAN = new ImpairmentProfile(0, 0, 0, 0, 100);

  public ImpairmentProfile {
    if (latencyMs < 0 || latencyMs > 10_000 || jitterMs < 0 || jitterMs > 5_000) {
      throw new IllegalArgumentException("latencyMs must be 0..10000 and jitterMs 0..5000, got " + latencyMs
          + " and " + jitterMs);
    }
    requirePercent("lossPercent", lossPercent);
    requirePercent("burstEnterPercent", burstEnterPercent);
    requirePercent("burstExitPercent", burstExitPercent);
    if (burstEnterPercent > 0 && burstExitPercent == 0) {
      throw new IllegalArgumentException("burstExitPercent must be > 0 when burstEnterPercent > 0 (the channel "
          + "would stay in the bad state for ever)");
    }
  }

  /** Long-run loss: good-state random loss plus the stationary share of the bad state. */
  public double expectedLossPercent() {
    double p = burstEnterPercent / 100.0;
    double r = burstExitPercent / 100.0;
    double bad = p == 0 ? 0 : p / (p + r);
    return 100.0 * (bad + (1 - bad) * lossPercent / 100.0);
  }

  /** Defaults: us-east clean, eu-west some latency, ap-south more latency, jitter and a little bursty loss. */
  public static Map<String, ImpairmentProfile> defaults() {
    Map<String, ImpairmentProfile> m = new LinkedHashMap<>();
    m.put("us-east", CLEAN);
    m.put("eu-west", new ImpairmentProfile(70, 4, 0.1, 0, 100));
    m.put("ap-south", new ImpairmentProfile(160, 18, 0.5, 0.2, 40));
    return m;
  }

  /**
   * {@code TELOPS_SIM_IMPAIRMENTS}: {@code region=latencyMs/jitterMs/lossPercent[/burstEnterPercent/burstExitPercent]}
   * items, e.g. {@code eu-west=70/4/0.1,ap-south=160/18/0.5/0.2/40}; listed regions replace the defaults.
   */
  public static Map<String, ImpairmentProfile> parse(String variable, String text) {
    Map<String, ImpairmentProfile> m = defaults();
    Pairs.parse(variable, text, "eu-west=70/4/0.1,ap-south=160/18/0.5/0.2/40").forEach((region, spec) -> {
      String[] f = spec.split("/");
      if (f.length != 3 && f.length != 5) {
        throw new ConfigException(variable + ": " + region + "=" + spec + " needs latencyMs/jitterMs/lossPercent "
            + "or latencyMs/jitterMs/lossPercent/burstEnterPercent/burstExitPercent");
      }
      try {
        m.put(region, new ImpairmentProfile(Integer.parseInt(f[0].trim()), Integer.parseInt(f[1].trim()),
            Pairs.percent(variable, "lossPercent", f[2].trim()),
            f.length == 5 ? Pairs.percent(variable, "burstEnterPercent", f[3].trim()) : 0,
            f.length == 5 ? Pairs.percent(variable, "burstExitPercent", f[4].trim()) : 100));
      } catch (NumberFormatException e) {
        throw new ConfigException(variable + ": " + region + "=" + spec + ": latency and jitter are whole ms");
      } catch (IllegalArgumentException e) {
        throw new ConfigException(variable + ": " + region + "=" + spec + ": " + e.getMessage());
      }
    });
    return m;
  }

  public String describe() {
    return latencyMs + "ms/" + jitterMs + "ms/" + lossPercent + "%/" + burstEnterPercent + "%/" + burstExitPercent + "%";
  }

  private static void requirePercent(String name, double v) {
    if (!(v >= 0 && v <= 100)) {
      throw new IllegalArgumentException(name + " must be 0..100, got " + v);
    }
  }
}
