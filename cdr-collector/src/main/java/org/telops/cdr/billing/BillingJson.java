package org.telops.cdr.billing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.telops.cdr.billing.rating.Rate;
import org.telops.cdr.billing.reconcile.Item;
import org.telops.cdr.billing.store.InvoiceStore.ImportResult;
import org.telops.cdr.billing.store.ReconciliationReads.MonthStatus;
import org.telops.cdr.billing.store.ReconciliationReads.Summary;
import org.telops.cdr.billing.store.RerateJobs.Job;

/** JSON shapes of the billing API (money in micros, with the currency beside it). */
final class BillingJson {
  private BillingJson() {}

  static JsonObject summary(Summary s, List<Item> items) {
    JsonObject classes = new JsonObject();
    s.classes().forEach((k, v) -> classes.put(k.id(), new JsonObject().put("count", v.count())
        .put("ourMicros", v.ourMicros()).put("billedMicros", v.billedMicros()).put("varianceMicros", v.varianceMicros())));
    JsonArray list = new JsonArray();
    items.forEach(i -> list.add(item(i)));
    return new JsonObject().put("invoiceId", s.invoiceId()).put("carrier", s.carrier()).put("period", s.period().toString())
        .put("currency", s.currency()).put("status", s.status()).put("classes", classes)
        .put("totals", new JsonObject().put("ourSeconds", s.ourSeconds()).put("ourMicros", s.ourMicros())
            .put("billedSeconds", s.billedSeconds()).put("billedMicros", s.billedMicros())
            .put("varianceMicros", s.varianceMicros()).put("variancePercent", s.variancePercent()))
        .put("disputed", s.disputed()).put("disputePercent", s.disputePercent()).put("items", list);
  }

  static JsonObject item(Item i) {
    return new JsonObject().put("class", i.kind().id()).put("carrierCallId", i.carrierCallId()).put("callId", i.callId())
        .put("invoiceLine", i.lineNo())
        .put("ours", new JsonObject().put("seconds", i.ourSeconds()).put("billedSeconds", i.ourBilledSeconds())
            .put("micros", i.ourMicros()))
        .put("theirs", new JsonObject().put("billedSeconds", i.billedSeconds()).put("micros", i.billedMicros()))
        .put("varianceMicros", i.varianceMicros()).put("day", i.day() == null ? null : i.day().toString())
        .put("evidence", i.note());
  }

  static JsonObject imported(ImportResult r) {
    return new JsonObject().put("status", r.status()).put("invoiceId", r.invoiceId()).put("lines", r.lines())
        .put("totalMicros", r.totalMicros()).put("currency", r.currency()).put("sha256", r.sha256())
        .put("message", r.message());
  }

  static JsonObject month(MonthStatus m) {
    return new JsonObject().put("carrier", m.carrier()).put("period", m.period().toString()).put("invoiceId", m.invoiceId())
        .put("status", m.status()).put("lines", m.lines()).put("billedMicros", m.billedMicros())
        .put("varianceMicros", m.varianceMicros()).put("variancePercent", m.variancePercent()).put("currency", m.currency());
  }

  static JsonObject rate(Rate r) {
    return new JsonObject().put("id", r.id()).put("carrier", r.carrier()).put("direction", r.direction())
        .put("prefix", r.prefix()).put("currency", r.currency()).put("connectFeeMicros", r.connectFeeMicros())
        .put("ratePerMinuteMicros", r.ratePerMinuteMicros()).put("firstIncrementSeconds", r.firstIncrementSeconds())
        .put("nextIncrementSeconds", r.nextIncrementSeconds()).put("rounding", r.rounding().id())
        .put("validFrom", r.validFrom().toString()).put("validTo", r.validTo() == null ? null : r.validTo().toString());
  }

  static JsonObject job(Job j) {
    return new JsonObject().put("jobId", j.id()).put("from", j.from().toString()).put("to", j.to().toString())
        .put("carrier", j.carrier()).put("state", j.state()).put("totalCalls", j.total()).put("doneCalls", j.done())
        .put("percent", j.percent()).put("error", j.error()).put("startedBy", j.startedBy())
        .put("startedAt", j.startedAt().toString()).put("finishedAt", j.finishedAt() == null ? null : j.finishedAt().toString());
  }
}
