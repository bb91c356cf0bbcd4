package org.telops.contracts.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the system of record lives. No {@code TELOPS_DB_URL} means the embedded PostgreSQL under
 * {@code dataDir}/postgres, kept between runs.
 *
 * @param embeddedPort port of the embedded server (fixed, so a restart finds the same data on the same port)
 */
public record DatabaseConfig(String url, String user, String password, Path dataDir, int embeddedPort,
                             int poolSize) {

  public static DatabaseConfig fromEnv(Map<String, String> environment) {
    Env env = new Env(environment);
    String url = env.string("TELOPS_DB_URL", null);
    if (url != null && !url.startsWith("jdbc:postgresql:")) {
      throw new ConfigException("TELOPS_DB_URL=" + maskUrl(url) + " is not a PostgreSQL JDBC URL: use "
          + "jdbc:postgresql://HOST:5432/DB, or unset it to use the embedded database");
    }
    return new DatabaseConfig(url,
        env.string("TELOPS_DB_USER", url == null ? "postgres" : null),
        env.string("TELOPS_DB_PASSWORD", null),
        Path.of(env.string("TELOPS_DATA_DIR", "./data")).toAbsolutePath().normalize(),
        env.integer("TELOPS_EMBEDDED_DB_PORT", 54329, 1024, 65535),
        env.integer("TELOPS_DB_POOL_SIZE", 10, 2, 200));
  }

  public boolean embedded() {
    return url == null;
  }

  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("TELOPS_DB_URL", url == null ? "(not set: embedded PostgreSQL)" : maskUrl(url));
    m.put("TELOPS_DB_USER", user == null ? "(not set)" : user);
    m.put("TELOPS_DB_PASSWORD", Env.mask(password));
    m.put("TELOPS_DATA_DIR", dataDir.toString());
    m.put("TELOPS_EMBEDDED_DB_PORT", String.valueOf(embeddedPort));
    m.put("TELOPS_DB_POOL_SIZE", String.valueOf(poolSize));
    return m;
  }

  /** Hides a password given inside the URL (…?password=secret). */
  public static String maskUrl(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1****").replaceAll("//([^/@:]+):[^/@]*@", "//$1:****@");
  }
}
