package org.telops.admin.incidents;

import com.vaadin.flow.component.html.Span;
import java.time.Duration;
import java.time.Instant;
import org.telops.admin.components.BrowserTime;

/** "7 min 12 s left of 10 min" or "overdue by 2 min 03 s": the resolution target as a countdown. */
public final class SlaClock {
  private SlaClock() {}

  public static String text(IncidentRow i, Instant now) {
    if (!i.open()) {
      Duration took = i.timeToResolve();
      return "resolved in " + BrowserTime.duration(took) + (took != null && took.toMinutes() >= i.targetMinutes()
          ? " (target " + i.targetMinutes() + " min missed)" : " (target " + i.targetMinutes() + " min)");
    }
    Duration left = i.slaLeft(now);
    return left.isNegative() ? "overdue by " + BrowserTime.duration(left.negated()) + " (target " + i.targetMinutes() + " min)"
        : BrowserTime.duration(left) + " left of " + i.targetMinutes() + " min";
  }

  public static Span of(IncidentRow i, Instant now) {
    Span s = new Span(text(i, now));
    s.addClassName("sla-clock");
    boolean late = i.open() && i.slaLeft(now).isNegative();
    boolean close = i.open() && !late && i.slaLeft(now).toSeconds() < 60;
    s.getStyle().set("font-weight", "600").set("color", late ? "var(--lumo-error-text-color)"
        : close ? "var(--lumo-warning-text-color, var(--lumo-error-text-color))" : "var(--lumo-secondary-text-color)");
    return s;
  }
}
