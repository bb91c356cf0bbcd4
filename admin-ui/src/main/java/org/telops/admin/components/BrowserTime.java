package org.telops.admin.components;

import com.vaadin.flow.component.UI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Times in the operator's browser time zone (asked of the browser once per tab; UTC until it answers), always
 * shown with the zone so a screenshot pasted into an incident channel is unambiguous.
 */
public final class BrowserTime {
  private static final String KEY = "telops.zone";
  private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");

  private BrowserTime() {}

  /** Asks the browser for its zone (once per UI) and runs {@code then} when it is known. */
  public static void init(UI ui, Runnable then) {
    if (ui.getSession() != null && ui.getSession().getAttribute(KEY) != null) {
      then.run();
      return;
    }
    ui.getPage().retrieveExtendedClientDetails(d -> {
      try {
        ZoneId z = ZoneId.of(d.getTimeZoneId());
        if (ui.getSession() != null) {
          ui.getSession().setAttribute(KEY, z);
        }
      } catch (RuntimeException e) {
        // an unknown zone name: stay on UTC, which the screens say
      }
      then.run();
    });
  }

  public static ZoneId zone() {
    UI ui = UI.getCurrent();
    Object z = ui == null || ui.getSession() == null ? null : ui.getSession().getAttribute(KEY);
    return z instanceof ZoneId id ? id : ZoneId.of("UTC");
  }

  public static String format(Instant t) {
    return t == null ? "—" : FULL.format(t.atZone(zone()));
  }

  public static String shortFormat(Instant t) {
    return t == null ? "—" : SHORT.format(t.atZone(zone()));
  }

  public static String zoneLabel() {
    return zone().getId();
  }

  /** "4 min 05 s", "2 h 03 min": durations the way an operator reads them. */
  public static String duration(Duration d) {
    if (d == null) {
      return "—";
    }
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min " + String.format("%02d", s % 60) + " s";
    }
    return (s / 3600) + " h " + String.format("%02d", (s % 3600) / 60) + " min";
  }
}
