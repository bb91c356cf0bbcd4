package org.telops.cdr.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.cdr.billing.invoice.InvoiceLine;
import org.telops.cdr.billing.rating.Rate;
import org.telops.cdr.billing.rating.Rounding;
import org.telops.cdr.billing.reconcile.Item;
import org.telops.cdr.billing.reconcile.ItemClass;
import org.telops.cdr.billing.reconcile.OurCall;
import org.telops.cdr.billing.reconcile.Reconciler;
import org.telops.cdr.billing.reconcile.Tolerances;

class ReconcilerTest {
  private static final Instant AT = Instant.parse("2026-11-10T10:00:00Z");
  private static final Rate RATE = new Rate(1, "twilio", "outbound", "", "USD", 0, 14_000, 60, 60, Rounding.UP,
      Instant.parse("2000-01-01T00:00:00Z"), null);

  private static OurCall ours(String id, long seconds) {
    return new OurCall("call-" + id, id, AT, seconds, RATE.billedSeconds(seconds), RATE.priceMicros(seconds), RATE, true);
  }

  private static InvoiceLine line(long no, String id, long seconds, Long billed, long micros) {
    return new InvoiceLine(no, id, null, null, AT, seconds, billed, null, micros, "USD", "outbound", null, null);
  }

  @Test
  @DisplayName("Each class is found: matched, duration-mismatch, rate-mismatch, phantom, unbilled, duplicate")
  void everyClass() {
    List<OurCall> calls = List.of(ours("CA1", 61), ours("CA2", 61), ours("CA3", 30), ours("CA4", 45), ours("CA6", 20));
    List<InvoiceLine> lines = List.of(
        line(2, "CA1", 61, null, 28_000),          // matched
        line(3, "CA2", 61, null, 42_000),          // 3 minutes' price at our rate: duration
        line(4, "CA3", 30, null, 21_000),          // 1.5 × the price: not whole increments → rate
        line(5, "CA5", 40, null, 14_000),          // phantom
        line(6, "CA6", 20, null, 14_000),          // matched
        line(7, "CA6", 20, null, 14_000));         // duplicate; CA4 unbilled
    List<Item> out = new ArrayList<>();
    new Reconciler(Tolerances.DEFAULT).run(calls.iterator(), lines.iterator(), out::add);
    assertThat(out).extracting(i -> i.carrierCallId() + ":" + i.kind().id()).containsExactly(
        "CA1:matched", "CA2:duration-mismatch", "CA3:rate-mismatch", "CA4:unbilled", "CA5:phantom", "CA6:matched",
        "CA6:duplicate");
    assertThat(out.get(1).billedSeconds()).isEqualTo(180);
    assertThat(out.get(1).varianceMicros()).isEqualTo(14_000);
  }

  @Test
  @DisplayName("Stated billed seconds decide a duration mismatch; a price within tolerance is matched")
  void statedSecondsAndTolerance() {
    Reconciler r = new Reconciler(new Tolerances(0, 100, 0));
    assertThat(r.classify(ours("x", 61), line(2, "x", 61, 120L, 28_050)).kind()).isEqualTo(ItemClass.MATCHED);
    assertThat(r.classify(ours("x", 61), line(2, "x", 61, 180L, 42_000)).kind()).isEqualTo(ItemClass.DURATION_MISMATCH);
    assertThat(r.classify(ours("x", 61), line(2, "x", 61, 120L, 28_200)).kind()).isEqualTo(ItemClass.RATE_MISMATCH);
    assertThat(new Reconciler(new Tolerances(60, 100, 0)).classify(ours("x", 61), line(2, "x", 61, 180L, 28_000)).kind())
        .as("within the seconds tolerance").isEqualTo(ItemClass.MATCHED);
  }

  @Test
  @DisplayName("A call just outside the month is never unbilled, and an unanswered call (0 cost) is never unbilled")
  void unbilledOnlyInPeriodAndBillable() {
    List<OurCall> calls = List.of(new OurCall("c1", "CA1", AT, 61, 120, 28_000L, RATE, false), ours("CA2", 0));
    List<Item> out = new ArrayList<>();
    new Reconciler(Tolerances.DEFAULT).run(calls.iterator(), List.<InvoiceLine>of().iterator(), out::add);
    assertThat(out).isEmpty();
  }
}
