package org.telops.migrations;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code telops migrate}: applies the schema to TELOPS_DB_URL (or the embedded database in
 * TELOPS_DATA_DIR) and exits. Returns a process exit code.
 */
public final class MigrateCli {
  private MigrateCli() {}

  public static int run(Map<String, String> env, java.io.PrintStream out, java.io.PrintStream err) {
    String url = blankToNull(env.get("TELOPS_DB_URL"));
    EmbeddedDatabase embedded = null;
    try {
      if (url == null) {
        Path dir = Path.of(env.getOrDefault("TELOPS_DATA_DIR", "./data")).toAbsolutePath().normalize();
        int port = Integer.parseInt(env.getOrDefault("TELOPS_EMBEDDED_DB_PORT", "54329"));
        embedded = EmbeddedDatabase.start(dir.resolve("postgres"), port);
        url = embedded.jdbcUrl();
      }
      String user = env.getOrDefault("TELOPS_DB_USER", embedded != null ? embedded.user() : null);
      try (HikariDataSource ds = Databases.pool(url, user, env.get("TELOPS_DB_PASSWORD"), 2, "telops-migrate")) {
        Migrate.Result r = Migrate.run(ds, Migrate.TimescaleMode.parse(env.get("TELOPS_TIMESCALE")));
        out.println("schema at version " + r.schemaVersion() + ": " + r.applied() + " script(s) applied, TimescaleDB "
            + (r.timescale() ? "in use" : "not in use"));
        return 0;
      }
    } catch (RuntimeException e) {
      err.println("migrate failed: " + e.getMessage());
      return 1;
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  public static void main(String[] args) {
    System.exit(run(System.getenv(), System.out, System.err));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
