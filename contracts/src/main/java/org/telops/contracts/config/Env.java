package org.telops.contracts.config;

import java.util.Map;

/** Reads TELOPS_* variables with defaults; a bad value fails start-up with a message an operator can act on. */
public final class Env {
  private final Map<String, String> env;

  public Env(Map<String, String> env) {
    this.env = env;
  }

  public String string(String name, String defaultValue) {
    String v = env.get(name);
    return v == null || v.isBlank() ? defaultValue : v.trim();
  }

  public int integer(String name, int defaultValue, int min, int max) {
    String v = string(name, null);
    if (v == null) {
      return defaultValue;
    }
    try {
      int i = Integer.parseInt(v);
      if (i < min || i > max) {
        throw new ConfigException(name + "=" + v + " is out of range: use a whole number from " + min + " to " + max
            + " (default " + defaultValue + ")");
      }
      return i;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + "=" + v + " is not a whole number: use one from " + min + " to " + max
          + " (default " + defaultValue + ")");
    }
  }

  public boolean bool(String name, boolean defaultValue) {
    String v = string(name, null);
    if (v == null) {
      return defaultValue;
    }
    switch (v.toLowerCase()) {
      case "true": case "1": case "yes": case "on": return true;
      case "false": case "0": case "no": case "off": return false;
      default: throw new ConfigException(name + "=" + v + " is not a boolean: use true or false");
    }
  }

  /** How a secret appears in logs: whether it is set and its last 4 characters at most. */
  public static String mask(String secret) {
    if (secret == null || secret.isEmpty()) {
      return "(not set)";
    }
    if (secret.length() < 12) {
      return "****";
    }
    return "****" + secret.substring(secret.length() - 4);
  }
}
