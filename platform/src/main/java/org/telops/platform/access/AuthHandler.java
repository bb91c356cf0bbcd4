package org.telops.platform.access;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.auth.AccessRules;
import org.telops.contracts.auth.Actor;
import org.telops.contracts.auth.RequestActor;
import org.telops.contracts.auth.Role;

/**
 * Runs before every route. Open routes (carrier webhooks and media, health) pass; everything under a
 * protected prefix, or with a rule, needs {@code Authorization: Bearer <token>}: 401 without a valid one
 * (JSON, {@code WWW-Authenticate: Bearer}), 403 naming the role needed. State-changing requests must send
 * JSON (or CSV where a route takes CSV): 415 otherwise, so a cross-site form post never reaches a handler.
 * No CORS headers are sent, so browsers refuse cross-origin reads.
 */
final class AuthHandler implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger(AuthHandler.class);

  private final Vertx vertx;
  private final AccessRules rules;
  private final TokenStore tokens;
  private final byte[] adminTokenHash;
  private final byte[] internalTokenHash;

  AuthHandler(Vertx vertx, AccessRules rules, TokenStore tokens, String adminToken, String internalToken) {
    this.vertx = vertx;
    this.rules = rules;
    this.tokens = tokens;
    this.adminTokenHash = adminToken == null ? null : sha256(adminToken);
    this.internalTokenHash = internalToken == null ? null : sha256(internalToken);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    Optional<AccessRules.Rule> rule = rules.match(ctx.request().method(), path);
    if (rule.map(AccessRules.Rule::open).orElse(false) || rule.isEmpty() && !AccessRules.isProtected(path)) {
      ctx.next();
      return;
    }
    // A protected path without a rule answers only to admins (fail closed); the route-walk test catches it.
    Role needed = rule.isPresent() ? rule.get().role() : Role.ADMIN;
    String header = ctx.request().getHeader("Authorization");
    String remote = ctx.request().remoteAddress() == null ? "-" : ctx.request().remoteAddress().hostAddress();
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      unauthorized(ctx, null, "send Authorization: Bearer <token> (create one with 'telops tokens create' or POST /api/v1/tokens)");
      return;
    }
    String secret = header.substring(7).trim();
    byte[] h = sha256(secret);
    if (adminTokenHash != null && MessageDigest.isEqual(h, adminTokenHash)) {
      admit(ctx, new Actor("admin-token", Role.ADMIN, Actor.Kind.TOKEN, remote), needed);
      return;
    }
    if (internalTokenHash != null && MessageDigest.isEqual(h, internalTokenHash)) {
      admit(ctx, internalActor(ctx, remote), needed);
      return;
    }
    // The body must wait for the route's BodyHandler: hold it while the token is looked up off the loop.
    ctx.request().pause();
    vertx.executeBlocking(() -> tokens.authenticate(secret, remote), false).onComplete(ar -> {
      if (ar.failed()) {
        log.error("token check failed", ar.cause());
        error(ctx, 503, "cannot check the token now (database unavailable); retry shortly");
      } else if (ar.result().isEmpty()) {
        unauthorized(ctx, "invalid_token", "the token is unknown, revoked or expired");
      } else {
        admit(ctx, ar.result().get(), needed);
      }
    });
  }

  /** The internal token acts for the actor a bus operation carried (ModuleOperations), else as the system. */
  private static Actor internalActor(RoutingContext ctx, String remote) {
    String name = ctx.request().getHeader(ModuleOperations.ACTOR);
    String role = ctx.request().getHeader(ModuleOperations.ACTOR_ROLE);
    if (name == null || role == null) {
      return new Actor("system:internal", Role.ADMIN, Actor.Kind.SYSTEM, remote);
    }
    String kind = ctx.request().getHeader(ModuleOperations.ACTOR_KIND);
    return new Actor(name, Role.parse(role), kind == null ? Actor.Kind.SYSTEM : Actor.Kind.parse(kind),
        ctx.request().getHeader(ModuleOperations.ACTOR_SOURCE));
  }

  private void admit(RoutingContext ctx, Actor actor, Role needed) {
    if (!actor.role().allows(needed)) {
      error(ctx, 403, "role '" + needed.wireName() + "' needed for " + ctx.request().method() + " "
          + ctx.normalizedPath() + "; '" + actor.name() + "' has role '" + actor.role().wireName() + "'");
      return;
    }
    HttpMethod m = ctx.request().method();
    if (m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH) {
      String type = ctx.request().getHeader("Content-Type");
      String t = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
      if (!(t.startsWith("application/json") || t.startsWith("text/csv") || t.startsWith("application/x-ndjson"))) {
        error(ctx, 415, "Content-Type '" + (type == null ? "(none)" : type) + "' refused for " + m + " "
            + ctx.normalizedPath() + ": send application/json (text/csv for CSV uploads)");
        return;
      }
    }
    RequestActor.set(ctx, actor);
    ctx.next();
    if (!ctx.request().isEnded()) {
      ctx.request().resume();
    }
  }

  private static void unauthorized(RoutingContext ctx, String errorCode, String message) {
    ctx.response().putHeader("WWW-Authenticate",
        "Bearer realm=\"telops\"" + (errorCode == null ? "" : ", error=\"" + errorCode + "\""));
    error(ctx, 401, message);
  }

  private static void error(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", message).encode());
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
