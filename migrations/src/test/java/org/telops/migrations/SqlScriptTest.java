package org.telops.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The statement splitter TimescaleMigrationIT runs the migrations with. */
@DisplayName("SQL script splitting")
class SqlScriptTest {
  @Test
  @DisplayName("Semicolons and quotes inside comments, string literals and dollar quotes do not split a statement.")
  void splitsOnlyOnTopLevelSemicolons() {
    String sql = """
        -- the caller's turn; a comment
        CREATE TABLE t (a text CHECK (a ~ '^[a-z]{0,3}$;')); /* block; 'quote */
        COMMENT ON TABLE t IS 'it''s; fine';
        DO $body$ BEGIN PERFORM 1; END $body$;
        SELECT "odd;name" FROM t
        """;
    assertThat(SqlScript.split(sql)).containsExactly(
        "CREATE TABLE t (a text CHECK (a ~ '^[a-z]{0,3}$;'))",
        "COMMENT ON TABLE t IS 'it''s; fine'",
        "DO $body$ BEGIN PERFORM 1; END $body$",
        "SELECT \"odd;name\" FROM t");
  }

  @Test
  @DisplayName("The migrations load with their statement counts, and only V1_2 runs outside a transaction.")
  void loadsTheMigrations() {
    SqlScript v1 = SqlScript.load("db/migration/common/V1__storage_outline.sql");
    SqlScript v11 = SqlScript.load("db/migration/timescale/V1_1__hypertables.sql");
    SqlScript v12 = SqlScript.load("db/migration/timescale/V1_2__calls_5m_continuous_aggregate.sql");

    assertThat(v1.inTransaction()).isTrue();
    assertThat(v11.inTransaction()).isTrue();
    assertThat(v12.inTransaction()).isFalse();
    assertThat(v1.statements()).filteredOn(s -> s.startsWith("CREATE TABLE")).hasSize(StorageOutline.TABLES.size());
    assertThat(v1.statements()).last().asString().startsWith("CREATE VIEW calls_5m AS");
    assertThat(v11.statements()).hasSize(20).first().isEqualTo("DROP VIEW calls_5m");
    assertThat(v12.statements()).extracting(s -> String.join(" ", Arrays.copyOf(s.split("\\s+"), 2))).containsExactly(
        "CREATE MATERIALIZED", "ALTER MATERIALIZED", "SELECT add_continuous_aggregate_policy('calls_5m',",
        "SELECT add_retention_policy('calls_5m',");
    assertThat(List.of(v1, v11, v12)).allSatisfy(s -> assertThat(s.statements()).noneMatch(String::isBlank));
  }
}
