package org.telops.runtime.drills;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;

/**
 * When a drill runs on its own. {@code @monthly} (the default) is the first low-traffic window of each
 * month, {@code @weekly} the first of each week, {@code @daily} every window; a five-field cron line
 * ({@code minute hour day-of-month month day-of-week}, with {@code *}, lists, ranges and steps, days of
 * week 0–7 or Sun–Sat) is read in the window's time zone and fires only inside the window. Pure.
 */
public final class DrillSchedule {
  private static final String[] DOW = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  private static final int SEARCH_DAYS = 5 * 366;

  private final String spec;
  private final BitSet minutes = new BitSet(60);
  private final BitSet hours = new BitSet(24);
  private final BitSet daysOfMonth = new BitSet(32);
  private final BitSet months = new BitSet(13);
  private final BitSet daysOfWeek = new BitSet(7);
  private boolean domAny;
  private boolean dowAny;

  private DrillSchedule(String spec) {
    this.spec = spec;
  }

  /** Parses a schedule; throws {@link IllegalArgumentException} naming the bad part. */
  public static DrillSchedule parse(String spec) {
    String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
    DrillSchedule d = new DrillSchedule(s);
    if (s.equals("@monthly") || s.equals("@weekly") || s.equals("@daily")) {
      return d;
    }
    String[] f = s.split("\\s+");
    if (f.length != 5) {
      throw new IllegalArgumentException("schedule: '" + spec + "' is not @monthly, @weekly, @daily or a five-field cron "
          + "line (minute hour day-of-month month day-of-week), e.g. \"30 3 1-7 * sun\"");
    }
    field(spec, f[0], 0, 59, d.minutes, null);
    field(spec, f[1], 0, 23, d.hours, null);
    field(spec, f[2], 1, 31, d.daysOfMonth, null);
    field(spec, f[3], 1, 12, d.months, null);
    BitSet dow = new BitSet(8);
    field(spec, f[4], 0, 7, dow, DOW);
    if (dow.get(7)) {
      dow.set(0);
    }
    d.daysOfWeek.or(dow.get(0, 7));
    d.domAny = f[2].equals("*");
    d.dowAny = f[4].equals("*");
    return d;
  }

  private static void field(String spec, String text, int min, int max, BitSet out, String[] names) {
    for (String part : text.split(",")) {
      String[] stepSplit = part.split("/", 2);
      int step = 1;
      if (stepSplit.length == 2) {
        step = value(spec, stepSplit[1], 1, max, null);
      }
      int lo;
      int hi;
      if (stepSplit[0].equals("*")) {
        lo = min;
        hi = max;
      } else {
        String[] range = stepSplit[0].split("-", 2);
        lo = value(spec, range[0], min, max, names);
        hi = range.length > 1 ? value(spec, range[1], min, max, names) : (stepSplit.length == 2 ? max : lo);
      }
      if (hi < lo) {
        throw new IllegalArgumentException("schedule: '" + spec + "': range " + part + " runs backwards");
      }
      for (int v = lo; v <= hi; v += step) {
        out.set(v);
      }
    }
  }

  private static int value(String spec, String text, int min, int max, String[] names) {
    if (names != null) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(text)) {
          return i;
        }
      }
    }
    try {
      int v = Integer.parseInt(text);
      if (v < min || v > max) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("schedule: '" + spec + "': '" + text + "' is not a value from " + min + " to " + max);
    }
  }

  /** The first time after {@code after} the drill should start inside {@code window}, or null if there is none. */
  public ZonedDateTime nextAfter(Instant after, DrillWindow window) {
    ZonedDateTime from = after.atZone(window.zone()).plusNanos(1);
    switch (spec) {
      case "@daily" -> {
        return window.nextOpening(from);
      }
      case "@weekly", "@monthly" -> {
        ZonedDateTime open = window.nextOpening(from);
        ZonedDateTime periodStart = firstOfPeriod(open);
        if (window.nextOpening(periodStart).equals(open)) {
          return open;
        }
        return window.nextOpening(spec.equals("@monthly") ? periodStart.plusMonths(1) : periodStart.plusWeeks(1));
      }
      default -> {
        return cronNext(from, window);
      }
    }
  }

  private ZonedDateTime firstOfPeriod(ZonedDateTime t) {
    LocalDate d = t.toLocalDate();
    // Weeks start on Monday (ISO).
    LocalDate first = spec.equals("@monthly") ? d.withDayOfMonth(1) : d.minusDays(d.getDayOfWeek().getValue() - 1L);
    return first.atStartOfDay(t.getZone());
  }

  private ZonedDateTime cronNext(ZonedDateTime from, DrillWindow window) {
    ZonedDateTime t = from.truncatedTo(ChronoUnit.MINUTES);
    if (t.isBefore(from)) {
      t = t.plusMinutes(1);
    }
    LocalDate day = t.toLocalDate();
    for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
      if (!dayMatches(day)) {
        continue;
      }
      for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
        for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
          ZonedDateTime c = ZonedDateTime.of(day, LocalTime.of(h, m), window.zone());
          if (!c.isBefore(t) && window.contains(c.toInstant())) {
            return c;
          }
        }
      }
    }
    return null;
  }

  private boolean dayMatches(LocalDate day) {
    if (!months.get(day.getMonthValue())) {
      return false;
    }
    boolean dom = daysOfMonth.get(day.getDayOfMonth());
    boolean dow = daysOfWeek.get(day.getDayOfWeek().getValue() % 7);
    // Cron: when both day fields are restricted, either may match.
    if (!domAny && !dowAny) {
      return dom || dow;
    }
    return dom && dow;
  }

  public String spec() {
    return spec;
  }
}
