package org.telops.carriersim.billing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.telops.carriersim.CarrierSim;
import org.telops.carriersim.telnyx.TelnyxInvoiceCsv;
import org.telops.carriersim.twilio.TwilioInvoiceCsv;

/**
 * Monthly invoices in each carrier's own export format, with optional seeded billing errors:
 * <pre>
 * GET {prefix}/{carrier}/invoices/{yyyy-mm}.csv[?overcharge=&amp;phantom=&amp;rounding=&amp;seed=]
 * GET {prefix}/{carrier}/invoices/{yyyy-mm}/errors.json[?same]  → the answer key of what was seeded
 * </pre>
 * Without query parameters TELOPS_SIM_INVOICE_ERRORS applies. The same calls and parameters always give
 * the same invoice.
 */
public final class InvoiceApi {
  private final CarrierSim sim;

  public InvoiceApi(CarrierSim sim) {
    this.sim = sim;
  }

  public void mount(Router router, String prefix) {
    for (String carrier : new String[] {"twilio", "telnyx"}) {
      router.get(prefix + "/" + carrier + "/invoices/:month").handler(ctx -> csv(ctx, carrier));
      router.get(prefix + "/" + carrier + "/invoices/:month/errors.json").handler(ctx -> errors(ctx, carrier));
    }
  }

  private void csv(RoutingContext ctx, String carrier) {
    String month = ctx.pathParam("month");
    if (!month.endsWith(".csv")) {
      ctx.next();
      return;
    }
    Invoice invoice = build(ctx, carrier, month.substring(0, month.length() - 4));
    if (invoice == null) {
      return;
    }
    String body = carrier.equals("twilio") ? TwilioInvoiceCsv.render(invoice)
        : TelnyxInvoiceCsv.render(invoice, sim.config().telnyxConnectionId());
    ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"" + carrier + "-" + invoice.month() + ".csv\"")
        .end(body);
  }

  private void errors(RoutingContext ctx, String carrier) {
    Invoice invoice = build(ctx, carrier, ctx.pathParam("month"));
    if (invoice == null) {
      return;
    }
    JsonArray seeded = new JsonArray();
    invoice.seeded().forEach(e -> seeded.add(new JsonObject().put("kind", e.kind()).put("callId", e.callId())
        .put("expectedBilledSeconds", e.expectedBilledSeconds()).put("invoicedBilledSeconds", e.invoicedBilledSeconds())
        .put("expectedPriceMicros", e.expectedPriceMicros()).put("invoicedPriceMicros", e.invoicedPriceMicros())
        .put("detail", e.detail())));
    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(new JsonObject()
        .put("carrier", carrier).put("month", invoice.month().toString()).put("lines", invoice.lines().size())
        .put("currency", sim.config().rates().currency()).put("seeded", seeded).encode());
  }

  private Invoice build(RoutingContext ctx, String carrier, String monthText) {
    YearMonth month;
    BillingErrors errors;
    try {
      month = YearMonth.parse(monthText);
      errors = errorsOf(ctx);
    } catch (DateTimeParseException e) {
      bad(ctx, "month '" + monthText + "' is not yyyy-mm, e.g. 2026-11");
      return null;
    } catch (IllegalArgumentException e) {
      bad(ctx, e.getMessage());
      return null;
    }
    return Invoice.build(carrier, month, sim.history().month(carrier, month), errors, sim.config().rates());
  }

  private BillingErrors errorsOf(RoutingContext ctx) {
    var q = ctx.queryParams();
    if (q.get("overcharge") == null && q.get("phantom") == null && q.get("rounding") == null && q.get("seed") == null) {
      return sim.config().invoiceErrors();
    }
    try {
      BillingErrors d = sim.config().invoiceErrors();
      return new BillingErrors(q.get("overcharge") == null ? 0 : Integer.parseInt(q.get("overcharge")),
          q.get("phantom") == null ? 0 : Integer.parseInt(q.get("phantom")),
          q.get("rounding") == null ? 0 : Integer.parseInt(q.get("rounding")),
          q.get("seed") == null ? d.seed() : Long.parseLong(q.get("seed")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("overcharge, phantom, rounding and seed are whole numbers");
    }
  }

  private static void bad(RoutingContext ctx, String message) {
    ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject().put("error", message).encode());
  }
}
