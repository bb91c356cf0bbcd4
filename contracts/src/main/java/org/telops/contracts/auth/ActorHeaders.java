package org.telops.contracts.auth;

import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/**
 * The actor of an operator action, carried in event-bus message headers (so it survives the clustered bus).
 * Only code inside the trust boundary (platform processes sharing the bus) sends on these addresses; the
 * operation trusts the headers as it trusts its own JVM, and re-checks the role.
 */
public final class ActorHeaders {
  public static final String NAME = "telops-actor";
  public static final String ROLE = "telops-actor-role";
  public static final String KIND = "telops-actor-kind";
  public static final String SOURCE = "telops-actor-source";

  private ActorHeaders() {}

  /** Delivery options carrying {@code actor}; add a send timeout if the default 30 s does not suit. */
  public static DeliveryOptions options(Actor actor) {
    return new DeliveryOptions().addHeader(NAME, actor.name()).addHeader(ROLE, actor.role().wireName())
        .addHeader(KIND, actor.kind().wireName()).addHeader(SOURCE, actor.sourceAddress());
  }

  /** The actor a message carries, or {@code null} when it carries none (the operation then answers 401). */
  public static Actor from(Message<?> message) {
    MultiMap h = message.headers();
    String name = h.get(NAME);
    String role = h.get(ROLE);
    if (name == null || role == null) {
      return null;
    }
    try {
      String kind = h.get(KIND);
      return new Actor(name, Role.parse(role), kind == null ? Actor.Kind.SYSTEM : Actor.Kind.parse(kind), h.get(SOURCE));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
