package org.telops.cdr.billing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.telops.cdr.billing.invoice.CsvLineException;
import org.telops.cdr.billing.invoice.InvoiceFormat;
import org.telops.cdr.billing.reconcile.ItemClass;

/**
 * The billing routes (role finance or admin; see the README). Thin: parses the request, runs the
 * {@link BillingService} operation on a worker thread, writes JSON. CSV bodies are streamed to a temporary
 * file first (constant memory for any size), then imported from it.
 */
public final class BillingApi {
  private final Vertx vertx;
  private final BillingService billing;

  public BillingApi(Vertx vertx, BillingService billing) {
    this.vertx = vertx;
    this.billing = billing;
  }

  public void mount(Router router) {
    // Who may call these routes (the platform's auth handler enforces it; see contracts/README.md): finance (admin ⊇ all).
    org.telops.contracts.auth.AccessRules rules = org.telops.contracts.auth.AccessRules.of(router);
    for (String[] r : new String[][] {
        {"POST", "/api/v1/billing/rates"}, {"GET", "/api/v1/billing/rates"},
        {"POST", "/api/v1/billing/invoices/fetch"}, {"POST", "/api/v1/billing/invoices"}, {"GET", "/api/v1/billing/invoices"},
        {"GET", "/api/v1/billing/reconciliations/:carrier/:period"},
        {"POST", "/api/v1/billing/reconciliations/:carrier/:period/run"},
        {"POST", "/api/v1/billing/rerate"}, {"GET", "/api/v1/billing/rerate/:id"}}) {
      rules.require(io.vertx.core.http.HttpMethod.valueOf(r[0]), r[1], org.telops.contracts.auth.Role.FINANCE);
    }
    router.post("/api/v1/billing/rates").handler(ctx -> upload(ctx, "rates"));
    router.get("/api/v1/billing/rates").handler(ctx -> json(ctx, 200, () -> {
      JsonArray a = new JsonArray();
      billing.rates().forEach(r -> a.add(BillingJson.rate(r)));
      return new JsonObject().put("rates", a);
    }));
    router.post("/api/v1/billing/invoices/fetch").handler(this::fetch);
    router.post("/api/v1/billing/invoices").handler(ctx -> upload(ctx, "invoice"));
    router.get("/api/v1/billing/invoices").handler(ctx -> json(ctx, 200, () -> {
      JsonArray a = new JsonArray();
      billing.months().forEach(m -> a.add(BillingJson.month(m)));
      JsonObject running = new JsonObject();
      billing.importsInProgress().forEach(running::put);
      return new JsonObject().put("invoices", a).put("importing", running);
    }));
    router.get("/api/v1/billing/reconciliations/:carrier/:period").handler(this::reconciliation);
    router.post("/api/v1/billing/reconciliations/:carrier/:period/run").handler(ctx -> json(ctx, 200, () -> {
      String carrier = carrier(ctx.pathParam("carrier"));
      YearMonth p = period(ctx.pathParam("period"));
      long items = billing.reconcile(carrier, p, actor(ctx));
      return BillingJson.summary(billing.summary(carrier, p), billing.items(carrier, p, null, 0, 0)).put("itemsWritten", items);
    }));
    router.post("/api/v1/billing/rerate").handler(BodyHandler.create(false).setBodyLimit(64 * 1024)).handler(ctx ->
        json(ctx, 202, () -> {
          JsonObject b = ctx.body().asJsonObject();
          if (b == null) {
            throw new IllegalArgumentException("body must be JSON {\"from\":ISO time,\"to\":ISO time,\"carrier\":optional}");
          }
          long id = billing.startRerate(instant(b, "from"), instant(b, "to"), b.getString("carrier"), actor(ctx));
          return BillingJson.job(billing.rerateStatus(id));
        }));
    router.get("/api/v1/billing/rerate/:id").handler(ctx -> json(ctx, 200,
        () -> BillingJson.job(billing.rerateStatus(Long.parseLong(ctx.pathParam("id"))))));
  }

  private void upload(RoutingContext ctx, String what) {
    String carrier;
    YearMonth period;
    try {
      carrier = what.equals("invoice") ? carrier(ctx.queryParams().get("carrier")) : null;
      period = what.equals("invoice") ? period(ctx.queryParams().get("period")) : null;
    } catch (IllegalArgumentException e) {
      error(ctx.response(), 400, e.getMessage());
      return;
    }
    boolean replace = "true".equals(ctx.queryParams().get("replace"));
    String actor = actor(ctx);
    ctx.request().pause();
    vertx.fileSystem().createTempFile("telops-billing-", ".csv").compose(path -> vertx.fileSystem()
        .open(path, new OpenOptions().setWrite(true)).compose(file -> ctx.request().pipeTo(file)).map(v -> path))
        .onFailure(t -> error(ctx.response(), 400, "upload failed: " + t.getMessage()))
        .onSuccess(path -> json(ctx, -1, () -> {
          try (InputStream in = Files.newInputStream(Path.of(path))) {
            if (what.equals("rates")) {
              var r = billing.importRates(in, "api upload", actor);
              ctx.response().setStatusCode(201);
              return new JsonObject().put("version", r.version()).put("rows", r.rows()).put("closedRows", r.closed())
                  .put("sha256", r.sha256());
            }
            var r = billing.importInvoice(carrier, period, in, "api upload", actor, replace);
            ctx.response().setStatusCode(switch (r.status()) {
              case "created" -> 201;
              case "duplicate" -> 200;
              default -> 409;
            });
            return BillingJson.imported(r);
          } finally {
            Files.deleteIfExists(Path.of(path));
          }
        }));
  }

  private void fetch(RoutingContext ctx) {
    json(ctx, 201, () -> BillingJson.imported(billing.fetchLocalInvoice(carrier(ctx.queryParams().get("carrier")),
        ctx.queryParams().get("period") == null ? YearMonth.now(java.time.ZoneOffset.UTC)
            : period(ctx.queryParams().get("period")), actor(ctx))));
  }

  private void reconciliation(RoutingContext ctx) {
    String format = ctx.queryParams().get("format");
    if ("csv".equals(format)) {
      vertx.executeBlocking(() -> {
        String carrier = carrier(ctx.pathParam("carrier"));
        YearMonth p = period(ctx.pathParam("period"));
        StringWriter w = new StringWriter(); // disputed lines only: small next to the invoice
        billing.disputeCsv(carrier, p, w);
        return w.toString();
      }, false).onSuccess(csv -> ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8; header=present")
          .putHeader("Content-Disposition", "attachment; filename=\"dispute-" + ctx.pathParam("carrier") + "-"
              + ctx.pathParam("period") + ".csv\"").end(csv))
          .onFailure(t -> failed(ctx, t));
      return;
    }
    json(ctx, 200, () -> {
      String carrier = carrier(ctx.pathParam("carrier"));
      YearMonth p = period(ctx.pathParam("period"));
      String kind = ctx.queryParams().get("class");
      int limit = Math.min(10_000, Integer.parseInt(ctx.queryParams().get("limit") == null ? "1000" : ctx.queryParams().get("limit")));
      long offset = Long.parseLong(ctx.queryParams().get("offset") == null ? "0" : ctx.queryParams().get("offset"));
      return BillingJson.summary(billing.summary(carrier, p),
          billing.items(carrier, p, kind == null ? null : ItemClass.of(kind), limit, offset));
    });
  }

  private void json(RoutingContext ctx, int status, Callable<JsonObject> op) {
    Future<JsonObject> f = vertx.executeBlocking(op, false);
    f.onSuccess(body -> {
      HttpServerResponse r = ctx.response();
      if (status > 0) {
        r.setStatusCode(status);
      }
      r.putHeader("Content-Type", "application/json; charset=utf-8").end(body.encode());
    }).onFailure(t -> failed(ctx, t));
  }

  private static void failed(RoutingContext ctx, Throwable t) {
    if (t instanceof BillingService.NoInvoiceException) {
      error(ctx.response(), 404, t.getMessage());
    } else if (t instanceof CsvLineException e) {
      error(ctx.response(), 400, e.getMessage() + " — nothing of this file was stored; fix the line and upload again",
          new JsonObject().put("line", e.line()).put("column", e.column()));
    } else if (t instanceof IllegalArgumentException) {
      error(ctx.response(), 400, t.getMessage());
    } else {
      org.slf4j.LoggerFactory.getLogger(BillingApi.class).error("billing request failed", t);
      error(ctx.response(), 500, "billing operation failed: " + t.getMessage());
    }
  }

  private static void error(HttpServerResponse r, int status, String message) {
    error(r, status, message, new JsonObject());
  }

  private static void error(HttpServerResponse r, int status, String message, JsonObject extra) {
    if (!r.ended()) {
      r.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
          .end(extra.put("error", message).encode());
    }
  }

  static String carrier(String text) {
    return InvoiceFormat.of(text).carrier();
  }

  static YearMonth period(String text) {
    try {
      return YearMonth.parse(text == null ? "" : text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("period '" + text + "' is not YYYY-MM, e.g. 2026-11");
    }
  }

  private static Instant instant(JsonObject b, String key) {
    try {
      return Instant.parse(b.getString(key, ""));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(key + " '" + b.getString(key) + "' is not an ISO 8601 time like 2026-11-01T00:00:00Z");
    }
  }

  /** The authenticated user once access control is in place; "api" until then. */
  /** The authenticated caller's name (issue 15's auth handler), never a name the request claims. */
  private static String actor(RoutingContext ctx) {
    return org.telops.contracts.auth.RequestActor.authorName(ctx, "api");
  }
}
