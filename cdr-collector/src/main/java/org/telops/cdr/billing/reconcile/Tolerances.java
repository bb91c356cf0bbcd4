package org.telops.cdr.billing.reconcile;

/**
 * How far an invoice line may be from our rating and still be {@code matched}.
 *
 * @param billedSeconds allowed difference in billed seconds (0 = exact)
 * @param amountMicros allowed difference in price, micros (covers the invoice's printed decimals: Telnyx
 *     prints 4 places, i.e. 100 micros)
 * @param amountPercent allowed difference in price, per cent of our price; the larger allowance wins
 */
public record Tolerances(long billedSeconds, long amountMicros, double amountPercent) {
  public static final Tolerances DEFAULT = new Tolerances(0, 100, 0.0);

  public Tolerances {
    if (billedSeconds < 0 || amountMicros < 0 || amountPercent < 0) {
      throw new IllegalArgumentException("tolerances must not be negative");
    }
  }

  boolean amountWithin(long ours, long theirs) {
    long allowed = Math.max(amountMicros, Math.round(Math.abs(ours) * amountPercent / 100.0));
    return Math.abs(theirs - ours) <= allowed;
  }
}
