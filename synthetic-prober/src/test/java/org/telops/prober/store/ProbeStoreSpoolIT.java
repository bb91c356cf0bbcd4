package org.telops.prober.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.migrations.Databases;
import org.telops.migrations.EmbeddedDatabase;
import org.telops.migrations.Migrate;
import org.telops.prober.probe.ProbeResult;
import org.telops.prober.region.HealthStatus;
import org.telops.prober.region.HealthTransition;

/** Probe results while PostgreSQL is away: spooled (fsynced), kept across a restart, written once when it is back. */
class ProbeStoreSpoolIT {

  @Test
  @DisplayName("With PostgreSQL stopped probe results go to the spool; a restarted prober keeps them; the replay writes each once, redone safely")
  void spoolsAndReplaysOnce() throws Exception {
    Path dir = Files.createTempDirectory("telops-probe-spool");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), port);
    try (HikariDataSource ds = Databases.pool(db.jdbcUrl(), db.user(), null, 2, "probe-spool-it")) {
      Migrate.run(ds, Migrate.TimescaleMode.parse("off"));
      ds.setConnectionTimeout(1_000);
      Path spoolFile = dir.resolve("spool").resolve("probe-results.spool");
      ProbeStore store = new ProbeStore(ds, spoolFile);
      Instant t0 = Instant.parse("2026-12-05T03:00:00Z");
      store.record(result(t0), health(HealthStatus.HEALTHY, 1, t0), Optional.empty()); // stored directly

      db.stop();
      store.record(result(t0.plusSeconds(30)), health(HealthStatus.DEGRADED, 2, t0), Optional.of(
          new HealthTransition("eu-west", "twilio", HealthStatus.HEALTHY, HealthStatus.DEGRADED, "no-audio", t0.plusSeconds(30))));
      store.record(result(t0.plusSeconds(60)), health(HealthStatus.REMOVED, 3, t0), Optional.of(
          new HealthTransition("eu-west", "twilio", HealthStatus.DEGRADED, HealthStatus.REMOVED, "no-audio", t0.plusSeconds(60))));
      assertThat(store.spooled()).isEqualTo(2);
      assertThat(store.replay()).as("PostgreSQL still away").isFalse();
      store.close();

      // A restart of the prober on the same data directory finds them.
      ProbeStore again = new ProbeStore(ds, spoolFile);
      assertThat(again.spooled()).isEqualTo(2);
      Path copy = dir.resolve("spool-before-replay");
      Files.copy(spoolFile, copy);

      db.restart();
      awaitReplay(again);
      assertThat(again.spooled()).isZero();
      assertThat(count(ds, "SELECT count(*) FROM probe_results")).isEqualTo(3);
      assertThat(count(ds, "SELECT count(*) FROM region_health_events WHERE region = 'eu-west'")).isEqualTo(2);
      assertThat(count(ds, "SELECT count(*) FROM region_health WHERE region = 'eu-west' AND status = 'removed' "
          + "AND consecutive_failures = 3")).isEqualTo(1);
      again.close();

      // A crash between the replay's commits and the spool's truncation: the same records are replayed again.
      Files.copy(copy, spoolFile, StandardCopyOption.REPLACE_EXISTING);
      ProbeStore redo = new ProbeStore(ds, spoolFile);
      assertThat(redo.replay()).isTrue();
      assertThat(count(ds, "SELECT count(*) FROM probe_results")).isEqualTo(3);
      assertThat(count(ds, "SELECT count(*) FROM region_health_events WHERE region = 'eu-west'")).isEqualTo(2);
      redo.close();
    } finally {
      db.close();
    }
  }

  private static void awaitReplay(ProbeStore store) throws InterruptedException {
    for (int i = 0; i < 100 && !store.replay(); i++) {
      Thread.sleep(200);
    }
  }

  private static ProbeResult result(Instant at) {
    return new ProbeResult(UUID.randomUUID(), at, "eu-west", "twilio", "+15550100", "CA" + at.getEpochSecond(), false,
        "no-audio", "no frame in 5 s", 900, null, null, null, null, null, "1234#", null, null, null, null, 6, "USD", 1400L);
  }

  private static HealthRow health(HealthStatus s, int failures, Instant changed) {
    return new HealthRow("eu-west", "twilio", s, failures, 0, "no-audio", changed);
  }

  private static long count(HikariDataSource ds, String sql) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
