package org.telops.runtime.drills;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The low-traffic window scheduled drills must start in, written {@code "Sun 03:00-05:00 UTC"}: days
 * ({@code Sun}, {@code Sat,Sun}, {@code Mon-Fri}, {@code daily}), a start and end time (an end before
 * the start runs past midnight), and a time zone (default UTC). A window belongs to the day it opens.
 */
public record DrillWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone, String spec) {

  private static final Pattern SPEC = Pattern.compile(
      "\\s*(\\S+)\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})(?:\\s+(\\S+))?\\s*");
  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  public static DrillWindow parse(String name, String spec) {
    Matcher m = SPEC.matcher(spec == null ? "" : spec);
    if (!m.matches()) {
      throw new IllegalArgumentException(name + "=" + spec + " is not a window: write days, times and a zone, "
          + "e.g. \"Sun 03:00-05:00 UTC\" or \"Sat,Sun 02:00-04:00 Europe/Berlin\"");
    }
    Set<DayOfWeek> days = days(name, spec, m.group(1).toLowerCase(Locale.ROOT));
    LocalTime start = time(name, spec, m.group(2));
    LocalTime end = time(name, spec, m.group(3));
    if (start.equals(end)) {
      throw new IllegalArgumentException(name + "=" + spec + " is an empty window: the end must differ from the start");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(m.group(4) == null ? "UTC" : m.group(4));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(name + "=" + spec + ": unknown time zone '" + m.group(4) + "' — use UTC or a "
          + "region id such as Europe/Berlin");
    }
    return new DrillWindow(days, start, end, zone, spec.trim());
  }

  private static Set<DayOfWeek> days(String name, String spec, String text) {
    if (text.equals("daily") || text.equals("*")) {
      return EnumSet.allOf(DayOfWeek.class);
    }
    Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
    for (String part : text.split(",")) {
      String[] range = part.split("-", 2);
      int a = DAYS.indexOf(range[0]);
      int b = range.length > 1 ? DAYS.indexOf(range[1]) : a;
      if (a < 0 || b < 0) {
        throw new IllegalArgumentException(name + "=" + spec + ": '" + part + "' is not a day: use Mon..Sun, ranges "
            + "(Mon-Fri), lists (Sat,Sun) or daily");
      }
      for (int i = a; ; i = (i + 1) % 7) {
        out.add(DayOfWeek.of(i + 1));
        if (i == b) {
          break;
        }
      }
    }
    return out;
  }

  private static LocalTime time(String name, String spec, String text) {
    try {
      String[] hm = text.split(":");
      return LocalTime.of(Integer.parseInt(hm[0]), Integer.parseInt(hm[1]));
    } catch (DateTimeException | NumberFormatException e) {
      throw new IllegalArgumentException(name + "=" + spec + ": '" + text + "' is not a time of day (HH:mm)");
    }
  }

  /** The window that contains {@code at}, as its opening time, or null if {@code at} is outside every window. */
  public ZonedDateTime openingContaining(Instant at) {
    ZonedDateTime t = at.atZone(zone);
    for (int back = 0; back <= 1; back++) {
      LocalDate day = t.toLocalDate().minusDays(back);
      if (!days.contains(day.getDayOfWeek())) {
        continue;
      }
      ZonedDateTime open = ZonedDateTime.of(day, start, zone);
      ZonedDateTime close = closing(open);
      if (!t.isBefore(open) && t.isBefore(close)) {
        return open;
      }
    }
    return null;
  }

  public boolean contains(Instant at) {
    return openingContaining(at) != null;
  }

  /** When the window that opens at {@code open} closes. */
  public ZonedDateTime closing(ZonedDateTime open) {
    ZonedDateTime close = ZonedDateTime.of(open.toLocalDate(), end, zone);
    return end.isAfter(start) ? close : close.plusDays(1);
  }

  /** The first opening at or after {@code from}. */
  public ZonedDateTime nextOpening(ZonedDateTime from) {
    ZonedDateTime f = from.withZoneSameInstant(zone);
    for (int i = 0; i <= 8; i++) {
      LocalDate day = f.toLocalDate().plusDays(i);
      ZonedDateTime open = ZonedDateTime.of(day, start, zone);
      if (days.contains(day.getDayOfWeek()) && !open.isBefore(f)) {
        return open;
      }
    }
    throw new IllegalStateException("window " + spec + " has no day");
  }

  /** "Sun 03:00-05:00 UTC" as stored and shown. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (DayOfWeek d : days) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
    }
    return (days.size() == 7 ? "daily" : sb.toString()) + " " + start + "-" + end + " " + zone.getId();
  }
}
