package org.telops.runtime.webhook;

/**
 * The URLs carriers use to reach us, derived from TELOPS_PUBLIC_BASE_URL: https → wss, http → ws.
 * Signatures are computed over these, never over the local address.
 */
public record PublicUrls(String httpBase) {

  public String http(String pathAndQuery) {
    return httpBase + pathAndQuery;
  }

  /**
   * {@code path} carrying a webhook's call settings on ({@code tenant}, {@code region}, {@code agent}, {@code engine}
   * from {@code query}), and {@code noinput=1} for the record path's silent-turn redirect: the URLs a call's later
   * requests come back on, so they choose the same settings (carriers sign the whole URL).
   */
  public String callUrl(String path, io.vertx.core.MultiMap query, boolean noInput) {
    StringBuilder q = new StringBuilder();
    for (String k : new String[] {"tenant", "region", "agent", "engine"}) {
      String v = query.get(k);
      if (v != null) {
        q.append(q.length() == 0 ? "?" : "&").append(k).append('=')
            .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    if (noInput) {
      q.append(q.length() == 0 ? "?" : "&").append("noinput=1");
    }
    return http(path + q);
  }

  public String ws(String pathAndQuery) {
    String base = httpBase.startsWith("https://") ? "wss://" + httpBase.substring(8)
        : httpBase.startsWith("http://") ? "ws://" + httpBase.substring(7) : httpBase;
    return base + pathAndQuery;
  }
}
