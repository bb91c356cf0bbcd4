package org.telops.contracts.auth;

import java.util.Arrays;
import java.util.Locale;

/**
 * Who may do what. {@code on-call}: everything operational (carrier overrides, drills run/abort, incidents,
 * outbound test calls, CDR search). {@code finance}: CDRs and export, billing, cost; read-only elsewhere.
 * {@code admin}: all, plus users, tokens, drill definitions, retention, erasure. Admin includes every role;
 * on-call and finance are side by side (neither includes the other), and both may read the read-only views
 * declared with {@link #ANY}.
 */
public enum Role {
  ON_CALL("on-call"),
  FINANCE("finance"),
  ADMIN("admin");

  /** Not a role a caller has: a route rule meaning "any authenticated caller" (read-only views). */
  public static final Role ANY = null;

  private final String wire;

  Role(String wire) {
    this.wire = wire;
  }

  /** The name on the wire, in the database and on the command line: on-call, finance, admin. */
  public String wireName() {
    return wire;
  }

  /** Whether a caller with this role may do what {@code needed} may do ({@code null} = any caller). */
  public boolean allows(Role needed) {
    return needed == null || this == ADMIN || this == needed;
  }

  /** Parses a wire name (case-insensitive); the error names the value and the accepted ones. */
  public static Role parse(String name) {
    if (name != null) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      for (Role r : values()) {
        if (r.wire.equals(n)) {
          return r;
        }
      }
    }
    throw new IllegalArgumentException("unknown role '" + name + "': use one of "
        + String.join(", ", Arrays.stream(values()).map(Role::wireName).toList()));
  }

  @Override
  public String toString() {
    return wire;
  }
}
