package org.telops.admin.security;

import com.vaadin.flow.server.VaadinSession;
import java.security.Principal;
import java.util.Optional;
import org.telops.contracts.auth.Actor;
import org.telops.contracts.auth.Role;

/** The signed-in operator of this browser session, kept in the Vaadin session (never in the browser). */
public final class CurrentUser {
  private static final String KEY = "telops.actor";

  private CurrentUser() {}

  public static Optional<Actor> get() {
    VaadinSession s = VaadinSession.getCurrent();
    return s == null ? Optional.empty() : Optional.ofNullable((Actor) s.getAttribute(KEY));
  }

  /** The signed-in actor; views behind access control always have one. */
  public static Actor require() {
    return get().orElseThrow(() -> new IllegalStateException("no operator is signed in on this session"));
  }

  public static boolean may(Role needed) {
    return get().map(a -> a.role().allows(needed)).orElse(false);
  }

  static void set(VaadinSession session, Actor actor) {
    session.setAttribute(KEY, actor);
  }

  static Principal principal(VaadinSession session) {
    Actor a = session == null ? null : (Actor) session.getAttribute(KEY);
    return a == null ? null : a::name;
  }

  static boolean hasRole(VaadinSession session, String roleName) {
    Actor a = session == null ? null : (Actor) session.getAttribute(KEY);
    if (a == null) {
      return false;
    }
    try {
      return a.role().allows(Role.parse(roleName));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
