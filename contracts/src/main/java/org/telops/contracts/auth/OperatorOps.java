package org.telops.contracts.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serving and calling the operator actions of {@link OperatorAddresses}. The serving side checks the role,
 * runs the operation and writes exactly one audit row (ok, denied or failed); the calling side (a REST
 * handler, the admin UI) sends the actor along and maps the reply back to HTTP.
 *
 * <pre>{@code
 * // module start: the one implementation
 * OperatorOps.serve(vertx, OperatorAddresses.CARRIER_OVERRIDE, Role.ON_CALL, audit, "carrier.override",
 *     body -> body.getString("carrier"), (actor, body) -> overrides.apply(actor, body));
 * // REST handler: a thin caller
 * OperatorOps.respond(ctx, 200, OperatorOps.request(vertx, OperatorAddresses.CARRIER_OVERRIDE,
 *     RequestActor.of(ctx), new JsonObject().put("carrier", name).put("action", action)));
 * }</pre>
 */
public final class OperatorOps {
  private static final Logger log = LoggerFactory.getLogger(OperatorOps.class);

  private OperatorOps() {}

  /** The work of one operation. Fail with {@link Failure} to choose the status; any other failure is a 500. */
  @FunctionalInterface
  public interface Operation {
    Future<Done> run(Actor actor, JsonObject body);
  }

  /**
   * What an operation did: the reply body and, for the audit row, the action (null = the one given to
   * {@link #serve}), the target and the reason.
   */
  public record Done(JsonObject reply, String action, String target, String reason) {
    public static Done of(JsonObject reply, String target) {
      return new Done(reply, null, target, null);
    }
  }

  /** An operation's refusal with an HTTP status (400 bad input, 404 unknown, 409 conflict, 429 throttled). */
  public static final class Failure extends RuntimeException {
    private final int status;

    public Failure(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /**
   * Registers the operation at {@code address} (a local consumer on every node: on the clustered bus a
   * request reaches one of them). {@code audit == null} means the operation is a read that is not audited.
   */
  public static MessageConsumer<JsonObject> serve(Vertx vertx, String address, Role needed, AuditLog audit,
                                                  String action, Function<JsonObject, String> target, Operation op) {
    return vertx.eventBus().<JsonObject>consumer(address, msg -> {
      Actor actor = ActorHeaders.from(msg);
      if (actor == null) {
        msg.fail(401, "no authenticated actor on this request (" + ActorHeaders.NAME + " and " + ActorHeaders.ROLE + " headers)");
        return;
      }
      JsonObject body = msg.body() == null ? new JsonObject() : msg.body();
      String tgt = safeTarget(target, body);
      if (!actor.role().allows(needed)) {
        AccessDeniedException denied = new AccessDeniedException(actor, needed);
        write(vertx, audit, new AuditEntry(Instant.now(), actor, action, tgt, body.getString("reason"), "denied"))
            .onComplete(x -> msg.fail(403, denied.getMessage()));
        return;
      }
      Future<Done> work;
      try {
        work = op.run(actor, body);
      } catch (RuntimeException e) {
        work = Future.failedFuture(e);
      }
      work.onComplete(ar -> {
        if (ar.succeeded()) {
          Done d = ar.result();
          AuditEntry row = new AuditEntry(Instant.now(), actor, d.action() == null ? action : d.action(),
              d.target() == null ? tgt : d.target(), d.reason() == null ? body.getString("reason") : d.reason(), "ok");
          write(vertx, audit, row).onComplete(w -> {
            if (w.succeeded()) {
              msg.reply(d.reply() == null ? new JsonObject() : d.reply());
            } else {
              msg.fail(500, "the action was done but its audit row was not written: " + w.cause().getMessage());
            }
          });
        } else {
          Throwable c = ar.cause();
          int status = c instanceof Failure f ? f.status() : c instanceof AccessDeniedException ? 403
              : c instanceof IllegalArgumentException ? 400 : 500;
          if (status == 500) {
            log.error("operation {} failed", address, c);
          }
          String message = c.getMessage() == null ? c.toString() : c.getMessage();
          write(vertx, audit, new AuditEntry(Instant.now(), actor, action, tgt, body.getString("reason"),
              "failed: " + message)).onComplete(x -> msg.fail(status, message));
        }
      });
    });
  }

  private static String safeTarget(Function<JsonObject, String> target, JsonObject body) {
    try {
      return target == null ? null : target.apply(body);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Future<Void> write(Vertx vertx, AuditLog audit, AuditEntry entry) {
    if (audit == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      audit.append(entry);
      return null;
    }, false);
  }

  /** Sends an operator action as {@code actor}; fails with a {@link ReplyException} carrying the HTTP status. */
  public static Future<JsonObject> request(Vertx vertx, String address, Actor actor, JsonObject body) {
    DeliveryOptions options = ActorHeaders.options(actor).setSendTimeout(120_000);
    return vertx.eventBus().<JsonObject>request(address, body, options).map(m -> m.body());
  }

  /** Answers an HTTP request with an operation's reply ({@code status} on success) or its failure as JSON. */
  public static void respond(RoutingContext ctx, int status, Future<JsonObject> reply) {
    reply.onComplete(ar -> {
      if (ctx.response().ended()) {
        return;
      }
      if (ar.succeeded()) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(ar.result().encode());
        return;
      }
      int code = 500;
      if (ar.cause() instanceof ReplyException re) {
        code = re.failureCode() >= 400 && re.failureCode() < 600 ? re.failureCode()
            : re.failureType() == io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS ? 503 : 500;
      }
      ctx.response().setStatusCode(code).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("error", String.valueOf(ar.cause().getMessage())).encode());
    });
  }
}
