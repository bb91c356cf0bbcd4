package org.telops.dashboards;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What Grafana does to a PostgreSQL panel's SQL before it reaches the database: the dashboard variables are
 * interpolated (multi-value and All as a quoted list, the way Grafana formats SQL variables), then the macros are
 * expanded as Grafana's grafana-postgresql-datasource macros.go does, with {@code $__timeGroup} as
 * {@code time_bucket('300.000s',c)} when the datasource's TimescaleDB flag is on and as
 * {@code floor(extract(epoch from c)/300)*300} when it is off.
 */
final class GrafanaSql {
  private static final Pattern MACRO = Pattern.compile("\\$(__[_a-zA-Z0-9]+)\\(([^)]*)\\)");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\[\\[(\\w+)]]|\\$(\\w+)");
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS")
      .withZone(ZoneOffset.UTC);

  private final Instant from;
  private final Instant to;
  private final boolean timescale;

  GrafanaSql(Instant from, Instant to, boolean timescale) {
    this.from = from;
    this.to = to;
    this.timescale = timescale;
  }

  /** Replaces $var, ${var} and [[var]] of known variables by their values, each quoted as an SQL literal. */
  static String interpolate(String sql, Map<String, List<String>> variables) {
    Matcher m = VARIABLE.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      List<String> values = variables.get(name);
      String replacement = values == null ? m.group()
          : values.isEmpty() ? "''" : values.stream().map(v -> "'" + v.replace("'", "''") + "'")
              .collect(Collectors.joining(","));
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Expands every $__macro(…) the way Grafana's PostgreSQL datasource does; an unknown macro is an error. */
  String expandMacros(String sql) {
    Matcher m = MACRO.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      List<String> args = Arrays.stream(m.group(2).split(",", -1)).map(String::trim).toList();
      m.appendReplacement(out, Matcher.quoteReplacement(macro(m.group(1), args, m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String macro(String name, List<String> args, String whole) {
    return switch (name) {
      case "__time" -> arg(args, 0, whole) + " AS \"time\"";
      case "__timeEpoch" -> "extract(epoch from " + arg(args, 0, whole) + ") as \"time\"";
      case "__timeFilter" -> arg(args, 0, whole) + " BETWEEN '" + rfc3339(from) + "' AND '" + rfc3339(to) + "'";
      case "__timeFrom" -> "'" + rfc3339(from) + "'";
      case "__timeTo" -> "'" + rfc3339(to) + "'";
      case "__timeGroup" -> timeGroup(args, whole);
      case "__timeGroupAlias" -> timeGroup(args, whole) + " AS \"time\"";
      case "__unixEpochFilter" -> arg(args, 0, whole) + " >= " + from.getEpochSecond() + " AND "
          + arg(args, 0, whole) + " <= " + to.getEpochSecond();
      case "__unixEpochFrom" -> Long.toString(from.getEpochSecond());
      case "__unixEpochTo" -> Long.toString(to.getEpochSecond());
      case "__unixEpochGroup" -> unixEpochGroup(args, whole);
      case "__unixEpochGroupAlias" -> unixEpochGroup(args, whole) + " AS \"time\"";
      default -> throw new IllegalArgumentException("unknown macro " + whole
          + ": Grafana's PostgreSQL datasource would refuse this panel");
    };
  }

  private String timeGroup(List<String> args, String whole) {
    if (args.size() < 2) {
      throw new IllegalArgumentException(whole + " needs a column and an interval, e.g. $__timeGroup(at,'5m')");
    }
    double seconds = interval(args.get(1), whole).toMillis() / 1000.0;
    if (timescale) {
      return String.format(Locale.ROOT, "time_bucket('%.3fs',%s)", seconds, args.get(0));
    }
    return "floor(extract(epoch from " + args.get(0) + ")/" + goNumber(seconds) + ")*" + goNumber(seconds);
  }

  private String unixEpochGroup(List<String> args, String whole) {
    double seconds = interval(arg(args, 1, whole), whole).toMillis() / 1000.0;
    return "floor((" + args.get(0) + ")/" + goNumber(seconds) + ")*" + goNumber(seconds);
  }

  /** Grafana's interval syntax in macros: a number and one of ms, s, m, h, d, w ('5m', '1h'). */
  static Duration interval(String quoted, String whole) {
    String s = quoted.replace("'", "").replace("\"", "").trim();
    Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d|w)").matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("interval " + quoted + " in " + whole + " is not valid: use e.g. '30s', '5m', '1h'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  private static String arg(List<String> args, int i, String whole) {
    if (args.size() <= i || args.get(i).isEmpty()) {
      throw new IllegalArgumentException(whole + " is missing argument " + (i + 1));
    }
    return args.get(i);
  }

  /** Go's %v of a float64: 300 for 300.0, 0.5 for 0.5. */
  private static String goNumber(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** Go's time.RFC3339Nano in UTC: fraction without trailing zeros, none at all on whole seconds. */
  static String rfc3339(Instant t) {
    String s = RFC3339.format(t).replaceAll("0+$", "");
    return (s.endsWith(".") ? s.substring(0, s.length() - 1) : s) + "Z";
  }
}
