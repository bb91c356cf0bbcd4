package org.telops.carriersim.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.telops.contracts.config.ConfigException;

/**
 * Reads the small list syntax the sim's variables share: {@code key=value} items separated by commas,
 * e.g. {@code answer=96,busy=2}. Order is kept (prefix maps are matched longest-first elsewhere).
 */
public final class Pairs {
  private Pairs() {}

  public static Map<String, String> parse(String variable, String text, String example) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String item : text.split(",")) {
      String trimmed = item.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (eq <= 0 || eq == trimmed.length() - 1) {
        throw new ConfigException(variable + "=" + text + ": item '" + trimmed + "' is not key=value; write it like "
            + example);
      }
      out.put(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
    }
    return out;
  }

  public static double percent(String variable, String key, String value) {
    double d = number(variable, key, value);
    if (d < 0 || d > 100) {
      throw new ConfigException(variable + ": " + key + "=" + value + " is not a percentage: use 0 to 100");
    }
    return d;
  }

  public static double number(String variable, String key, String value) {
    try {
      double d = Double.parseDouble(value);
      if (!Double.isFinite(d) || d < 0) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new ConfigException(variable + ": " + key + "=" + value + " is not a non-negative number");
    }
  }
}
