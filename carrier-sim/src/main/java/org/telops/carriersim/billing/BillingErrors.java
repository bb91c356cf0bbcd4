package org.telops.carriersim.billing;

import java.util.Map;
import org.telops.carriersim.config.Pairs;
import org.telops.contracts.config.ConfigException;

/**
 * How many billing errors to seed into one invoice, and the seed that picks them — so a reconciliation
 * test can ask for an invoice with known mistakes and then fetch the list of what was seeded.
 *
 * @param overcharge lines billed 50 % above the rate card
 * @param phantom lines for calls that never happened
 * @param wrongRounding lines billed one increment too many (61 s as 3 minutes)
 */
public record BillingErrors(int overcharge, int phantom, int wrongRounding, long seed) {
  public static final BillingErrors NONE = new BillingErrors(0, 0, 0, 0);

  public BillingErrors {
    if (overcharge < 0 || phantom < 0 || wrongRounding < 0 || overcharge + phantom + wrongRounding > 10_000) {
      throw new IllegalArgumentException("billing error counts must be 0..10000 in total, got overcharge="
          + overcharge + " phantom=" + phantom + " rounding=" + wrongRounding);
    }
  }

  public boolean any() {
    return overcharge + phantom + wrongRounding > 0;
  }

  /** {@code TELOPS_SIM_INVOICE_ERRORS}: {@code overcharge=2,phantom=1,rounding=1[,seed=7]}. */
  public static BillingErrors parse(String variable, String text, long defaultSeed) {
    Map<String, String> m = Pairs.parse(variable, text, "overcharge=2,phantom=1,rounding=1,seed=7");
    for (String k : m.keySet()) {
      if (!java.util.Set.of("overcharge", "phantom", "rounding", "seed").contains(k)) {
        throw new ConfigException(variable + ": unknown key '" + k + "': use overcharge, phantom, rounding, seed");
      }
    }
    try {
      return new BillingErrors(count(m, "overcharge"), count(m, "phantom"), count(m, "rounding"),
          m.containsKey("seed") ? Long.parseLong(m.get("seed")) : defaultSeed);
    } catch (NumberFormatException e) {
      throw new ConfigException(variable + "=" + text + ": counts and seed are whole numbers");
    } catch (IllegalArgumentException e) {
      throw new ConfigException(variable + "=" + text + ": " + e.getMessage());
    }
  }

  private static int count(Map<String, String> m, String key) {
    return m.containsKey(key) ? Integer.parseInt(m.get(key)) : 0;
  }
}
