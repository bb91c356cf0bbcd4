package org.telops.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Databases.explain on the causes PgJDBC reports, without a server (DatabasesIT covers real failures). */
@DisplayName("Connection error explanations")
class DatabasesTest {
  private static final String URL = "jdbc:postgresql://db.example:5432/telops?sslmode=require";

  private static RuntimeException wrapped(Throwable cause) {
    return new RuntimeException("Failed to initialize pool", cause);
  }

  @Test
  @DisplayName("A refused connection names the host, port and database but not the URL parameters.")
  void refused() {
    Throwable e = wrapped(new SQLException("Connection to db.example:5432 refused.", "08001",
        new ConnectException("Connection refused")));
    assertThat(Databases.explain(URL, "telops", e)).isEqualTo("cannot reach PostgreSQL at db.example:5432/telops: "
        + "connection refused — set TELOPS_DB_URL or unset it to use the embedded database");
  }

  @Test
  @DisplayName("An unknown host is named in the message.")
  void unknownHost() {
    Throwable e = wrapped(new SQLException("The connection attempt failed.", "08001",
        new UnknownHostException("db.example")));
    assertThat(Databases.explain(URL, "telops", e)).isEqualTo("cannot reach PostgreSQL at db.example:5432/telops: "
        + "unknown host db.example — set TELOPS_DB_URL or unset it to use the embedded database");
  }

  @Test
  @DisplayName("A timeout is reported as a timed-out connection.")
  void timeout() {
    Throwable e = wrapped(new SQLException("The connection attempt failed.", "08001",
        new SocketTimeoutException("Connect timed out")));
    assertThat(Databases.explain(URL, "telops", e)).isEqualTo("cannot reach PostgreSQL at db.example:5432/telops: "
        + "connection timed out — set TELOPS_DB_URL or unset it to use the embedded database");
  }

  @Test
  @DisplayName("SQL state 28P01 found below the top of the cause chain gives the authentication message.")
  void authenticationFromNestedSqlState() {
    Throwable e = wrapped(new SQLException("password authentication failed for user \"telops\"", "28P01"));
    assertThat(Databases.explain(URL, "telops", e)).isEqualTo("PostgreSQL at db.example:5432/telops refused user "
        + "'telops': authentication failed — check TELOPS_DB_USER and TELOPS_DB_PASSWORD");
  }

  @Test
  @DisplayName("Any other cause is quoted as it is.")
  void otherCause() {
    Throwable e = wrapped(new SQLException("FATAL: sorry, too many clients already", "53300"));
    assertThat(Databases.explain(URL, "telops", e)).isEqualTo("cannot reach PostgreSQL at db.example:5432/telops: "
        + "FATAL: sorry, too many clients already — set TELOPS_DB_URL or unset it to use the embedded database");
  }

  @Test
  @DisplayName("A pool timeout after a refused or shut-down connect means PostgreSQL is away; too many connections or none failed is a busy pool.")
  void databaseRefuses() {
    assertThat(Databases.databaseRefuses(new java.sql.SQLTransientConnectionException("timed out", "08001"), null, 10)).isTrue();
    assertThat(Databases.databaseRefuses(new java.sql.SQLTransientConnectionException("timed out", "57P03"), null, 10)).isTrue();
    assertThat(Databases.databaseRefuses(new java.sql.SQLTransientConnectionException("timed out", "53300"), null, 10)).isFalse();
    assertThat(Databases.databaseRefuses(new java.sql.SQLTransientConnectionException("timed out"), null, 10)).isFalse();
  }
}
