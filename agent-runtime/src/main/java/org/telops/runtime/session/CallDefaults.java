package org.telops.runtime.session;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tenant, region and agent for calls whose parameters do not name them. Values from parameters are
 * lower-cased and must be CDR names ({@code [a-z0-9][a-z0-9_-]{0,62}}); anything else falls back here,
 * because the collector would refuse the whole CDR over one bad name.
 */
public record CallDefaults(String tenant, String region, String agent) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  public String tenantOr(String value) {
    return nameOr(value, tenant);
  }

  public String regionOr(String value) {
    return nameOr(value, region);
  }

  public String agentOr(String value) {
    return value == null || value.isBlank() || value.length() > 128 ? agent : value.trim();
  }

  public static boolean isName(String value) {
    return value != null && NAME.matcher(value).matches();
  }

  private static String nameOr(String value, String fallback) {
    if (value == null) {
      return fallback;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    return NAME.matcher(v).matches() ? v : fallback;
  }
}
