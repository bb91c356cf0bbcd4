package org.telops.runtime.routing;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's HTTP API: place an outbound call, list carriers with their state and health, and the
 * operator's overrides. An override is written to the audit log before it takes effect, so nothing
 * changes that the log does not show.
 */
public final class RouterApi {
  private static final Logger log = LoggerFactory.getLogger(RouterApi.class);

  private final Vertx vertx;
  private final CarrierRouter router;
  private final CarrierStore store;
  private final RouterConfig config;
  private final OutboundPolicy outbound;

  public RouterApi(Vertx vertx, CarrierRouter router, CarrierStore store, RouterConfig config) {
    this.vertx = vertx;
    this.router = router;
    this.store = store;
    this.config = config;
    this.outbound = OutboundPolicy.fromEnv(System.getenv());
  }

  public RouterApi(Vertx vertx, CarrierRouter router, CarrierStore store, RouterConfig config, java.util.Map<String, String> env) {
    this.vertx = vertx;
    this.router = router;
    this.store = store;
    this.config = config;
    this.outbound = OutboundPolicy.fromEnv(env);
  }

  public void mount(Router web) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(64 * 1024);
    // Who may call these routes (the platform's auth handler enforces it; see contracts/README.md).
    org.telops.contracts.auth.AccessRules.of(web)
        .require(io.vertx.core.http.HttpMethod.POST, "/api/v1/calls", org.telops.contracts.auth.Role.ON_CALL)
        .require(io.vertx.core.http.HttpMethod.GET, "/api/v1/carriers", org.telops.contracts.auth.Role.ANY)
        .require(io.vertx.core.http.HttpMethod.POST, "/api/v1/carriers/:name/:action", org.telops.contracts.auth.Role.ON_CALL);
    web.post("/api/v1/calls").handler(body).handler(this::placeCall);
    web.get("/api/v1/carriers").handler(this::listCarriers);
    web.post("/api/v1/carriers/:name/:action").handler(body).handler(this::override);
  }

  private void placeCall(RoutingContext ctx) {
    JsonObject in = jsonBody(ctx);
    if (in == null) {
      return;
    }
    Map<String, String> fields = new HashMap<>();
    for (String f : new String[] {"to", "from", "tenant", "agent", "region"}) {
      Object v = in.getValue(f);
      if (v != null && !(v instanceof String)) {
        error(ctx, 400, f + ": must be a string", f);
        return;
      }
      fields.put(f, (String) v);
    }
    CallRequest req;
    try {
      req = CallRequest.of(fields, "api");
    } catch (CallRequest.InvalidField e) {
      error(ctx, 400, e.getMessage(), e.field());
      return;
    }
    // Under the platform's access control (not in a module's own tests) operator calls pass the toll-fraud guard.
    if (org.telops.contracts.auth.RequestActor.authenticated(ctx)) {
      OutboundPolicy.Refusal no = outbound.check(org.telops.contracts.auth.RequestActor.of(ctx).name(), req.to(), req.from(),
          System.currentTimeMillis());
      if (no != null) {
        error(ctx, no.status(), no.message(), null);
        return;
      }
    }
    router.place(req).onComplete(ar -> {
      if (ar.succeeded()) {
        CarrierRouter.RoutedCall c = ar.result();
        ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("callId", c.callId()).put("carrier", c.carrier())
                .put("carrierCallId", c.carrierCallId()).put("failedOver", c.attempts().size() > 1)
                .put("queuedMs", c.queuedMs()).put("attempts", attempts(c.attempts())).encode());
      } else if (ar.cause() instanceof CarrierRouter.RoutingFailure f) {
        if (f.retryAfterMs > 0) {
          ctx.response().putHeader("Retry-After", String.valueOf(Math.max(1, (f.retryAfterMs + 999) / 1000)));
        }
        ctx.response().setStatusCode(f.httpStatus).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("error", f.getMessage()).put("retryAfterMs", f.retryAfterMs)
                .put("attempts", attempts(f.attempts)).encode());
      } else {
        log.error("placing a call failed unexpectedly", ar.cause());
        error(ctx, 500, "placing the call failed: " + ar.cause(), null);
      }
    });
  }

  private static JsonArray attempts(java.util.List<CarrierRouter.Attempt> list) {
    JsonArray a = new JsonArray();
    for (CarrierRouter.Attempt at : list) {
      JsonObject o = new JsonObject().put("carrier", at.carrier()).put("outcome", at.outcome()).put("ms", at.ms());
      if (at.error() != null) {
        o.put("error", at.error());
      }
      a.add(o);
    }
    return a;
  }

  private void listCarriers(RoutingContext ctx) {
    JsonArray carriers = new JsonArray();
    for (CarrierBoard.Status s : router.board().all()) {
      carriers.add(CarrierJson.status(s, router, config));
    }
    JsonArray removed = new JsonArray();
    router.board().removedRegions().forEach((k, why) -> {
      String[] parts = k.split("\\|", 2);
      removed.add(new JsonObject().put("carrier", "*".equals(parts[0]) ? null : parts[0]).put("region", parts[1])
          .put("reason", why));
    });
    ctx.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("carriers", carriers).put("removedRegions", removed).encode());
  }

  private void override(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    String action = ctx.pathParam("action");
    if (!router.board().knows(name)) {
      error(ctx, 404, "unknown carrier '" + name + "': this router has " + String.join(", ", router.board().carriers()), null);
      return;
    }
    if (!action.equals("force-open") && !action.equals("drain") && !action.equals("restore")) {
      error(ctx, 404, "unknown action '" + action + "': use force-open, drain or restore", null);
      return;
    }
    JsonObject in = jsonBody(ctx);
    if (in == null) {
      return;
    }
    // The author is the authenticated caller; a "by" in the body counts only without the platform's auth handler.
    String by = org.telops.contracts.auth.RequestActor.authorName(ctx, in.getValue("by") instanceof String s ? s.trim() : null);
    String reason = in.getValue("reason") instanceof String s ? s.trim() : null;
    if (by == null || by.isEmpty() || by.length() > 200) {
      error(ctx, 400, "by: required — who is acting (your login), up to 200 characters", "by");
      return;
    }
    if (reason == null || reason.isEmpty() || reason.length() > 2000) {
      error(ctx, 400, "reason: required — why (e.g. \"carrier incident #123\"), up to 2000 characters", "reason");
      return;
    }
    CarrierBoard.Status before = router.board().status(name);
    JsonObject details = new JsonObject().put("modeBefore", before.mode().wire()).put("circuitBefore", before.circuit().wire())
        .put("inFlight", router.inFlight().count(name));
    vertx.executeBlocking(() -> {
      store.audit(by, "carrier." + action, name, reason, details.encode());
      return null;
    }, false).onComplete(ar -> {
      if (ar.failed()) {
        log.error("carrier {} {} by {} refused: the audit entry could not be written: {}", name, action, by,
            ar.cause().getMessage());
        error(ctx, 503, "carrier " + name + " unchanged: the audit entry could not be written ("
            + ar.cause().getMessage() + ") — retry when the database answers", null);
        return;
      }
      StateChange ch = switch (action) {
        case "force-open" -> router.forceOpen(name, by, reason, "manual", null);
        case "drain" -> router.drain(name, by, reason, "manual", null);
        default -> router.restore(name, by, reason, "manual", null);
      };
      ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("message", ch.message())
          .put("carrier", CarrierJson.status(router.board().status(name), router, config)).encode());
    });
  }

  private static JsonObject jsonBody(RoutingContext ctx) {
    try {
      JsonObject o = ctx.body().asJsonObject();
      if (o == null) {
        error(ctx, 400, "the body must be a JSON object", null);
      }
      return o;
    } catch (DecodeException | ClassCastException e) {
      error(ctx, 400, "the body is not a JSON object: " + e.getMessage(), null);
      return null;
    }
  }

  static void error(RoutingContext ctx, int status, String message, String field) {
    JsonObject o = new JsonObject().put("error", message);
    if (field != null) {
      o.put("field", field);
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(o.encode());
  }
}
