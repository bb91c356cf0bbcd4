package org.telops.runtime.webhook;

/**
 * The URLs carriers use to reach us, derived from TELOPS_PUBLIC_BASE_URL: https → wss, http → ws.
 * Signatures are computed over these, never over the local address.
 */
public record PublicUrls(String httpBase) {

  public String http(String pathAndQuery) {
    return httpBase + pathAndQuery;
  }

  public String ws(String pathAndQuery) {
    String base = httpBase.startsWith("https://") ? "wss://" + httpBase.substring(8)
        : httpBase.startsWith("http://") ? "ws://" + httpBase.substring(7) : httpBase;
    return base + pathAndQuery;
  }
}
