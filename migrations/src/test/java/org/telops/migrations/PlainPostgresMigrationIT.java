package org.telops.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telops.migrations.Migrate.TimescaleMode;

/**
 * The schema on plain PostgreSQL (no TimescaleDB), on each major version we support: 17 (the binaries the
 * platform ships) and 16. One server per version for the class, in a temporary data directory on a free port;
 * a new empty database per test.
 */
@DisplayName("Migrations on plain PostgreSQL 16 and 17")
class PlainPostgresMigrationIT {
  @TempDir
  static Path dataDirs;

  private static final Map<String, PlainServer> SERVERS = new ConcurrentHashMap<>();

  static PlainServer server(String major) {
    return SERVERS.computeIfAbsent(major, m -> PlainServer.start(m, dataDirs.resolve("pg" + m)));
  }

  @AfterAll
  static void stopServers() throws Exception {
    for (PlainServer s : SERVERS.values()) {
      s.close();
    }
    SERVERS.clear();
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(strings = {"17", "16"})
  @DisplayName("The server under test runs the PostgreSQL major and minor version the binaries promise.")
  void runsTheExpectedVersion(String major) throws SQLException {
    PlainServer server = server(major);
    try (Connection c = server.connect("postgres")) {
      assertThat(StorageOutline.string(c, "SHOW server_version")).startsWith(server.expectedVersion);
      assertThat(StorageOutline.string(c, "SELECT current_setting('server_version_num')::int / 10000 || ''"))
          .isEqualTo(major);
      assertThat(StorageOutline.strings(c, "SELECT name FROM pg_available_extensions WHERE name = 'timescaledb'"))
          .as("these binaries have no TimescaleDB, so the plain branch is what runs").isEmpty();
    }
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(strings = {"17", "16"})
  @DisplayName("In AUTO mode the common scripts are applied, TimescaleDB is reported as not in use and every table of the storage outline exists.")
  void autoAppliesTheCommonScripts(String major) throws SQLException {
    DataSource ds = server(major).newDatabase();

    Migrate.Result result = Migrate.run(ds, TimescaleMode.AUTO);

    assertThat(result.timescale()).isFalse();
    List<String> versions = Scripts.versions("db/migration/common");
    assertThat(result.applied()).isEqualTo(versions.size());
    assertThat(result.schemaVersion()).isEqualTo(versions.get(versions.size() - 1));
    try (Connection c = ds.getConnection()) {
      assertThat(StorageOutline.strings(c, "SELECT table_name FROM information_schema.tables "
          + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'"))
          .containsAll(StorageOutline.TABLES);
      assertThat(StorageOutline.string(c, "SELECT relkind::text FROM pg_class WHERE oid = 'public.calls_5m'::regclass"))
          .as("calls_5m is a plain view here").isEqualTo("v");
      assertThat(StorageOutline.columns(c, "calls_5m")).extracting(col -> col.split(" ")[0])
          .containsExactlyElementsOf(StorageOutline.CALLS_5M_COLUMNS);
      assertThat(StorageOutline.strings(c, "SELECT extname FROM pg_extension WHERE extname = 'timescaledb'")).isEmpty();
      assertThat(StorageOutline.strings(c, "SELECT version || ':' || success FROM flyway_schema_history "
          + "WHERE version IS NOT NULL ORDER BY installed_rank"))
          .containsExactlyElementsOf(versions.stream().map(v -> v + ":true").toList());
    }
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(strings = {"17", "16"})
  @DisplayName("The calls_5m view counts calls, answers, completions and failures and averages quality per carrier, region and 5-minute bucket.")
  void calls5mSumsPerBucket(String major) throws SQLException {
    DataSource ds = server(major).newDatabase();
    Migrate.run(ds, TimescaleMode.AUTO);

    try (Connection c = ds.getConnection()) {
      assertThat(StorageOutline.calls5m(c)).isEmpty();
      StorageOutline.insertCalls(c);
      assertThat(StorageOutline.calls5m(c)).containsExactlyElementsOf(StorageOutline.EXPECTED_CALLS_5M);
    }
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(strings = {"17", "16"})
  @DisplayName("Running the migrations a second time applies nothing and keeps the data.")
  void secondRunAppliesNothing(String major) throws SQLException {
    DataSource ds = server(major).newDatabase();
    int scripts = Scripts.versions("db/migration/common").size();
    assertThat(Migrate.run(ds, TimescaleMode.AUTO).applied()).isEqualTo(scripts);
    try (Connection c = ds.getConnection()) {
      StorageOutline.insertCalls(c);
    }

    Migrate.Result again = Migrate.run(ds, TimescaleMode.AUTO);

    assertThat(again.applied()).isZero();
    assertThat(again.timescale()).isFalse();
    // Not asserted: again.schemaVersion() is null here, because Migrate reports Flyway's targetSchemaVersion,
    // which Flyway leaves null when it applies nothing (so `telops migrate` prints "schema at version null").
    // The schema is still at the last version, as flyway_schema_history shows below.
    try (Connection c = ds.getConnection()) {
      assertThat(StorageOutline.string(c, "SELECT count(*) FROM flyway_schema_history WHERE version IS NOT NULL"))
          .isEqualTo(String.valueOf(scripts));
      assertThat(StorageOutline.string(c, "SELECT count(*) FROM calls")).isEqualTo("5");
    }
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(strings = {"17", "16"})
  @DisplayName("TimescaleMode ON on a server without TimescaleDB fails with a message naming the fix and changes nothing.")
  void onWithoutTimescaleFails(String major) throws SQLException {
    DataSource ds = server(major).newDatabase();

    assertThatThrownBy(() -> Migrate.run(ds, TimescaleMode.ON))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("TELOPS_TIMESCALE=on but the timescaledb extension is not installed on this server: "
            + "install TimescaleDB or set TELOPS_TIMESCALE=auto");
    try (Connection c = ds.getConnection()) {
      assertThat(StorageOutline.strings(c, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
          .as("nothing was migrated").isEmpty();
    }
  }
}
