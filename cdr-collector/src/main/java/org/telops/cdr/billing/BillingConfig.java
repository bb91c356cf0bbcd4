package org.telops.cdr.billing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.telops.cdr.billing.reconcile.Tolerances;
import org.telops.contracts.config.ConfigException;

/**
 * Billing settings from the environment (see the cdr-collector README).
 *
 * @param disputePercent a month whose variance exceeds this (either way) is flagged for dispute
 * @param rateIntervalMs how often ended calls are rated
 * @param localCarrierBaseUrl where "fetch this month's invoice" reads the local carrier's invoices
 */
public record BillingConfig(double disputePercent, Tolerances tolerances, long rateIntervalMs,
                            String localCarrierBaseUrl) {

  public static BillingConfig fromEnv(Map<String, String> env, String defaultLocalCarrier) {
    double dispute = number(env, "TELOPS_BILLING_DISPUTE_PERCENT", "2", 0, 100);
    Tolerances t = new Tolerances((long) number(env, "TELOPS_BILLING_SECONDS_TOLERANCE", "0", 0, 3600),
        (long) number(env, "TELOPS_BILLING_AMOUNT_TOLERANCE_MICROS", "100", 0, 1_000_000_000),
        number(env, "TELOPS_BILLING_AMOUNT_TOLERANCE_PERCENT", "0", 0, 100));
    long interval = (long) number(env, "TELOPS_BILLING_RATE_INTERVAL_MS", "2000", 100, 3_600_000);
    String sim = env.getOrDefault("TELOPS_BILLING_LOCAL_CARRIER_URL", defaultLocalCarrier);
    return new BillingConfig(dispute, t, interval, sim);
  }

  private static double number(Map<String, String> env, String name, String dflt, double min, double max) {
    String v = env.getOrDefault(name, dflt).trim();
    try {
      double d = Double.parseDouble(v);
      if (d < min || d > max || Double.isNaN(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + "=" + v + " is not a number from " + min + " to " + max);
    }
  }

  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("TELOPS_BILLING_DISPUTE_PERCENT", String.valueOf(disputePercent));
    m.put("TELOPS_BILLING_SECONDS_TOLERANCE", String.valueOf(tolerances.billedSeconds()));
    m.put("TELOPS_BILLING_AMOUNT_TOLERANCE_MICROS", String.valueOf(tolerances.amountMicros()));
    m.put("TELOPS_BILLING_AMOUNT_TOLERANCE_PERCENT", String.valueOf(tolerances.amountPercent()));
    m.put("TELOPS_BILLING_RATE_INTERVAL_MS", String.valueOf(rateIntervalMs));
    m.put("TELOPS_BILLING_LOCAL_CARRIER_URL", String.valueOf(localCarrierBaseUrl));
    return m;
  }
}
