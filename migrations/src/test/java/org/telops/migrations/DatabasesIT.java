package org.telops.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Databases.pool against real failures: nothing listening, a database that does not exist, a wrong password.
 * Each failure takes Hikari's initializationFailTimeout (10 s) of retries, so those tests run concurrently with
 * each other (the class itself runs alone).
 *
 * <p>The embedded server trusts every local connection (zonky runs initdb with trust authentication), so for the
 * password case a role is made that pg_hba.conf puts behind scram-sha-256.
 */
@DisplayName("Connection pool start-up errors")
class DatabasesIT {
  private static final String ROLE = "telops_app";
  private static final String PASSWORD = "right-password";

  @TempDir
  static Path dir;
  private static EmbeddedDatabase db;

  @BeforeAll
  static void start() throws SQLException, java.io.IOException {
    db = EmbeddedDatabase.start(dir.resolve("pg"), StorageOutline.freePort());
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("SET password_encryption = 'scram-sha-256'");
      s.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
      Path hba = Path.of(StorageOutline.string(c, "SHOW hba_file"));
      String rules = Files.readString(hba, StandardCharsets.UTF_8);
      // pg_hba.conf is read top-down: this line must come before zonky's "trust" ones.
      Files.writeString(hba, "host all " + ROLE + " 127.0.0.1/32 scram-sha-256\n" + rules, StandardCharsets.UTF_8);
      assertThat(StorageOutline.string(c, "SELECT pg_reload_conf()")).isEqualTo("t");
      assertThat(StorageOutline.strings(c, "SELECT error FROM pg_hba_file_rules WHERE error IS NOT NULL")).isEmpty();
    }
  }

  @AfterAll
  static void stop() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  @DisplayName("Nothing listening on the port gives one line naming the server, the refusal and the fix, without the URL's parameters.")
  @Execution(ExecutionMode.CONCURRENT)
  void refusedConnection() {
    int port = StorageOutline.freePort();
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/telops?ApplicationName=telops-test";

    assertThatThrownBy(() -> Databases.pool(url, "telops", "secret", 2, "refused-test").close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot reach PostgreSQL at 127.0.0.1:" + port + "/telops: connection refused — set "
            + "TELOPS_DB_URL or unset it to use the embedded database");
  }

  @Test
  @DisplayName("A database that does not exist on a running server is named as missing, with the fix.")
  @Execution(ExecutionMode.CONCURRENT)
  void unknownDatabase() {
    String url = "jdbc:postgresql://127.0.0.1:" + db.port() + "/no_such_db";

    assertThatThrownBy(() -> Databases.pool(url, "postgres", null, 2, "missing-db-test").close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("PostgreSQL at 127.0.0.1:" + db.port() + "/no_such_db has no such database — create it or fix "
            + "TELOPS_DB_URL");
  }

  @Test
  @DisplayName("A wrong password gives the authentication message naming the user and the settings to check.")
  @Execution(ExecutionMode.CONCURRENT)
  void wrongPassword() {
    String url = "jdbc:postgresql://127.0.0.1:" + db.port() + "/postgres";

    assertThatThrownBy(() -> Databases.pool(url, ROLE, "wrong-password", 2, "auth-test").close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("PostgreSQL at 127.0.0.1:" + db.port() + "/postgres refused user '" + ROLE + "': authentication "
            + "failed — check TELOPS_DB_USER and TELOPS_DB_PASSWORD");
  }

  @Test
  @DisplayName("The right password for the same user opens a working pool, so the wrong-password failure is the password's doing.")
  void rightPassword() throws SQLException {
    String url = "jdbc:postgresql://127.0.0.1:" + db.port() + "/postgres";

    try (HikariDataSource pool = Databases.pool(url, ROLE, PASSWORD, 2, "ok-test");
        Connection c = pool.getConnection()) {
      assertThat(StorageOutline.string(c, "SELECT current_user")).isEqualTo(ROLE);
      assertThat(pool.getHikariConfigMXBean().getMaximumPoolSize()).isEqualTo(2);
    }
  }
  @Test
  @DisplayName("A pool whose PostgreSQL stopped fails getConnection within about a second, not after the 10 s wait.")
  void stoppedDatabaseFailsFast() throws Exception {
    EmbeddedDatabase own = EmbeddedDatabase.start(dir.resolve("stopped"), StorageOutline.freePort());
    try (HikariDataSource pool = Databases.pool(own.jdbcUrl(), own.user(), null, 2, "stopped-test")) {
      try (Connection c = pool.getConnection()) {
        assertThat(StorageOutline.string(c, "SELECT 1")).isEqualTo("1");
      }
      Thread.sleep(600); // idle past Hikari's 500 ms bypass window: the pooled connection is validated, and found dead
      own.stop();
      long t0 = System.nanoTime();
      assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("getConnection on a stopped PostgreSQL failed after %d ms%n", ms);
      assertThat(ms).as("ms to fail with PostgreSQL stopped").isLessThan(3_000);
    } finally {
      own.close();
    }
  }

  @Test
  @DisplayName("A busy pool on a running PostgreSQL still makes a caller wait past one attempt, until a connection is returned.")
  void busyPoolStillWaits() throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + db.port() + "/postgres";
    try (HikariDataSource pool = Databases.pool(url, "postgres", null, 1, "busy-test")) {
      Connection held = pool.getConnection();
      Thread releaser = new Thread(() -> {
        try {
          Thread.sleep(2_500);
          held.close();
        } catch (InterruptedException | SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      releaser.start();
      long t0 = System.nanoTime();
      try (Connection c = pool.getConnection()) {
        assertThat(StorageOutline.string(c, "SELECT 1")).isEqualTo("1");
      }
      assertThat((System.nanoTime() - t0) / 1_000_000).as("ms waited for the busy pool")
          .isGreaterThanOrEqualTo(2_000).isLessThan(Databases.CONNECTION_WAIT_MS);
      releaser.join();
    }
  }
}
