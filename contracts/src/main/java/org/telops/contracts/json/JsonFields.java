package org.telops.contracts.json;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/** Typed, validating reads of optional JSON fields; every failure names the field and the value. */
public final class JsonFields {
  private JsonFields() {}

  public static String string(JsonObject o, String prefix, String name) {
    Object v = o.getValue(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new InvalidFieldException(prefix + name, "expected a string, got " + describe(v));
    }
    return s.isBlank() ? null : s;
  }

  public static Instant instant(JsonObject o, String prefix, String name) {
    String s = string(o, prefix, name);
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(prefix + name, "not an ISO-8601 instant like 2026-11-21T03:00:00Z ('" + s + "')");
    }
  }

  public static Long wholeNumber(JsonObject o, String prefix, String name, long min) {
    Object v = o.getValue(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || (n.doubleValue() != Math.rint(n.doubleValue()))) {
      throw new InvalidFieldException(prefix + name, "expected a whole number, got " + describe(v));
    }
    long l = n.longValue();
    if (l < min) {
      throw new InvalidFieldException(prefix + name, "must be ≥ " + min + ", got " + l);
    }
    return l;
  }

  public static Double number(JsonObject o, String prefix, String name, double min, double max) {
    Object v = o.getValue(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n)) {
      throw new InvalidFieldException(prefix + name, "expected a number, got " + describe(v));
    }
    double d = n.doubleValue();
    if (Double.isNaN(d) || d < min || d > max) {
      throw new InvalidFieldException(prefix + name, "must be between " + min + " and " + max + ", got " + d);
    }
    return d;
  }

  public static <E> E enumValue(JsonObject o, String prefix, String name, Function<String, E> parse) {
    String s = string(o, prefix, name);
    if (s == null) {
      return null;
    }
    try {
      return parse.apply(s);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(prefix + name, e.getMessage());
    }
  }

  public static JsonObject object(JsonObject o, String prefix, String name) {
    Object v = o.getValue(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonObject j)) {
      throw new InvalidFieldException(prefix + name, "expected an object, got " + describe(v));
    }
    return j;
  }

  private static String describe(Object v) {
    String text = String.valueOf(v);
    if (text.length() > 40) {
      text = text.substring(0, 40) + "…";
    }
    return v.getClass().getSimpleName().replace("Json", "").toLowerCase() + " " + text;
  }
}
