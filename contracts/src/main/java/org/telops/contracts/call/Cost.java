package org.telops.contracts.call;

/**
 * Cost of a call per component, in integer micro-units of {@code currency} (1 USD = 1,000,000 micros):
 * money is never a double. Null components are unknown (a carrier's price may lag the call by minutes).
 */
public record Cost(
    String currency,
    Long telephonyMicros,
    Long sttMicros,
    Long llmMicros,
    Long ttsMicros) {

  public static final Cost NONE = new Cost(null, null, null, null, null);

  /** Sum of the known components; null when none is known. */
  public Long totalMicros() {
    Long[] parts = {telephonyMicros, sttMicros, llmMicros, ttsMicros};
    Long total = null;
    for (Long p : parts) {
      if (p != null) {
        total = (total == null ? 0L : total) + p;
      }
    }
    return total;
  }
}
