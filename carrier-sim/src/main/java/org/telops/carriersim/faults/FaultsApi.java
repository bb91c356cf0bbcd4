package org.telops.carriersim.faults;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.carriersim.CarrierSim;

/**
 * Switches faults on and off at run time (JSON):
 * <pre>
 * GET    /sim/faults                      → {"faults":[…]}
 * PUT    /sim/faults  {"carrier":"twilio","kind":"http-error","httpStatus":503,"durationSeconds":30}
 *                                         → 200 the fault (replaces one of the same carrier, kind, region)
 * DELETE /sim/faults[?carrier=&amp;kind=&amp;region=] → {"removed":n}
 * DELETE /sim/faults/{id}                 → 204, or 404
 * </pre>
 * Unauthenticated, like the rest of the sim's control plane: it is a test double bound to loopback.
 */
public final class FaultsApi {
  private static final Logger log = LoggerFactory.getLogger(FaultsApi.class);
  private final CarrierSim sim;

  public FaultsApi(CarrierSim sim) {
    this.sim = sim;
  }

  public void mount(Router router, String path) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(16 * 1024);
    router.get(path).handler(ctx -> json(ctx, 200, new JsonObject().put("faults", list())));
    router.put(path).handler(body).handler(this::put);
    router.post(path).handler(body).handler(this::put);
    router.delete(path).handler(this::clear);
    router.delete(path + "/:id").handler(ctx -> {
      if (sim.faults().remove(ctx.pathParam("id"))) {
        log.info("fault {} removed", ctx.pathParam("id"));
        ctx.response().setStatusCode(204).end();
      } else {
        json(ctx, 404, new JsonObject().put("error", "no active fault " + ctx.pathParam("id") + "; GET the faults to see them"));
      }
    });
  }

  private void put(RoutingContext ctx) {
    Fault fault;
    try {
      fault = parse(ctx.body().asJsonObject());
    } catch (DecodeException | ClassCastException | NullPointerException e) {
      json(ctx, 400, new JsonObject().put("error", "the body must be a JSON object like {\"carrier\":\"twilio\","
          + "\"kind\":\"http-error\",\"httpStatus\":503}"));
      return;
    } catch (IllegalArgumentException e) {
      json(ctx, 400, new JsonObject().put("error", e.getMessage()));
      return;
    }
    sim.faults().put(fault);
    log.info("fault {} on: {}", fault.id(), toJson(fault).encode());
    json(ctx, 200, toJson(fault));
  }

  private void clear(RoutingContext ctx) {
    try {
      String kind = ctx.queryParams().get("kind");
      int n = sim.faults().clear(ctx.queryParams().get("carrier"), kind == null ? null : FaultKind.parse(kind),
          ctx.queryParams().get("region"));
      log.info("{} fault(s) removed", n);
      json(ctx, 200, new JsonObject().put("removed", n));
    } catch (IllegalArgumentException e) {
      json(ctx, 400, new JsonObject().put("error", e.getMessage()));
    }
  }

  Fault parse(JsonObject b) {
    FaultKind kind = FaultKind.parse(b.getString("kind"));
    Number duration = (Number) b.getValue("durationSeconds");
    Instant expires = duration == null ? null : sim.clock().instant().plusMillis(Math.round(duration.doubleValue() * 1000));
    if (duration != null && duration.doubleValue() <= 0) {
      throw new IllegalArgumentException("durationSeconds " + duration + " must be > 0 (omit it for 'until deleted')");
    }
    String carrier = b.getString("carrier");
    if (carrier == null) {
      throw new IllegalArgumentException("carrier is required: twilio or telnyx");
    }
    return new Fault(sim.faults().nextId(), carrier.trim().toLowerCase(java.util.Locale.ROOT), b.getString("region"), kind,
        b.getInteger("httpStatus", 503), b.getInteger("retryAfterSeconds", 1), b.getInteger("delayMs", 5_000),
        b.getInteger("afterSeconds", 0), b.getString("direction", "agent-to-caller"), b.getString("leg", "agent"),
        b.getInteger("timeoutMs", 2_000), expires);
  }

  private JsonArray list() {
    JsonArray a = new JsonArray();
    sim.faults().list().forEach(f -> a.add(toJson(f)));
    return a;
  }

  static JsonObject toJson(Fault f) {
    JsonObject o = new JsonObject().put("id", f.id()).put("carrier", f.carrier()).put("region", f.region())
        .put("kind", f.kind().wire());
    switch (f.kind()) {
      case HTTP_ERROR -> o.put("httpStatus", f.httpStatus()).put("retryAfterSeconds", f.retryAfterSeconds());
      case SLOW_API -> o.put("delayMs", f.delayMs());
      case MEDIA_DROP -> o.put("afterSeconds", f.afterSeconds()).put("leg", f.leg());
      case ONE_WAY_AUDIO -> o.put("direction", f.direction());
      case WEBHOOK_TIMEOUT -> o.put("timeoutMs", f.timeoutMs());
      default -> { }
    }
    return o.put("expiresAt", f.expiresAt() == null ? null : f.expiresAt().toString());
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body.encode());
  }
}
