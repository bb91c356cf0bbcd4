package org.telops.contracts.auth;

import io.vertx.ext.web.RoutingContext;

/**
 * How a route handler reads who is calling. The platform's auth handler authenticates the bearer token (or
 * the UI's session) before any module route runs and stores the {@link Actor} in the routing context.
 */
public final class RequestActor {
  /** The routing-context key the platform's auth handler stores the {@link Actor} under. */
  public static final String KEY = "telops.actor";

  private RequestActor() {}

  /**
   * The authenticated caller. On a router without the platform's auth handler (a module's own tests, or a
   * module served alone) there is none: then an admin actor named "unauthenticated" stands in, so the
   * module still works and its audit rows say plainly that nobody was authenticated.
   */
  public static Actor of(RoutingContext ctx) {
    Actor a = ctx.get(KEY);
    if (a != null) {
      return a;
    }
    String remote = ctx.request().remoteAddress() == null ? "-" : ctx.request().remoteAddress().hostAddress();
    return new Actor("unauthenticated", Role.ADMIN, Actor.Kind.SYSTEM, remote);
  }

  /** Whether the platform's auth handler authenticated this request (false on a router without it). */
  public static boolean authenticated(RoutingContext ctx) {
    return ctx.get(KEY) != null;
  }

  /**
   * The author's name for an audit row: the authenticated actor's, whatever the body claims. Only on a router
   * without the platform's auth handler (a module's own tests) is {@code claimed} — the body's "by" — used.
   */
  public static String authorName(RoutingContext ctx, String claimed) {
    return authenticated(ctx) ? of(ctx).name() : claimed;
  }

  /** Called by the auth handler. */
  public static void set(RoutingContext ctx, Actor actor) {
    ctx.put(KEY, actor);
  }
}
