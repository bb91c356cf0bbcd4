package org.telops.platform.access;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.telops.contracts.auth.AccessRules;
import org.telops.contracts.auth.OperatorAddresses;
import org.telops.contracts.auth.OperatorOps;
import org.telops.contracts.auth.RequestActor;
import org.telops.contracts.auth.Role;

/**
 * REST for users, tokens and the audit log: thin callers of the bus operations ({@link AccessOperations}).
 *
 * <pre>
 * POST   /api/v1/users          admin  {"name","role","password"}                       → 201 user
 * GET    /api/v1/users          admin                                                    → {"users":[…]}
 * PATCH  /api/v1/users/{name}   admin, or the user for their own password {"password","currentPassword"}
 * POST   /api/v1/tokens         admin  {"name","role","expiresInDays"?}                  → 201 {"token" (shown once),…}
 * GET    /api/v1/tokens         admin                                                    → {"tokens":[…]} (no secrets)
 * DELETE /api/v1/tokens/{name}  admin                                                    → {"revoked":name}
 * GET    /api/v1/audit?from=&amp;to=&amp;actor=&amp;action=&amp;limit=&amp;format=csv   admin
 * </pre>
 */
final class AccessApi {
  private final Vertx vertx;

  AccessApi(Vertx vertx) {
    this.vertx = vertx;
  }

  void mount(Router router) {
    AccessRules rules = AccessRules.of(router);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(64 * 1024);
    rules.route(router, HttpMethod.POST, "/api/v1/users", Role.ADMIN).handler(body)
        .handler(ctx -> call(ctx, 201, OperatorAddresses.USER_ADD, json(ctx)));
    rules.route(router, HttpMethod.GET, "/api/v1/users", Role.ADMIN)
        .handler(ctx -> call(ctx, 200, OperatorAddresses.USER_LIST, new JsonObject()));
    rules.route(router, HttpMethod.PATCH, "/api/v1/users/:name", Role.ANY).handler(body).handler(ctx -> {
      JsonObject in = json(ctx);
      call(ctx, 200, OperatorAddresses.USER_UPDATE, in == null ? null : in.put("name", ctx.pathParam("name")));
    });
    rules.route(router, HttpMethod.PATCH, "/api/v1/users", Role.ANY).handler(body)
        .handler(ctx -> call(ctx, 200, OperatorAddresses.USER_UPDATE, json(ctx)));
    rules.route(router, HttpMethod.POST, "/api/v1/tokens", Role.ADMIN).handler(body)
        .handler(ctx -> call(ctx, 201, OperatorAddresses.TOKEN_CREATE, json(ctx)));
    rules.route(router, HttpMethod.GET, "/api/v1/tokens", Role.ADMIN)
        .handler(ctx -> call(ctx, 200, OperatorAddresses.TOKEN_LIST, new JsonObject()));
    rules.route(router, HttpMethod.DELETE, "/api/v1/tokens/:name", Role.ADMIN)
        .handler(ctx -> call(ctx, 200, OperatorAddresses.TOKEN_REVOKE, new JsonObject().put("name", ctx.pathParam("name"))));
    rules.route(router, HttpMethod.GET, "/api/v1/audit", Role.ADMIN).handler(this::audit);
  }

  private void audit(RoutingContext ctx) {
    JsonObject q = new JsonObject();
    for (String p : new String[] {"from", "to", "actor", "action", "limit"}) {
      String v = ctx.request().getParam(p);
      if (v != null && !v.isBlank()) {
        q.put(p, v);
      }
    }
    String format = ctx.request().getParam("format");
    Future<JsonObject> reply = OperatorOps.request(vertx, OperatorAddresses.AUDIT_QUERY, RequestActor.of(ctx), q);
    if (!"csv".equalsIgnoreCase(format)) {
      OperatorOps.respond(ctx, 200, reply);
      return;
    }
    reply.onSuccess(r -> ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"audit.csv\"").end(AuditCsv.of(r.getJsonArray("entries"))));
    reply.onFailure(e -> OperatorOps.respond(ctx, 200, reply));
  }

  private void call(RoutingContext ctx, int status, String address, JsonObject body) {
    if (body != null) {
      OperatorOps.respond(ctx, status, OperatorOps.request(vertx, address, RequestActor.of(ctx), body));
    }
  }

  /** The request's JSON object, or null after answering 400. */
  static JsonObject json(RoutingContext ctx) {
    try {
      JsonObject o = ctx.body().asJsonObject();
      if (o != null) {
        return o;
      }
      bad(ctx, "a JSON object body is required");
    } catch (DecodeException | ClassCastException e) {
      bad(ctx, "body is not a JSON object: " + e.getMessage());
    }
    return null;
  }

  private static void bad(RoutingContext ctx, String message) {
    ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", message).encode());
  }
}
