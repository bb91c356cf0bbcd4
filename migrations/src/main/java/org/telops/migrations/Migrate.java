package org.telops.migrations;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the schema: {@code db/migration/common} always, {@code db/migration/timescale} only when the
 * timescaledb extension can be created. Out-of-order is allowed so a database that gains TimescaleDB
 * later still gets the (lower-numbered) Timescale scripts.
 */
public final class Migrate {
  private static final Logger log = LoggerFactory.getLogger(Migrate.class);

  /** TELOPS_TIMESCALE: auto (use it if installed), on (require it), off (never). */
  public enum TimescaleMode {
    AUTO, ON, OFF;

    public static TimescaleMode parse(String value) {
      if (value == null || value.isBlank()) {
        return AUTO;
      }
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("TELOPS_TIMESCALE=" + value + " is not valid: use auto, on or off");
      }
    }
  }

  /** What happened: whether TimescaleDB is in use and how many scripts ran. */
  public record Result(boolean timescale, int applied, String schemaVersion) {}

  private Migrate() {}

  public static Result run(DataSource dataSource, TimescaleMode mode) {
    boolean timescale = mode != TimescaleMode.OFF && enableTimescale(dataSource, mode);
    List<String> locations = new ArrayList<>(List.of("classpath:db/migration/common"));
    if (timescale) {
      locations.add("classpath:db/migration/timescale");
    }
    MigrateResult result = Flyway.configure()
        .dataSource(dataSource)
        .locations(locations.toArray(String[]::new))
        .outOfOrder(true)
        .loggers("slf4j")
        .load()
        .migrate();
    log.info("schema at version {} ({} script(s) applied now; TimescaleDB {})",
        result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
        result.migrationsExecuted, timescale ? "in use" : "not available: plain PostgreSQL tables and views");
    String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    return new Result(timescale, result.migrationsExecuted, version);
  }

  /** True when the extension is (now) created; false when it is not installed and mode is AUTO. */
  static boolean enableTimescale(DataSource dataSource, TimescaleMode mode) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      boolean available;
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")) {
        available = rs.next();
      }
      if (!available) {
        if (mode == TimescaleMode.ON) {
          throw new IllegalStateException("TELOPS_TIMESCALE=on but the timescaledb extension is not installed on "
              + "this server: install TimescaleDB or set TELOPS_TIMESCALE=auto");
        }
        return false;
      }
      s.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
      return true;
    } catch (SQLException e) {
      if (mode == TimescaleMode.ON) {
        throw new IllegalStateException("cannot enable TimescaleDB: " + e.getMessage(), e);
      }
      log.warn("timescaledb is installed but cannot be enabled ({}); using plain PostgreSQL. Add it to "
          + "shared_preload_libraries to use it.", e.getMessage());
      return false;
    }
  }
}
