package org.telops.prober.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A query's [from, to) window: ISO-8601 instants ({@code 2026-11-21T10:00:00Z}, offsets allowed) or UTC
 * dates ({@code 2026-11-21} = that day's midnight). Missing to = now; missing from = to − the default
 * length. An invalid window is an {@link IllegalArgumentException} whose message names the parameter.
 */
public record TimeWindow(Instant from, Instant to) {

  public static TimeWindow parse(String fromText, String toText, Duration defaultLength, Duration maxLength, Instant now) {
    Instant to = toText == null || toText.isBlank() ? now : instant("to", toText);
    Instant from = fromText == null || fromText.isBlank() ? to.minus(defaultLength) : instant("from", fromText);
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from=" + from + " is not before to=" + to + ": give a window that ends after it starts");
    }
    if (Duration.between(from, to).compareTo(maxLength) > 0) {
      throw new IllegalArgumentException("the window from=" + from + " to=" + to + " is longer than " + maxLength.toDays()
          + " days: ask for a shorter one");
    }
    return new TimeWindow(from, to);
  }

  private static Instant instant(String name, String text) {
    String t = text.trim();
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + "=" + t + " is not a time: use ISO-8601 like 2026-11-21T10:00:00Z or a date like 2026-11-21");
    }
  }
}
