package org.telops.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.telops.migrations.EmbeddedDatabase;

/**
 * Every PostgreSQL query of every dashboard, expanded as Grafana expands it, run on a migrated embedded PostgreSQL
 * holding a day of data, as the read-only role telops_grafana the datasource connects as.
 */
@DisplayName("Dashboard SQL on a migrated database")
class PanelQueriesIT {
  @TempDir
  static Path dir;
  private static EmbeddedDatabase db;
  private static Connection grafana;

  @BeforeAll
  static void start() throws Exception {
    db = SeededDatabase.start(dir, true);
    grafana = db.dataSource().getConnection();
    try (Statement st = grafana.createStatement()) {
      st.execute("SET ROLE telops_grafana");
    }
  }

  @AfterAll
  static void stop() throws SQLException {
    if (grafana != null) {
      grafana.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @TestFactory
  @DisplayName("Over the last 24 h with every variable at All, every panel query runs and returns rows.")
  Stream<DynamicTest> last24HoursAllValues() {
    Instant to = Instant.now();
    return queries(new GrafanaSql(to.minus(Duration.ofHours(24)), to, false), false);
  }

  @TestFactory
  @DisplayName("Over the last 7 days with each variable narrowed to one value, every panel query runs.")
  Stream<DynamicTest> last7DaysOneValue() {
    Instant to = Instant.now();
    return queries(new GrafanaSql(to.minus(Duration.ofDays(7)), to, false), true);
  }

  private Stream<DynamicTest> queries(GrafanaSql grafanaSql, boolean narrow) {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode d : Dashboards.all()) {
      for (Dashboards.Query q : Dashboards.panelQueries(d)) {
        if (q.sql() == null) {
          continue;
        }
        tests.add(DynamicTest.dynamicTest(q.where(), () -> {
          Map<String, List<String>> vars = variables(d, grafanaSql, narrow);
          String sql = grafanaSql.expandMacros(GrafanaSql.interpolate(q.sql(), vars));
          int rows = rows(sql, q.where());
          if (!narrow) {
            assertThat(rows).as(q.where() + " returned no rows:\n" + sql).isPositive();
          }
        }));
      }
    }
    assertThat(tests).hasSizeGreaterThan(30);
    return tests.stream();
  }

  /** Runs each query variable of the dashboard as Grafana does; All = every value, narrow = the first. */
  private static Map<String, List<String>> variables(JsonNode d, GrafanaSql grafanaSql, boolean narrow)
      throws SQLException {
    Map<String, List<String>> vars = new LinkedHashMap<>();
    for (JsonNode v : Dashboards.variables(d)) {
      if (!"query".equals(v.path("type").asText())) {
        continue;
      }
      String where = d.path("title").asText() + " / $" + v.path("name").asText();
      List<String> values = new ArrayList<>();
      try (Statement st = grafana.createStatement();
           ResultSet rs = st.executeQuery(grafanaSql.expandMacros(v.path("query").asText()))) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
      assertThat(values).as(where + " has no values").isNotEmpty();
      vars.put(v.path("name").asText(), narrow ? values.subList(0, 1) : values);
    }
    return vars;
  }

  private static int rows(String sql, String where) {
    try (Statement st = grafana.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int n = 0;
      while (rs.next()) {
        n++;
      }
      return n;
    } catch (SQLException e) {
      throw new AssertionError(where + " failed on PostgreSQL: " + e.getMessage() + "\n" + sql, e);
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
      }).as(sql).isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql).isEqualTo("42501"));
    }
  }

}
