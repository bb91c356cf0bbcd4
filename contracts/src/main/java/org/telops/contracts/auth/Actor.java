package org.telops.contracts.auth;

import java.util.Objects;

/**
 * The authenticated author of an operator action: a user (UI login), an API token (scripts, Grafana, CI)
 * or the system itself (the prober placing calls, a scheduled drill, the retention job). Audit rows carry
 * {@link #name()} and {@link #role()}, never a name the request body claims.
 *
 * @param name          user name, token name, or for the system a component name ("prober", "drill-scheduler")
 * @param role          what the actor may do
 * @param kind          user, token or system
 * @param sourceAddress the remote address of the request ("-" for the system)
 */
public record Actor(String name, Role role, Kind kind, String sourceAddress) {

  public enum Kind {
    USER, TOKEN, SYSTEM;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Kind parse(String s) {
      return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
  }

  public Actor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(kind, "kind");
    sourceAddress = sourceAddress == null || sourceAddress.isBlank() ? "-" : sourceAddress;
  }

  /** An internal caller with admin rights, e.g. {@code Actor.system("prober")}. Audit rows show "system:prober". */
  public static Actor system(String component) {
    return new Actor("system:" + component, Role.ADMIN, Kind.SYSTEM, "-");
  }

  /** Throws {@link AccessDeniedException} unless this actor's role allows {@code needed}. */
  public void require(Role needed) {
    if (!role.allows(needed)) {
      throw new AccessDeniedException(this, needed);
    }
  }
}
