package org.telops.cdr.billing.reconcile;

import java.time.LocalDate;

/**
 * One reconciliation result, ours beside theirs. Nulls where a side has nothing (a phantom has no call).
 *
 * @param lineNo the invoice line (null for unbilled)
 * @param ourSeconds our measured talk seconds
 * @param ourBilledSeconds our measured seconds rounded by the rate card
 * @param ourMicros our rated telephony price
 * @param billedSeconds the carrier's billed seconds (stated, or implied by price ÷ our rate)
 * @param billedMicros the carrier's price
 * @param day UTC day of the call (for the variance by day)
 * @param note the evidence in words
 */
public record Item(ItemClass kind, String carrierCallId, String callId, Long lineNo, Long ourSeconds,
                   Long ourBilledSeconds, Long ourMicros, Long billedSeconds, Long billedMicros, LocalDate day,
                   String note) {

  /** Their price − ours (a missing side counts 0). */
  public long varianceMicros() {
    return (billedMicros == null ? 0 : billedMicros) - (ourMicros == null ? 0 : ourMicros);
  }
}
