package org.telops.admin.components;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.vertx.core.eventbus.ReplyException;

/** Toasts: errors stay until closed (an operator at 3 a.m. may look away); successes fade. */
public final class Notices {
  private Notices() {}

  public static void ok(String text) {
    Notification n = Notification.show(text, 4000, Notification.Position.BOTTOM_START);
    n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
  }

  public static void error(String what, String detail) {
    Notification n = new Notification();
    n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    n.setPosition(Notification.Position.BOTTOM_START);
    n.setDuration(0);
    com.vaadin.flow.component.button.Button close = new com.vaadin.flow.component.button.Button("Close", e -> n.close());
    close.addThemeVariants(com.vaadin.flow.component.button.ButtonVariant.LUMO_TERTIARY_INLINE);
    n.add(new com.vaadin.flow.component.html.Span(what + ": " + detail + " "), close);
    n.open();
  }

  /** The API's own status and message, e.g. "403: needs role on-call", for a failed bus operation. */
  public static String describe(Throwable t) {
    if (t instanceof ReplyException re) {
      return switch (re.failureType()) {
        case NO_HANDLERS -> "no process serving this action is running (start the role that owns it)";
        case TIMEOUT -> "no answer within 120 s; check the platform log";
        default -> (re.failureCode() > 0 ? "HTTP " + re.failureCode() + ": " : "") + re.getMessage();
      };
    }
    return String.valueOf(t.getMessage());
  }
}
