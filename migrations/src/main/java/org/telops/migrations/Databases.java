package org.telops.migrations;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.SQLException;
import java.util.Locale;

/** Opens the connection pool and turns "it didn't connect" into a sentence an operator can act on. */
public final class Databases {
  private Databases() {}

  public static HikariDataSource pool(String jdbcUrl, String user, String password, int size, String name) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(jdbcUrl);
    c.setUsername(user);
    c.setPassword(password);
    c.setMaximumPoolSize(size);
    c.setPoolName(name);
    // Fail fast at start with the real cause, instead of serving with a dead pool.
    c.setInitializationFailTimeout(10_000);
    c.setConnectionTimeout(10_000);
    c.addDataSourceProperty("reWriteBatchedInserts", "true");
    c.addDataSourceProperty("tcpKeepAlive", "true");
    try {
      return new HikariDataSource(c);
    } catch (HikariPool.PoolInitializationException e) {
      throw new IllegalStateException(explain(jdbcUrl, user, e), e);
    }
  }

  /** One line naming the server, the reason and the fix. */
  static String explain(String jdbcUrl, String user, Throwable e) {
    Throwable root = e;
    String sqlState = null;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof SQLException s && s.getSQLState() != null) {
        sqlState = s.getSQLState();
      }
      root = root.getCause();
    }
    if (root instanceof SQLException s && s.getSQLState() != null) {
      sqlState = s.getSQLState();
    }
    String where = jdbcUrl.replaceFirst("^jdbc:postgresql://", "").replaceAll("\\?.*$", "");
    String msg = String.valueOf(root.getMessage()).toLowerCase(Locale.ROOT);
    String reason;
    if (msg.contains("refused")) {
      reason = "connection refused";
    } else if ("28P01".equals(sqlState) || "28000".equals(sqlState)) {
      return "PostgreSQL at " + where + " refused user '" + user + "': authentication failed — check "
          + "TELOPS_DB_USER and TELOPS_DB_PASSWORD";
    } else if ("3D000".equals(sqlState)) {
      return "PostgreSQL at " + where + " has no such database — create it or fix TELOPS_DB_URL";
    } else if (root instanceof java.net.UnknownHostException) {
      reason = "unknown host " + root.getMessage();
    } else if (msg.contains("timed out") || msg.contains("timeout")) {
      reason = "connection timed out";
    } else {
      reason = root.getMessage();
    }
    return "cannot reach PostgreSQL at " + where + ": " + reason
        + " — set TELOPS_DB_URL or unset it to use the embedded database";
  }
}
