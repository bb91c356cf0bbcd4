package org.telops.admin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the console listens and how long an idle session lives, from the environment.
 *
 * @param host             TELOPS_ADMIN_HOST, default 127.0.0.1 (the console is for operators, not the internet)
 * @param port             TELOPS_ADMIN_PORT, default 8081
 * @param sessionTimeout   TELOPS_ADMIN_SESSION_TIMEOUT_MINUTES, default 30
 * @param pushNice         TELOPS_ADMIN_PUSH_NICE, default 10: the Linux nice value of the thread that refreshes open
 *                         screens (0 = the process's own), so the console yields the CPU to the media's event loops
 */
public record AdminUiConfig(String host, int port, Duration sessionTimeout, int pushNice) {

  public static AdminUiConfig fromEnv(Map<String, String> env) {
    String host = env.getOrDefault("TELOPS_ADMIN_HOST", "127.0.0.1").trim();
    int port = integer(env, "TELOPS_ADMIN_PORT", 8081, 0, 65535);
    int minutes = integer(env, "TELOPS_ADMIN_SESSION_TIMEOUT_MINUTES", 30, 1, 24 * 60);
    int nice = integer(env, "TELOPS_ADMIN_PUSH_NICE", 10, 0, 19);
    return new AdminUiConfig(host.isEmpty() ? "127.0.0.1" : host, port, Duration.ofMinutes(minutes), nice);
  }

  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("TELOPS_ADMIN_HOST", host);
    m.put("TELOPS_ADMIN_PORT", String.valueOf(port));
    m.put("TELOPS_ADMIN_SESSION_TIMEOUT_MINUTES", String.valueOf(sessionTimeout.toMinutes()));
    m.put("TELOPS_ADMIN_PUSH_NICE", String.valueOf(pushNice));
    return m;
  }

  private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int i = Integer.parseInt(v.trim());
      if (i < min || i > max) {
        throw new NumberFormatException();
      }
      return i;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + "='" + v + "' is not a whole number from " + min + " to " + max);
    }
  }
}
