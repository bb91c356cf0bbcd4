package org.telops.dashboards;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.telops.migrations.EmbeddedDatabase;
import org.telops.migrations.Migrate;
import org.telops.migrations.Migrate.TimescaleMode;
import org.telops.migrations.timescale.TimescaleServer;

/**
 * A migrated database holding {@code seed.sql} (a day of data in every table): an embedded plain PostgreSQL in a
 * folder, or the TimescaleDB test database (PGlite), seeded the same way.
 */
final class SeededDatabase {
  private SeededDatabase() {}

  static final String MARK_ALL = "INSERT INTO rollup_dirty (source, bucket) "
      + "SELECT DISTINCT 'calls', telops_bucket5(attempted_at) FROM calls WHERE attempted_at IS NOT NULL "
      + "UNION SELECT DISTINCT 'samples', telops_bucket5(sampled_at) FROM call_quality_samples "
      + "UNION SELECT DISTINCT 'turns', telops_bucket5(started_at) FROM call_turns";

  /** @param refresh whether to refresh the rollups after seeding, as the quality-analyzer does every 30 s */
  static EmbeddedDatabase start(Path dir, boolean refresh) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), port);
    Migrate.run(db.dataSource(), TimescaleMode.OFF);
    try (Connection c = db.dataSource().getConnection()) {
      seed(c, refresh);
    }
    return db;
  }

  /**
   * The one connection PGlite serves, on TimescaleDB with every common and timescale migration applied (calls,
   * samples, turns and probes are hypertables), seeded and its rollups refreshed.
   */
  static Connection timescale(TimescaleServer server) throws Exception {
    Connection c = server.connect();
    TimescaleServer.migrate(c);
    seed(c, true);
    return c;
  }

  private static void seed(Connection c, boolean refresh) throws Exception {
    try (Statement st = c.createStatement();
         InputStream seed = SeededDatabase.class.getResourceAsStream("/seed.sql")) {
      st.execute(new String(seed.readAllBytes(), StandardCharsets.UTF_8));
      // The seed writes as a telops writer does: with the marks that bring its buckets into the rollups.
      st.execute(MARK_ALL);
      if (refresh) {
        st.execute("SELECT telops_refresh_rollups()");
      }
    }
  }
}
