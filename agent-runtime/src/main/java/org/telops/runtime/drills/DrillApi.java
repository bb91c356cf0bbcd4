package org.telops.runtime.drills;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.sql.SQLException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.runtime.routing.CarrierRouter;
import org.telops.runtime.routing.CarrierStore;

/**
 * {@code POST /api/v1/drills} (create), {@code GET /api/v1/drills}, {@code POST /api/v1/drills/{id}/run}
 * (on demand), {@code POST /api/v1/drills/{id}/abort}, {@code GET /api/v1/drills/{id}/runs}. Creating,
 * running and aborting name who ({@code by}) and are audited.
 */
public final class DrillApi {
  private static final Logger log = LoggerFactory.getLogger(DrillApi.class);

  private final Vertx vertx;
  private final DrillService drills;
  private final DrillStore store;
  private final CarrierStore audit;
  private final CarrierRouter router;
  private final DrillConfig config;

  public DrillApi(Vertx vertx, DrillService drills, DrillStore store, CarrierStore audit, CarrierRouter router,
                  DrillConfig config) {
    this.vertx = vertx;
    this.drills = drills;
    this.store = store;
    this.audit = audit;
    this.router = router;
    this.config = config;
  }

  public void mount(Router web) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(64 * 1024);
    // Who may call these routes (the platform's auth handler enforces it; see contracts/README.md).
    org.telops.contracts.auth.AccessRules.of(web)
        .require(io.vertx.core.http.HttpMethod.POST, "/api/v1/drills", org.telops.contracts.auth.Role.ADMIN)
        .require(io.vertx.core.http.HttpMethod.GET, "/api/v1/drills", org.telops.contracts.auth.Role.ANY)
        .require(io.vertx.core.http.HttpMethod.POST, "/api/v1/drills/:id/run", org.telops.contracts.auth.Role.ON_CALL)
        .require(io.vertx.core.http.HttpMethod.POST, "/api/v1/drills/:id/abort", org.telops.contracts.auth.Role.ON_CALL)
        .require(io.vertx.core.http.HttpMethod.GET, "/api/v1/drills/:id/runs", org.telops.contracts.auth.Role.ANY);
    web.post("/api/v1/drills").handler(body).handler(this::create);
    web.get("/api/v1/drills").handler(this::list);
    web.post("/api/v1/drills/:id/run").handler(body).handler(ctx -> runOrAbort(ctx, true));
    web.post("/api/v1/drills/:id/abort").handler(body).handler(ctx -> runOrAbort(ctx, false));
    web.get("/api/v1/drills/:id/runs").handler(this::runs);
  }

  private void create(RoutingContext ctx) {
    JsonObject in = body(ctx);
    if (in == null) {
      return;
    }
    // The author is the authenticated caller; a "by" in the body counts only without the platform's auth handler.
    in.put("by", org.telops.contracts.auth.RequestActor.authorName(ctx, in.getValue("by") instanceof String s ? s : null));
    DrillDefinition d;
    try {
      d = parse(in);
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage());
      return;
    }
    vertx.executeBlocking(() -> {
      DrillDefinition stored = store.insert(d);
      audit.audit(d.createdBy(), "drill.create", d.name(), "created", DrillJson.definition(stored, null).encode());
      return stored;
    }, false).onComplete(ar -> {
      if (ar.succeeded()) {
        json(ctx, 201, DrillJson.definition(ar.result(), DrillService.nextRun(ar.result(), Instant.now())));
      } else if (ar.cause() instanceof SQLException s && "23505".equals(s.getSQLState())) {
        error(ctx, 409, "a drill named '" + d.name() + "' exists: choose another name");
      } else {
        failed(ctx, "creating the drill", ar.cause());
      }
    });
  }

  /** Reads a drill from the API body; throws {@link IllegalArgumentException} naming the field. */
  DrillDefinition parse(JsonObject in) {
    for (String f : in.fieldNames()) {
      if (!DrillJson.DEFINITION_FIELDS.contains(f)) {
        throw new IllegalArgumentException(f + ": unknown field (known: " + String.join(", ", DrillJson.DEFINITION_FIELDS) + ")");
      }
    }
    String name = string(in, "name", true);
    String by = string(in, "by", true);
    String target = string(in, "targetCarrier", true);
    if (!router.board().knows(target)) {
      throw new IllegalArgumentException("targetCarrier: '" + target + "' is not a carrier of this router ("
          + String.join(", ", router.board().carriers()) + ")");
    }
    DrillFault fault = DrillFault.parse(string(in, "fault", true));
    Object dur = in.getValue("durationSeconds");
    if (!(dur instanceof Number n) || n.intValue() < 1 || n.intValue() > 3600 || n.doubleValue() != n.intValue()) {
      throw new IllegalArgumentException("durationSeconds: required, a whole number from 1 to 3600");
    }
    String schedule = in.containsKey("schedule") ? string(in, "schedule", false) : "@monthly";
    if (schedule == null || schedule.equalsIgnoreCase("manual")) {
      schedule = null;
    } else {
      schedule = DrillSchedule.parse(schedule).spec();
    }
    String windowText = string(in, "window", false);
    DrillWindow window = windowText == null ? config.window() : DrillWindow.parse("window", windowText);
    Object criteria = in.getValue("criteria");
    Object plan = in.getValue("plan");
    if (criteria != null && !(criteria instanceof JsonObject) || plan != null && !(plan instanceof JsonObject)) {
      throw new IllegalArgumentException((criteria != null && !(criteria instanceof JsonObject) ? "criteria" : "plan")
          + ": must be a JSON object");
    }
    DrillDefinition d = new DrillDefinition(0, name, target, fault, ((Number) dur).intValue(),
        DrillJson.criteria((JsonObject) criteria), schedule, window, DrillJson.plan((JsonObject) plan, config),
        !Boolean.FALSE.equals(in.getValue("enabled")), by, Instant.now());
    if (schedule != null && DrillService.nextRun(d, Instant.now()) == null) {
      throw new IllegalArgumentException("schedule: '" + schedule + "' never falls inside the window " + window.spec()
          + " — move one or the other");
    }
    return d;
  }

  private void list(RoutingContext ctx) {
    vertx.executeBlocking(() -> store.list(config.window()), false).onComplete(ar -> {
      if (ar.failed()) {
        failed(ctx, "listing drills", ar.cause());
        return;
      }
      JsonArray out = new JsonArray();
      Instant now = Instant.now();
      DrillRun running = drills.current();
      for (DrillStore.Listed l : ar.result()) {
        JsonObject o = DrillJson.definition(l.drill(), DrillService.nextRun(l.drill(), now));
        if (l.lastRunId() != null) {
          o.put("lastRun", new JsonObject().put("runId", l.lastRunId()).put("status", l.lastRunStatus())
              .put("startedAt", l.lastRunStartedAt().toString()));
        }
        o.put("runningHere", running != null && running.drill().id() == l.drill().id());
        out.add(o);
      }
      json(ctx, 200, new JsonObject().put("drills", out).put("faultMode", config.faultMode())
          .put("defaultWindow", config.window().spec()));
    });
  }

  private void runOrAbort(RoutingContext ctx, boolean run) {
    Long id = id(ctx);
    JsonObject in = id == null ? null : body(ctx);
    if (in == null) {
      return;
    }
    String by;
    String reason;
    in.put("by", org.telops.contracts.auth.RequestActor.authorName(ctx, in.getValue("by") instanceof String s ? s : null));
    try {
      by = string(in, "by", true);
      reason = string(in, "reason", true);
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage() + " — name who acts and why");
      return;
    }
    (run ? drills.run(id, by, reason) : drills.abort(id, by, reason)).onComplete(ar -> {
      if (ar.succeeded()) {
        json(ctx, run ? 202 : 200, new JsonObject().put("drillId", id).put("runId", ar.result())
            .put("status", run ? "running" : "aborting").put("runs", "/api/v1/drills/" + id + "/runs"));
      } else if (ar.cause() instanceof DrillService.Refused r) {
        error(ctx, r.httpStatus, r.getMessage());
      } else {
        failed(ctx, run ? "starting the drill" : "aborting the drill", ar.cause());
      }
    });
  }

  private void runs(RoutingContext ctx) {
    Long id = id(ctx);
    if (id == null) {
      return;
    }
    vertx.executeBlocking(() -> store.runs(id, 50), false).onComplete(ar -> {
      if (ar.failed()) {
        failed(ctx, "listing drill runs", ar.cause());
      } else {
        json(ctx, 200, new JsonObject().put("drillId", id).put("runs", ar.result()));
      }
    });
  }

  private static Long id(RoutingContext ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      error(ctx, 404, "no drill '" + ctx.pathParam("id") + "': ids are numbers (GET /api/v1/drills)");
      return null;
    }
  }

  private static String string(JsonObject in, String field, boolean required) {
    Object v = in.getValue(field);
    if (v == null || v instanceof String s && s.isBlank()) {
      if (required) {
        throw new IllegalArgumentException(field + ": required");
      }
      return null;
    }
    if (!(v instanceof String s) || s.length() > 2000) {
      throw new IllegalArgumentException(field + ": must be a string of up to 2000 characters");
    }
    return s.trim();
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject o = ctx.body().asJsonObject();
      if (o == null) {
        error(ctx, 400, "the body must be a JSON object");
      }
      return o;
    } catch (DecodeException | ClassCastException e) {
      error(ctx, 400, "the body is not a JSON object: " + e.getMessage());
      return null;
    }
  }

  private static void failed(RoutingContext ctx, String what, Throwable t) {
    log.error("{} failed", what, t);
    error(ctx, 503, what + " failed: " + t.getMessage() + " — retry when the database answers");
  }

  private static void json(RoutingContext ctx, int status, JsonObject o) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(o.encode());
  }

  private static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, new JsonObject().put("error", message));
  }
}
