package org.telops.admin.security;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import java.time.Duration;
import java.time.Instant;
import org.telops.admin.Services;
import org.telops.contracts.auth.Actor;
import org.telops.contracts.auth.AuditEntry;
import org.telops.contracts.auth.Role;
import org.telops.contracts.auth.UserDirectory;

/** Signs an operator in and out of a browser session; both are audited. */
public final class SignIn {
  private SignIn() {}

  /** The result shown on the login form: null message = signed in. */
  public record Result(boolean ok, String message) {}

  public static Result attempt(String name, String password, Duration sessionTimeout) {
    Services services = Services.get();
    String source = source();
    UserDirectory.Login login = services.users().verify(name == null ? "" : name.trim(), password == null ? "" : password, source);
    Actor who = login.actor() != null ? login.actor() : new Actor(name == null || name.isBlank() ? "?" : name.trim(), Role.ON_CALL, Actor.Kind.USER, source);
    String outcome = switch (login.outcome()) {
      case OK -> "ok";
      case THROTTLED -> "denied";
      default -> "failed";
    };
    services.audit().append(new AuditEntry(Instant.now(services.clock()), who, "ui.login", "user:" + who.name(),
        login.outcome().name().toLowerCase(java.util.Locale.ROOT), outcome));
    return switch (login.outcome()) {
      case OK -> {
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request != null) {
          // A new session id after sign-in, so an id seen before it (session fixation) is worth nothing.
          VaadinService.reinitializeSession(request);
        }
        VaadinSession session = VaadinSession.getCurrent();
        CurrentUser.set(session, login.actor());
        if (session.getSession() != null) {
          session.getSession().setMaxInactiveInterval((int) sessionTimeout.toSeconds());
        }
        yield new Result(true, null);
      }
      case THROTTLED -> new Result(false, "Too many failed sign-ins for '" + who.name() + "'. Try again in "
          + Math.max(1, login.retryAfter() == null ? 30 : login.retryAfter().toSeconds()) + " s, or ask an admin to reset the password.");
      case DISABLED -> new Result(false, "The account '" + who.name() + "' is disabled. Ask an admin to enable it.");
      default -> new Result(false, "Wrong user name or password. Names are case-sensitive.");
    };
  }

  public static void signOut() {
    CurrentUser.get().ifPresent(a -> Services.get().audit().append(
        new AuditEntry(Instant.now(Services.get().clock()), a, "ui.logout", "user:" + a.name(), null, "ok")));
    VaadinSession session = VaadinSession.getCurrent();
    if (session != null) {
      CurrentUser.set(session, null);
      if (session.getSession() != null) {
        session.getSession().invalidate();
      }
    }
  }

  private static String source() {
    VaadinRequest r = VaadinRequest.getCurrent();
    return r == null || r.getRemoteAddr() == null ? "ui" : "ui:" + r.getRemoteAddr();
  }
}
