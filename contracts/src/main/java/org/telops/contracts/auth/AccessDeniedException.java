package org.telops.contracts.auth;

/** The caller is known but its role does not allow the action: HTTP 403, bus failure code 403. */
public final class AccessDeniedException extends RuntimeException {
  private final Role needed;

  public AccessDeniedException(Actor actor, Role needed) {
    super("role '" + needed.wireName() + "' needed; '" + actor.name() + "' has role '" + actor.role().wireName()
        + "'. Ask an admin for a token or user with role " + needed.wireName());
    this.needed = needed;
  }

  public Role needed() {
    return needed;
  }
}
