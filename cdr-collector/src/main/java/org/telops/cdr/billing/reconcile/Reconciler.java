package org.telops.cdr.billing.reconcile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.function.Consumer;
import org.telops.cdr.billing.invoice.InvoiceLine;
import org.telops.cdr.billing.rating.Rate;

/**
 * Classifies invoice lines against our rated calls. {@link #run} is a merge join of two streams sorted by
 * carrier call id (byte order, e.g. SQL {@code ORDER BY carrier_call_id COLLATE "C"}), so a month of any
 * size reconciles in constant memory: each line gets a class, and each of our billable calls in the period
 * that no line names is {@code unbilled}.
 */
public final class Reconciler {
  private final Tolerances tolerances;

  public Reconciler(Tolerances tolerances) {
    this.tolerances = tolerances;
  }

  /** One line against the call it names. */
  public Item classify(OurCall ours, InvoiceLine line) {
    long ourMicros = ours.costMicros() == null ? 0 : ours.costMicros();
    Long theirBilled = line.billedSeconds() != null ? line.billedSeconds() : impliedBilledSeconds(ours.rate(), line);
    long ourBilled = ours.billedSeconds();
    LocalDate day = day(ours.attemptedAt());
    if (theirBilled != null && Math.abs(theirBilled - ourBilled) > tolerances.billedSeconds()) {
      return item(ItemClass.DURATION_MISMATCH, ours, line, theirBilled, day, "billed " + theirBilled + " s, our "
          + ours.durationSeconds() + " s rounds to " + ourBilled + " s");
    }
    if (!tolerances.amountWithin(ourMicros, line.amountMicros())) {
      return item(ItemClass.RATE_MISMATCH, ours, line, theirBilled, day, "billed " + line.amountMicros()
          + " micros, our rating " + ourMicros + " micros" + (line.rateMicros() != null && ours.rate() != null
          ? " (their rate " + line.rateMicros() + "/min, ours " + ours.rate().ratePerMinuteMicros() + "/min)" : ""));
    }
    return item(ItemClass.MATCHED, ours, line, theirBilled, day, null);
  }

  /**
   * Billed seconds a price stands for at our rate, when the export states none (Twilio): only when the
   * price is exactly what our card charges for a whole number of increments — else the difference is in the
   * price, not the seconds, and this returns null.
   */
  static Long impliedBilledSeconds(Rate rate, InvoiceLine line) {
    Long seconds = line.durationSeconds();
    if (rate == null) {
      return null;
    }
    if (seconds != null && near(rate.priceMicros(seconds), line.amountMicros())) {
      return rate.billedSeconds(seconds);
    }
    if (rate.ratePerMinuteMicros() == 0 || line.amountMicros() <= rate.connectFeeMicros()) {
      return null;
    }
    long billed = Math.round((line.amountMicros() - rate.connectFeeMicros()) * 60.0 / rate.ratePerMinuteMicros());
    return billed > 0 && rate.billedSeconds(billed) == billed && near(rate.priceMicros(billed), line.amountMicros())
        ? billed : null;
  }

  private static boolean near(long a, long b) {
    return Math.abs(a - b) <= 10; // the invoice's printed decimals (Twilio: 5 places = 10 micros)
  }

  /**
   * Merge join. Both iterators sorted by carrier call id, byte order; lines with the same id in line order.
   */
  public void run(Iterator<OurCall> calls, Iterator<InvoiceLine> lines, Consumer<Item> out) {
    OurCall call = next(calls);
    InvoiceLine line = next(lines);
    String lastLineId = null;
    boolean callBilled = false;
    while (call != null || line != null) {
      int cmp = call == null ? 1 : line == null ? -1 : call.carrierCallId().compareTo(line.carrierCallId());
      if (cmp < 0) {
        if (!callBilled && call.inPeriod() && call.costMicros() != null && call.costMicros() > 0) {
          out.accept(new Item(ItemClass.UNBILLED, call.carrierCallId(), call.callId(), null, call.durationSeconds(),
              call.billedSeconds(), call.costMicros(), null, null, day(call.attemptedAt()),
              "our call of " + call.durationSeconds() + " s is not on the invoice"));
        }
        call = next(calls);
        callBilled = false;
        continue;
      }
      if (line.carrierCallId().equals(lastLineId)) {
        out.accept(new Item(ItemClass.DUPLICATE, line.carrierCallId(), cmp == 0 ? call.callId() : null, line.lineNo(),
            null, null, null, line.billedSeconds(), line.amountMicros(), day(line.startedAt()),
            "call id already billed on an earlier line"));
      } else if (cmp == 0) {
        out.accept(classify(call, line));
        callBilled = true;
      } else {
        out.accept(new Item(ItemClass.PHANTOM, line.carrierCallId(), null, line.lineNo(), null, null, null,
            line.billedSeconds() != null ? line.billedSeconds() : line.durationSeconds(), line.amountMicros(),
            day(line.startedAt()), "no call of ours has this id"));
      }
      lastLineId = line.carrierCallId();
      line = next(lines);
    }
  }

  private static Item item(ItemClass kind, OurCall ours, InvoiceLine line, Long theirBilled, LocalDate day, String note) {
    return new Item(kind, line.carrierCallId(), ours.callId(), line.lineNo(), ours.durationSeconds(),
        ours.billedSeconds(), ours.costMicros(), theirBilled, line.amountMicros(), day, note);
  }

  private static LocalDate day(Instant at) {
    return at == null ? null : LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  private static <T> T next(Iterator<T> it) {
    return it.hasNext() ? it.next() : null;
  }
}
