package org.telops.contracts.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP edge. Bound to loopback by default: exposing it is a decision (TELOPS_HTTP_HOST=0.0.0.0).
 *
 * @param publicBaseUrl the URL carriers use to reach us; signatures are computed over it, so behind a
 *     proxy it must be the outside URL, not the local one
 */
public record HttpConfig(String host, int port, String publicBaseUrl) {

  public static HttpConfig fromEnv(Map<String, String> environment) {
    Env env = new Env(environment);
    int port = env.integer("TELOPS_HTTP_PORT", 8080, 0, 65535);
    String host = env.string("TELOPS_HTTP_HOST", "127.0.0.1");
    String base = env.string("TELOPS_PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
    try {
      URI uri = URI.create(base);
      if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException("TELOPS_PUBLIC_BASE_URL=" + base + " is not an http(s) URL: use the address "
          + "carriers reach, e.g. https://telops.example.com");
    }
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return new HttpConfig(host, port, base);
  }

  /** After binding port 0 (tests): the real port, and the derived public URL follows it. */
  public HttpConfig withPort(int actualPort) {
    String derived = "http://127.0.0.1:" + port;
    return new HttpConfig(host, actualPort,
        publicBaseUrl.equals(derived) ? "http://127.0.0.1:" + actualPort : publicBaseUrl);
  }

  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("TELOPS_HTTP_HOST", host);
    m.put("TELOPS_HTTP_PORT", String.valueOf(port));
    m.put("TELOPS_PUBLIC_BASE_URL", publicBaseUrl);
    return m;
  }
}
