package org.telops.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL keeps its data in the directory it is given, across restarts, on the same port. */
@DisplayName("Embedded PostgreSQL")
class EmbeddedDatabaseIT {
  @TempDir
  Path dir;

  @Test
  @DisplayName("A row written before restart() is there afterwards, served on the same port from the same directory.")
  void restartKeepsData() throws SQLException {
    int port = StorageOutline.freePort();
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), port)) {
      assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
      assertThat(db.user()).isEqualTo("postgres");
      assertThat(dir.resolve("pg/PG_VERSION")).exists();
      String startedBefore;
      try (Connection c = connect(db)) {
        write(c, "before-restart");
        startedBefore = StorageOutline.string(c, "SELECT pg_postmaster_start_time()::text");
      }

      db.restart();

      assertThat(db.port()).isEqualTo(port);
      try (Connection c = connect(db)) {
        assertThat(StorageOutline.string(c, "SELECT pg_postmaster_start_time()::text"))
            .as("a new server process").isNotEqualTo(startedBefore);
        assertThat(StorageOutline.strings(c, "SELECT note FROM survivors")).containsExactly("before-restart");
      }
    }
  }

  @Test
  @DisplayName("After stop() the port refuses connections, and a new start on the same directory and port finds the row.")
  void stopThenStartAgainKeepsData() throws SQLException {
    Path data = dir.resolve("pg");
    int port = StorageOutline.freePort();
    EmbeddedDatabase first = EmbeddedDatabase.start(data, port);
    try (Connection c = connect(first)) {
      write(c, "before-stop");
    } finally {
      first.stop();
    }
    assertThat(accepts(port)).as("nothing listens after stop()").isFalse();
    assertThat(Files.exists(data.resolve("PG_VERSION"))).as("stop() keeps the data directory").isTrue();

    try (EmbeddedDatabase second = EmbeddedDatabase.start(data, port); Connection c = connect(second)) {
      assertThat(StorageOutline.strings(c, "SELECT note FROM survivors")).containsExactly("before-stop");
      write(c, "after-start");
      assertThat(StorageOutline.string(c, "SELECT count(*) FROM survivors")).isEqualTo("2");
    }
  }

  private static void write(Connection c, String note) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS survivors (note text NOT NULL)");
      s.execute("INSERT INTO survivors VALUES ('" + note + "')");
    }
  }

  /** Through the URL (not the DataSource object), as another process would connect. */
  private static Connection connect(EmbeddedDatabase db) throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), "");
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
