package org.telops.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;
import org.telops.migrations.EmbeddedDatabase;
import org.telops.migrations.timescale.TimescaleServer;

/**
 * Every PostgreSQL query of every dashboard, expanded as Grafana expands it, run on a migrated database holding a
 * day of data, as the read-only role telops_grafana the datasource connects as: on plain PostgreSQL (embedded
 * PostgreSQL 17, the datasource's TimescaleDB flag off) and on TimescaleDB (the PGlite test database, where calls,
 * samples, turns and probes are hypertables; the flag on, so {@code $__timeGroup} is {@code time_bucket}).
 */
@DisplayName("Dashboard SQL on a migrated database")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class PanelQueriesIT {

  @Nested
  @Order(1)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("Plain PostgreSQL 17 (embedded; $__timeGroup as floor(extract(epoch …)))")
  class PlainPostgres extends OnDatabase {
    private EmbeddedDatabase db;

    PlainPostgres() {
      super("PostgreSQL", false);
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
      db = SeededDatabase.start(dir, true);
      connect(db.dataSource().getConnection());
    }

    @AfterAll
    void stop() throws Exception {
      disconnect(db);
    }
  }

  @Nested
  @Order(2)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  @DisplayName("TimescaleDB 2.23 (PGlite, hypertables; $__timeGroup as time_bucket)")
  class Timescale extends OnDatabase {
    private TimescaleServer server;
    /** Why PGlite could not be had outside CI; each test is then reported as skipped with it. */
    private String unavailable;
    private List<String> hypertables;

    Timescale() {
      super("TimescaleDB", true);
    }

    @BeforeAll
    void start() throws Exception {
      try {
        server = TimescaleServer.start();
      } catch (TestAbortedException e) {
        unavailable = e.getMessage(); // aborting here would show as "Tests run: 0" in the Failsafe report
        return;
      }
      Connection c = SeededDatabase.timescale(server);
      hypertables = new ArrayList<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT hypertable_name FROM timescaledb_information.hypertables WHERE hypertable_schema = 'public'")) {
        while (rs.next()) {
          hypertables.add(rs.getString(1));
        }
      }
      connect(c);
    }

    @BeforeEach
    void skipWhenUnavailable() {
      Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    @AfterAll
    void stop() throws Exception {
      disconnect(server);
    }

    @Test
    @DisplayName("The database under test is TimescaleDB: calls, quality samples, turns and probe results are hypertables.")
    void hypertables() {
      assertThat(hypertables).contains("calls", "call_quality_samples", "call_turns", "probe_results");
    }

    /** Last: the queries above read uncompressed chunks, as the last week's data is. */
    @TestFactory
    @Order(Order.DEFAULT + 1)
    @DisplayName("With every chunk compressed, as the compression policy leaves data older than 7 days, every variable and panel query still runs and returns rows over the last 24 h.")
    Stream<DynamicTest> compressedChunks() throws SQLException {
      List<String> compress = new ArrayList<>();
      for (String table : hypertables) {
        compress.add("SELECT compress_chunk(c) FROM show_chunks('" + table + "') c");
      }
      assertThat(asOwner(compress)).as("chunks compressed").isPositive();
      return last24HoursAllValues();
    }
  }

  /** The tests, on one database: {@link #connect} before them, {@link #disconnect} after. */
  abstract static class OnDatabase {
    private final String database;
    private final boolean timescale;
    private Connection grafana;

    OnDatabase(String database, boolean timescale) {
      this.database = database;
      this.timescale = timescale;
    }

    /** Takes the seeded database's connection and becomes telops_grafana on it. */
    void connect(Connection c) throws SQLException {
      grafana = c;
      try (Statement st = grafana.createStatement()) {
        st.execute("SET ROLE telops_grafana");
      }
    }

    /** Runs {@code statements} as the owner (RESET ROLE), then becomes telops_grafana again; the rows they return. */
    int asOwner(List<String> statements) throws SQLException {
      int rows = 0;
      try (Statement st = grafana.createStatement()) {
        st.execute("RESET ROLE");
        for (String sql : statements) {
          try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
              rows++;
            }
          }
        }
        st.execute("SET ROLE telops_grafana");
      }
      return rows;
    }

    /** Closes the connection, then the database it came from; either may be null (not started). */
    void disconnect(AutoCloseable database) throws Exception {
      try (AutoCloseable last = database; Connection first = grafana) {
        // closed in reverse order of declaration, the database even when closing the connection fails
      }
    }

    @TestFactory
    @DisplayName("Over the last 24 h with every variable at All, every variable and panel query runs and returns rows.")
    Stream<DynamicTest> last24HoursAllValues() {
      Instant to = Instant.now();
      return queries(new GrafanaSql(to.minus(Duration.ofHours(24)), to, timescale), false);
    }

    @TestFactory
    @DisplayName("Over the last 7 days with each variable narrowed to one value, every variable and panel query runs.")
    Stream<DynamicTest> last7DaysOneValue() {
      Instant to = Instant.now();
      return queries(new GrafanaSql(to.minus(Duration.ofDays(7)), to, timescale), true);
    }

    private Stream<DynamicTest> queries(GrafanaSql grafanaSql, boolean narrow) {
      List<DynamicTest> tests = new ArrayList<>();
      // A dashboard's variable queries run once per range, at its first panel, as Grafana runs them on load.
      Map<String, Map<String, List<String>>> variables = new HashMap<>();
      for (JsonNode d : Dashboards.all()) {
        for (Dashboards.Query q : Dashboards.panelQueries(d)) {
          if (q.sql() == null) {
            continue;
          }
          tests.add(DynamicTest.dynamicTest(q.where(), () -> {
            Map<String, List<String>> vars = variables.get(q.dashboard());
            if (vars == null) {
              vars = variables(d, grafanaSql, narrow);
              variables.put(q.dashboard(), vars);
            }
            String sql = grafanaSql.expandMacros(GrafanaSql.interpolate(q.sql(), vars));
            int rows = rows(sql, q.where());
            if (!narrow) {
              assertThat(rows).as(q.where() + " returned no rows on " + database + ":\n" + sql).isPositive();
            }
          }));
        }
      }
      assertThat(tests).hasSizeGreaterThan(30);
      return tests.stream();
    }

    /** Runs each query variable of the dashboard as Grafana does; All = every value, narrow = the first. */
    private Map<String, List<String>> variables(JsonNode d, GrafanaSql grafanaSql, boolean narrow) {
      Map<String, List<String>> vars = new LinkedHashMap<>();
      for (JsonNode v : Dashboards.variables(d)) {
        if (!"query".equals(v.path("type").asText())) {
          continue;
        }
        String where = d.path("title").asText() + " / $" + v.path("name").asText();
        List<String> values = new ArrayList<>();
        String sql = grafanaSql.expandMacros(v.path("query").asText());
        try (Statement st = grafana.createStatement(); ResultSet rs = st.executeQuery(sql)) {
          while (rs.next()) {
            values.add(rs.getString(1));
          }
        } catch (SQLException e) {
          throw new AssertionError(where + " failed on " + database + ": " + e.getMessage() + "\n" + sql, e);
        }
        assertThat(values).as(where + " has no values on " + database).isNotEmpty();
        vars.put(v.path("name").asText(), narrow ? values.subList(0, 1) : values);
      }
      return vars;
    }

    private int rows(String sql, String where) {
      try (Statement st = grafana.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        int n = 0;
        while (rs.next()) {
          n++;
        }
        return n;
      } catch (SQLException e) {
        throw new AssertionError(where + " failed on " + database + ": " + e.getMessage() + "\n" + sql, e);
      }
    }

    @Test
    @DisplayName("telops_grafana may not write, read subscriber numbers (calls itself, invoice_lines.to_number), or read tables the dashboards do not use.")
    void readOnlyRole() throws SQLException {
      try (Statement st = grafana.createStatement(); ResultSet rs = st.executeQuery("SELECT current_user")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("telops_grafana");
      }
      for (String sql : List.of(
          "INSERT INTO tenants (tenant_id, name) VALUES ('evil', 'Evil')",
          "UPDATE calls SET mos = 4.5",
          "DELETE FROM incidents",
          "SELECT call_id FROM calls LIMIT 1",
          "UPDATE grafana_calls SET mos = 4.5",
          "SELECT to_number FROM invoice_lines LIMIT 1",
          "SELECT password_hash FROM users LIMIT 1",
          "SELECT * FROM audit_log LIMIT 1",
          "CREATE TABLE grafana_scratch (x int)")) {
        assertThatThrownBy(() -> {
          try (Statement st = grafana.createStatement()) {
            st.execute(sql);
          }
        }).as(sql + " on " + database).isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql).isEqualTo("42501"));
      }
    }
  }
}
